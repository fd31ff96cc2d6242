package dev.apigw.node.dataplane.throttle;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link QuotaLeases} sizes and keeps its leases.
 *
 * @param askTimeout how long a request waits for the usage counter when the node's lease is empty
 * @param leaseDuration how long granted tokens stay on this node before the unused ones go back; a
 *     batch is sized to about this much of the node's recent traffic for the key
 * @param maxBatch the most tokens one reservation asks for: bounds what a crashed node over-counts
 * @param exhaustedRecheck after the counter answered "exhausted", how long this node rejects
 *     without asking again (bounds how late an UpdateUsage that raised the quota is seen)
 * @param sweepInterval how often expired leases are looked for
 */
public record QuotaLeaseSettings(
    Duration askTimeout, Duration leaseDuration, int maxBatch, Duration exhaustedRecheck, Duration sweepInterval) {

  public QuotaLeaseSettings {
    positive("askTimeout", askTimeout);
    positive("leaseDuration", leaseDuration);
    positive("sweepInterval", sweepInterval);
    Objects.requireNonNull(exhaustedRecheck, "exhaustedRecheck");
    if (exhaustedRecheck.isNegative()) {
      throw new IllegalArgumentException("exhaustedRecheck: " + exhaustedRecheck + " (expected: >= 0)");
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch: " + maxBatch + " (expected: >= 1)");
    }
  }

  /**
   * One-second leases of at most 10,000 tokens, a one-second exhaustion cache, sweeps every 250 ms. The batch cap is
   * high enough that a busy key needs about one reservation (one journal write) per second. With 1,000, a key at
   * 13,000 requests per second reserved 13 times a second, with 20 ms of tokens left when the next reservation
   * started; keyed MOCK requests on one node ran at 0.83x of unkeyed ones, and at 0.97-0.99x with 10,000.
   */
  public static QuotaLeaseSettings defaults(Duration askTimeout) {
    return new QuotaLeaseSettings(askTimeout, Duration.ofSeconds(1), 10_000, Duration.ofSeconds(1), Duration.ofMillis(250));
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
    }
  }
}
