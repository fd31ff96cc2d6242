package dev.apigw.node.dataplane.httpapi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * One step of the {@link HttpPipeline}: completes with null to let the next step run, or with the response to answer
 * now. A refusal is an {@link HttpApiError} (thrown, or the stage's failure). A step never blocks.
 */
@FunctionalInterface
interface HttpStep {
  CompletionStage<HttpResponse> CONTINUE = CompletableFuture.completedFuture(null);

  CompletionStage<HttpResponse> apply(HttpExchange exchange);
}
