package dev.apigw.node.dataplane.throttle;

import dev.apigw.protocol.CborSerializable;

/**
 * A token bucket's limit with AWS's semantics: {@code rate} tokens are refilled per second (steady-state requests per
 * second), up to {@code burst} tokens (the bucket's capacity, the most requests admitted at once after a quiet
 * period). {@code burst = 0} admits nothing, like AWS's zero limits.
 *
 * @param rate tokens per second, finite and {@code >= 0}
 * @param burst the bucket's capacity, {@code >= 0}
 */
public record Limit(double rate, long burst) implements CborSerializable {
  public Limit {
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("rate: " + rate + " (expected: finite and >= 0)");
    }
    if (burst < 0) {
      throw new IllegalArgumentException("burst: " + burst + " (expected: >= 0)");
    }
  }
}
