package dev.apigw.node.dataplane.authorizers;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How the data plane runs Lambda authorizers, read once from {@value #PATH}.
 *
 * @param timeout how long an authorizer function may take before the request fails with AWS's 500
 *     {@code AuthorizerConfigurationException}
 * @param cacheMaxEntries the most cached authorizer results on a node (results with a TTL of 0 are never cached)
 */
public record AuthorizerSettings(Duration timeout, long cacheMaxEntries) {
  /** The configuration section. */
  public static final String PATH = "gateway.data-plane.authorizers";

  public AuthorizerSettings {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(PATH + ".timeout: " + timeout + " (expected: > 0)");
    }
    if (cacheMaxEntries < 0) {
      throw new IllegalArgumentException(PATH + ".cache-max-entries: " + cacheMaxEntries + " (expected: >= 0)");
    }
  }

  /** Reads {@value #PATH}. */
  public static AuthorizerSettings from(Config root) {
    Config c = root.getConfig(PATH);
    return new AuthorizerSettings(c.getDuration("timeout"), c.getLong("cache-max-entries"));
  }
}
