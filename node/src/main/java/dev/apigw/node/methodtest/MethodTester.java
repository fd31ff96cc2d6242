package dev.apigw.node.methodtest;

import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.RestApi;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Runs one method of a REST API's current definition (not a deployment) as {@code TestInvokeMethod} does at AWS:
 * without authorization, API keys, throttling or the stage cache. Declared here so that the control plane asks for it
 * and the data plane provides it without either depending on the other; the node wires them together at startup.
 */
@FunctionalInterface
public interface MethodTester {

  /** Runs the test; completes with the method's response, or fails with the control plane's 4xx when bad input. */
  CompletionStage<Result> test(Request request);

  /**
   * A test invocation.
   *
   * @param api the API's settings
   * @param definition its current definition
   * @param resourceId the resource whose method runs (it exists in {@code definition})
   * @param httpMethod the method (it exists on the resource)
   * @param pathWithQueryString the request's path and query string; null means the resource's path
   * @param body the request body, or null
   * @param headers single-value headers (may be empty)
   * @param multiValueHeaders multi-value headers (may be empty)
   * @param stageVariables the stage variables the request sees (may be empty)
   * @param clientCertificateId the client certificate presented to HTTPS backends, or null
   */
  record Request(RestApi api, ApiDefinition definition, String resourceId, String httpMethod,
      String pathWithQueryString, String body, Map<String, String> headers, Map<String, List<String>> multiValueHeaders,
      Map<String, String> stageVariables, String clientCertificateId) {}

  /**
   * AWS's {@code TestInvokeMethodResponse}.
   *
   * @param status the response's status code
   * @param body the response body (UTF-8)
   * @param headers the response headers, the last value of each
   * @param multiValueHeaders the response headers with every value
   * @param log the execution log of the request, in AWS's format
   * @param latency milliseconds from start to response
   */
  record Result(int status, String body, Map<String, String> headers, Map<String, List<String>> multiValueHeaders,
      String log, long latency) {}
}
