package dev.apigw.node.dataplane.httpapi;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/** Picks the route (literal > {@code {var}} > {@code {proxy+}} > {@code $default}); none is 404 {@code Not Found}. */
final class MatchRoute implements HttpStep {
  @Override
  public CompletionStage<HttpResponse> apply(HttpExchange ex) {
    var match = ex.stage.routes().match(ex.http.method().value(), ex.path);
    if (match == null) {
      throw HttpApiError.notFound();
    }
    ex.match = match;
    ex.request = ex.request.withPathParameters(match.pathParameters());
    return CONTINUE;
  }
}
