package dev.apigw.node.dataplane.request;

import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.protocol.restapi.Resource;
import dev.apigw.protocol.restapi.RestApi;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * One request on its way through a matched method: what every step after routing reads.
 *
 * @param requestId {@code x-amzn-RequestId}
 * @param address the API, stage and path the request named
 * @param api the REST API's settings (binary media types, API key source)
 * @param stageVariables the stage's variables (the canary's, for a canary request)
 * @param resource the matched resource
 * @param request the method request
 * @param httpRequest the request as received; its entity is consumed only by streaming integrations
 * @param context the {@code $context} tree templates and logs read
 * @param clientCertificateId the stage's client certificate, presented to HTTPS backends, or null
 * @param trace the request's execution log ({@link ExecutionTrace#OFF} when the method logs nothing)
 */
public record Invocation(
    String requestId,
    ApiAddress address,
    RestApi api,
    Map<String, String> stageVariables,
    Resource resource,
    MethodRequest request,
    HttpRequest httpRequest,
    Map<String, Object> context,
    String clientCertificateId,
    ExecutionTrace trace) {

  /** An invocation that presents no client certificate and writes no execution log. */
  public Invocation(String requestId, ApiAddress address, RestApi api, Map<String, String> stageVariables,
      Resource resource, MethodRequest request, HttpRequest httpRequest, Map<String, Object> context) {
    this(requestId, address, api, stageVariables, resource, request, httpRequest, context, null, ExecutionTrace.OFF);
  }

  /** The same invocation with {@code http} as the request received (e.g. its entity read into memory). */
  public Invocation withHttpRequest(HttpRequest http) {
    return new Invocation(requestId, address, api, stageVariables, resource, request, http, context,
        clientCertificateId, trace);
  }

  /** The same invocation with the body read. */
  public Invocation withBody(byte[] body) {
    return new Invocation(requestId, address, api, stageVariables, resource, request.withBody(body), httpRequest, context,
        clientCertificateId, trace);
  }
}
