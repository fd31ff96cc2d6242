package dev.apigw.node.dataplane.throttle;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The throttling settings, read once from {@code gateway.throttle}.
 *
 * @param leaseDuration how long a node may use a lease's tokens; unused ones go back to the bucket after it
 * @param maxWait how long a request without local tokens waits for the bucket's owner before the node fails open
 * @param lowWater when a lease is down to this fraction of its last grant, the node asks for the next one ahead of time
 * @param account the account-level limit (AWS's default: 10000 requests per second, burst 5000)
 * @param rateLimitHeaders whether 429s carry {@code Retry-After} and {@code RateLimit-*} headers (beyond AWS;
 *     a stage's tag {@code apigw:rateLimitHeaders} overrides it)
 */
public record ThrottleSettings(Duration leaseDuration, Duration maxWait, double lowWater, Limit account,
    boolean rateLimitHeaders) {
  public ThrottleSettings {
    if (leaseDuration.isNegative() || leaseDuration.isZero()) {
      throw new IllegalArgumentException("gateway.throttle.lease-duration: " + leaseDuration + " (expected: > 0)");
    }
    if (maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("gateway.throttle.max-wait: " + maxWait + " (expected: > 0)");
    }
    if (!(lowWater >= 0 && lowWater < 1)) {
      throw new IllegalArgumentException("gateway.throttle.low-water: " + lowWater + " (expected: >= 0 and < 1)");
    }
  }

  /** Reads {@code gateway.throttle}. */
  public static ThrottleSettings from(Config root) {
    Config c = root.getConfig("gateway.throttle");
    return new ThrottleSettings(
        c.getDuration("lease-duration"),
        c.getDuration("max-wait"),
        c.getDouble("low-water"),
        new Limit(c.getDouble("account.rate"), c.getLong("account.burst")),
        c.getBoolean("rate-limit-headers"));
  }
}
