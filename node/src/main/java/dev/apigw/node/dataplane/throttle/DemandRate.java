package dev.apigw.node.dataplane.throttle;

/**
 * One node's recent demand on a bucket in requests per second: an exponentially weighted moving average over time
 * (time constant {@code tau}), so that a node's weight follows its share of traffic within a few lease durations
 * however irregularly it asks. Immutable.
 *
 * @param perSecond the average
 * @param atNanos when it was last updated
 */
public record DemandRate(double perSecond, long atNanos) {

  /**
   * The first estimate for a node the bucket has not seen: as if it had offered {@code demand} requests over one time
   * constant, but at least the node's equal share of the rate among {@code nodes} nodes, so that a new node starts with
   * a useful lease instead of one token at a time.
   */
  public static DemandRate first(long demand, double rate, int nodes, long tauNanos, long nowNanos) {
    double observed = demand * 1e9 / tauNanos;
    return new DemandRate(Math.max(observed, rate / Math.max(1, nodes)), nowNanos);
  }

  /** The average after {@code demand} requests were offered since {@link #atNanos}. */
  public DemandRate observe(long demand, long tauNanos, long nowNanos) {
    long elapsed = Math.max(1, nowNanos - atNanos);
    double observed = demand * 1e9 / elapsed;
    double alpha = 1 - Math.exp(-(double) elapsed / tauNanos);
    return new DemandRate(perSecond + alpha * (observed - perSecond), nowNanos);
  }
}
