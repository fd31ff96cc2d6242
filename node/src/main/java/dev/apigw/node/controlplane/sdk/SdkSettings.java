package dev.apigw.node.controlplane.sdk;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * GetSdk's bounds ({@code gateway.management.sdk}).
 *
 * @param timeout how long one generation may take before the caller gets 503 (the generation is then stopped; it holds
 *     the node's one generation slot until it has)
 * @param maxBytes the largest zip answered
 */
public record SdkSettings(Duration timeout, long maxBytes) {

  public SdkSettings {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("gateway.management.sdk.timeout: " + timeout + " (expected: > 0)");
    }
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("gateway.management.sdk.max-size: " + maxBytes + " (expected: > 0)");
    }
  }

  public static SdkSettings from(Config config) {
    Config c = config.getConfig("gateway.management.sdk");
    return new SdkSettings(c.getDuration("timeout"), c.getBytes("max-size"));
  }
}
