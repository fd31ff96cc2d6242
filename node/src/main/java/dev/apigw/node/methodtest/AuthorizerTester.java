package dev.apigw.node.methodtest;

import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.Authorizer;
import dev.apigw.protocol.restapi.RestApi;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Runs one authorizer of a REST API's current definition as {@code TestInvokeAuthorizer} does at AWS: the Lambda
 * function (TOKEN, REQUEST) is called once, never from the authorizer cache; a Cognito authorizer checks the token.
 * Declared here so that the control plane asks for it and the data plane provides it without either depending on the
 * other; the node wires them together at startup.
 */
@FunctionalInterface
public interface AuthorizerTester {

  /** Runs the test; completes with its result (refusals included), or fails with the control plane's 4xx. */
  CompletionStage<Result> test(Request request);

  /**
   * A test invocation.
   *
   * @param api the API's settings
   * @param definition its current definition
   * @param authorizer the authorizer to run (it exists in {@code definition})
   * @param pathWithQueryString the request's path and query string; null means {@code /}
   * @param body the request body, or null
   * @param headers single-value headers (may be empty)
   * @param multiValueHeaders multi-value headers (may be empty)
   * @param stageVariables the stage variables the request sees (may be empty)
   * @param additionalContext extra {@code $context} variables (may be empty)
   */
  record Request(RestApi api, ApiDefinition definition, Authorizer authorizer, String pathWithQueryString, String body,
      Map<String, String> headers, Map<String, List<String>> multiValueHeaders, Map<String, String> stageVariables,
      Map<String, String> additionalContext) {}

  /**
   * AWS's {@code TestInvokeAuthorizerResponse}.
   *
   * @param clientStatus the status a client would have received (200 when allowed)
   * @param log the execution log of the test, in AWS's format
   * @param latency milliseconds from start to result
   * @param principalId what a Lambda authorizer named as principal, or null
   * @param policy the Lambda authorizer's policy document as JSON, or null
   * @param authorization a Lambda authorizer's {@code context} entries, each as a one-element list, or null
   * @param claims a Cognito authorizer's token claims, or null
   */
  record Result(int clientStatus, String log, long latency, String principalId, String policy,
      Map<String, List<String>> authorization, Map<String, String> claims) {}
}
