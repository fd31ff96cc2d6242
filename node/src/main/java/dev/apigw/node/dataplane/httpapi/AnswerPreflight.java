package dev.apigw.node.dataplane.httpapi;

import dev.apigw.node.dataplane.http.CorsPolicy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * With a CORS configuration, the gateway answers preflight requests itself, before routes and authorizers: a
 * preflight carries no credentials, so an authorizer would refuse it.
 */
final class AnswerPreflight implements HttpStep {
  @Override
  public CompletionStage<HttpResponse> apply(HttpExchange ex) {
    CorsPolicy cors = ex.api.cors();
    if (cors != null && CorsPolicy.isPreflight(ex.http)) {
      ex.preflight = true;
      return CompletableFuture.completedFuture(cors.preflight(ex.http));
    }
    return CONTINUE;
  }
}
