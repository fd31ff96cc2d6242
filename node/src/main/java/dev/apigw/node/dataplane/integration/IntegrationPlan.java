package dev.apigw.node.dataplane.integration;

import dev.apigw.node.dataplane.request.Invocation;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * A method's integration, compiled once per deployment: turns an invocation into the method
 * response. Failures that AWS answers with a gateway response complete exceptionally with a
 * {@link dev.apigw.node.dataplane.responses.GatewayError}.
 */
public interface IntegrationPlan {
  /** Whether the plan reads the request body itself, as a stream (the pipeline must not buffer it). */
  default boolean streamsRequestBody() {
    return false;
  }

  /** Calls the integration. */
  CompletionStage<HttpResponse> invoke(Invocation invocation);
}
