package dev.apigw.node.dataplane.pipeline;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * Calls the method's compiled integration (request mapping, the backend, integration and method responses) and times
 * it for {@code IntegrationLatency}. Always answers: it is the pipeline's last step.
 */
final class Integrate implements RestStep {
  @Override
  public CompletionStage<HttpResponse> apply(RestExchange ex) {
    ex.integrationStartNanos = System.nanoTime();
    return ex.method.integration().invoke(ex.invocation())
        .whenComplete((r, e) -> ex.integrationEndNanos = System.nanoTime());
  }
}
