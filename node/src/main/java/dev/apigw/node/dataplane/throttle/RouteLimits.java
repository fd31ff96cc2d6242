package dev.apigw.node.dataplane.throttle;

import dev.apigw.protocol.v2.RouteSettings;
import dev.apigw.protocol.v2.Stage;

/**
 * An apigatewayv2 route's throttle (WebSocket and HTTP APIs): its own route settings' rate and burst where set, else
 * the stage default's.
 */
public final class RouteLimits {
  private RouteLimits() {}

  /** The route's limit; null when neither its settings nor the stage default set a rate. */
  public static Limit of(Stage stage, String routeKey) {
    RouteSettings own = stage.routeSettings() == null ? null : stage.routeSettings().get(routeKey);
    RouteSettings defaults = stage.defaultRouteSettings();
    Double rate = own != null && own.throttlingRateLimit() != null ? own.throttlingRateLimit()
        : defaults == null ? null : defaults.throttlingRateLimit();
    if (rate == null) {
      return null;
    }
    Integer burst = own != null && own.throttlingBurstLimit() != null ? own.throttlingBurstLimit()
        : defaults == null ? null : defaults.throttlingBurstLimit();
    return UsageGate.limit(rate, burst);
  }
}
