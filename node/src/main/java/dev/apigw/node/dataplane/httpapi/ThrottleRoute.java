package dev.apigw.node.dataplane.httpapi;

import dev.apigw.node.dataplane.throttle.RouteLimits;
import dev.apigw.node.dataplane.throttle.UsageGate;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * Route throttling on the cluster-wide buckets: the route's own settings, else the stage's default route settings,
 * then the account; over a limit is 429 {@code Too Many Requests}.
 */
final class ThrottleRoute implements HttpStep {
  private final UsageGate usage;

  ThrottleRoute(UsageGate usage) {
    this.usage = usage;
  }

  @Override
  public CompletionStage<HttpResponse> apply(HttpExchange ex) {
    String routeKey = ex.routeKey();
    return usage.checkRoute(ex.address.apiId(), ex.stageName, routeKey, RouteLimits.of(ex.stage.stage(), routeKey), null)
        .thenApply(v -> null);
  }
}
