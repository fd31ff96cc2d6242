package dev.apigw.node.dataplane.integration;

import dev.apigw.node.dataplane.integration.lambda.LambdaErrors;
import dev.apigw.node.dataplane.integration.lambda.LambdaFunctionUri;
import dev.apigw.node.dataplane.integration.lambda.LambdaInvoker;
import dev.apigw.node.dataplane.mapping.TemplateSettings;
import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.protocol.restapi.Integration;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * {@code AWS} (non-proxy) to Lambda: the request template's output is the payload; the function's
 * result goes through the integration responses. A function error is matched by its
 * {@code errorMessage} against the selection patterns (no match: the default response), as AWS does.
 */
final class LambdaPlan implements IntegrationPlan {
  private final LambdaInvoker lambda;
  private final UriTemplate uri;
  private final Duration timeout;
  private final RequestMapping request;
  private final ResponseMapping response;
  private final Executor renders;

  LambdaPlan(LambdaInvoker lambda, Integration integration, Duration timeout, TemplateSettings templates,
      Executor renders) {
    this.lambda = lambda;
    this.uri = new UriTemplate(integration.uri());
    this.timeout = timeout;
    this.request = new RequestMapping(integration, templates);
    this.response = new ResponseMapping(integration, templates);
    this.renders = renders;
  }

  @Override
  public CompletionStage<HttpResponse> invoke(Invocation inv) {
    // Both templates render on the template threads; the function is called from there.
    return CompletableFuture.supplyAsync(() -> request.apply(inv), renders).thenCompose(mapped -> call(inv, mapped));
  }

  private CompletionStage<HttpResponse> call(Invocation inv, RequestMapping.Mapped mapped) {
    String target;
    try {
      target = uri.fill(inv.request().pathParameters(), inv.stageVariables());
    } catch (UriTemplate.DotSegmentException e) {
      return CompletableFuture.failedFuture(PathParameters.refused());
    }
    byte[] payload = mapped.body() == null || mapped.body().length == 0 ? "{}".getBytes() : mapped.body();
    if (inv.trace().enabled()) {
      inv.trace().endpointRequest(LambdaFunctionUri.invokeUrl(target), payload);
    }
    return lambda.invoke(target, payload, timeout)
        .handleAsync((result, failure) -> {
          if (failure != null) {
            throw LambdaFailures.map(failure, target);
          }
          inv.trace().endpointResponse(result.status(), result.payload());
          return response.respond(inv, LambdaErrors.selectionSubject(result), 200, Map.of(), result.payload(),
              "application/json");
        }, renders);
  }
}
