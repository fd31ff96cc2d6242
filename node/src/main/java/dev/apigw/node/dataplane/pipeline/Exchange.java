package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.observability.CompletedRequest;
import dev.apigw.node.dataplane.request.MethodRequest;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.GatewayResponses;
import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.node.dataplane.snapshot.LiveStage;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What one request's pipeline learned so far, for the error response, the access log and the
 * metrics. Written by the pipeline's steps in order (each step completes before the next starts),
 * read once at the end.
 */
final class Exchange {
  final String requestId;
  final String extendedId;
  final Instant received;
  final long startNanos;
  ApiAddress address;
  LiveStage stage;
  GatewayResponses responses;
  Map<String, String> stageVariables;
  MethodRequest request;
  String resourcePath;
  Map<String, Object> context;
  long integrationStartNanos;
  long integrationEndNanos;
  GatewayError error;

  Exchange(String requestId, String extendedId, Instant received, long startNanos) {
    this.requestId = requestId;
    this.extendedId = extendedId;
    this.received = received;
    this.startNanos = startNanos;
  }

  CompletedRequest view(int status, OptionalLong responseLength) {
    long now = System.nanoTime();
    long integrationMillis = integrationStartNanos == 0 || integrationEndNanos == 0
        ? -1 : (integrationEndNanos - integrationStartNanos) / 1_000_000;
    return new CompletedRequest(requestId, extendedId, received, address, stage, request, resourcePath, context,
        status, responseLength.orElse(-1), (now - startNanos) / 1_000_000, integrationMillis, error);
  }
}
