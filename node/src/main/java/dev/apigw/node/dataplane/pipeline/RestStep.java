package dev.apigw.node.dataplane.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * One step of the {@link RestPipeline}: it completes with null to let the next step run, or with the response to
 * answer now. A refusal is a {@link dev.apigw.node.dataplane.responses.GatewayError} (thrown, or the stage's failure),
 * rendered through the deployment's gateway responses. A step never blocks.
 */
@FunctionalInterface
public interface RestStep {
  /** Go on with the next step. */
  CompletionStage<HttpResponse> CONTINUE = CompletableFuture.completedFuture(null);

  CompletionStage<HttpResponse> apply(RestExchange exchange);
}
