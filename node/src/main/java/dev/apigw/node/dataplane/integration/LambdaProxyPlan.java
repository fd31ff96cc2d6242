package dev.apigw.node.dataplane.integration;

import dev.apigw.node.dataplane.integration.lambda.LambdaFunctionUri;
import dev.apigw.node.dataplane.integration.lambda.LambdaInvoker;
import dev.apigw.node.dataplane.integration.lambda.MalformedLambdaResponseException;
import dev.apigw.node.dataplane.integration.lambda.ProxyEvent;
import dev.apigw.node.dataplane.integration.lambda.ProxyRequest;
import dev.apigw.node.dataplane.integration.lambda.ProxyResponse;
import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.node.dataplane.request.MethodRequest;
import dev.apigw.protocol.restapi.Integration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * {@code AWS_PROXY} to Lambda: the request becomes a payload format 1.0 event (binary media types
 * base64-encoded), the function's {@code {statusCode, headers, multiValueHeaders, body,
 * isBase64Encoded}} becomes the response. A function error or a malformed answer is AWS's 502
 * {@code Internal server error}.
 */
final class LambdaProxyPlan implements IntegrationPlan {
  private final LambdaInvoker lambda;
  private final UriTemplate uri;
  private final Duration timeout;

  LambdaProxyPlan(LambdaInvoker lambda, Integration integration, Duration timeout) {
    this.lambda = lambda;
    this.uri = new UriTemplate(integration.uri());
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<HttpResponse> invoke(Invocation inv) {
    MethodRequest r = inv.request();
    ProxyRequest event = ProxyRequest.of(inv, BinaryMediaTypes.isBinary(inv.api().binaryMediaTypes(), r.contentType()));
    String target;
    try {
      target = uri.fill(r.pathParameters(), inv.stageVariables());
    } catch (UriTemplate.DotSegmentException e) {
      return CompletableFuture.failedFuture(PathParameters.refused());
    }
    byte[] payload = ProxyEvent.toJson(event);
    if (inv.trace().enabled()) {
      inv.trace().endpointRequest(LambdaFunctionUri.invokeUrl(target), payload);
    }
    return lambda.invoke(target, payload, timeout)
        .handle((result, failure) -> {
          if (failure != null) {
            throw LambdaFailures.map(failure, target);
          }
          inv.trace().endpointResponse(result.status(), result.payload());
          if (result.isFunctionError()) {
            throw LambdaFailures.malformed();
          }
          try {
            return response(ProxyResponse.parse(result.payload()));
          } catch (MalformedLambdaResponseException e) {
            throw LambdaFailures.malformed();
          }
        });
  }

  private static HttpResponse response(ProxyResponse p) {
    List<HttpHeader> headers = new ArrayList<>();
    String contentType = "application/json";
    for (var entry : p.headers().entrySet()) {
      if (entry.getKey().equalsIgnoreCase("Content-Type")) {
        if (!entry.getValue().isEmpty()) {
          contentType = entry.getValue().get(entry.getValue().size() - 1);
        }
      } else if (!ProxyHeaders.dropped(entry.getKey().toLowerCase(java.util.Locale.ROOT))) {
        entry.getValue().forEach(v -> headers.add(RawHeader.create(entry.getKey(), v)));
      }
    }
    return HttpResponse.create()
        .withStatus(p.statusCode())
        .addHeaders(headers)
        .withEntity(HttpEntities.create(ResponseMapping.contentType(contentType), p.body()));
  }

}
