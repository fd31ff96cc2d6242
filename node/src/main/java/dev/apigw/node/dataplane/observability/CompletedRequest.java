package dev.apigw.node.dataplane.observability;

import dev.apigw.node.dataplane.request.MethodRequest;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.node.dataplane.snapshot.LiveStage;
import java.time.Instant;
import java.util.Map;

/**
 * A request the data plane answered, as metrics and access logs see it. Fields after the
 * point where the request stopped are null (e.g. no stage for an unknown API).
 *
 * @param responseLength bytes, or -1 when streamed with unknown length
 * @param latencyMillis from receipt to the response head
 * @param integrationLatencyMillis time in the integration, or -1 when none was called
 * @param error the gateway error the request ended in, or null
 */
public record CompletedRequest(
    String requestId,
    String extendedRequestId,
    Instant received,
    ApiAddress address,
    LiveStage stage,
    MethodRequest request,
    String resourcePath,
    Map<String, Object> context,
    int status,
    long responseLength,
    long latencyMillis,
    long integrationLatencyMillis,
    GatewayError error) {}
