package dev.apigw.node.dataplane.integration;

import java.time.Duration;

/** Integration timeouts as AWS sets them, for REST and WebSocket integrations alike. */
public final class IntegrationTimeouts {
  /** AWS's default (and, for REST and WebSocket APIs, maximum) integration timeout. */
  public static final Duration DEFAULT = Duration.ofMillis(29_000);

  private IntegrationTimeouts() {}

  /** {@code timeoutInMillis} when set (positive), else AWS's default. */
  public static Duration of(Integer timeoutInMillis) {
    return timeoutInMillis == null || timeoutInMillis <= 0 ? DEFAULT : Duration.ofMillis(timeoutInMillis);
  }
}
