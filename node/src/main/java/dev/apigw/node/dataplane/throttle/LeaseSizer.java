package dev.apigw.node.dataplane.throttle;

/**
 * How many tokens one lease carries: what the node is expected to use during one lease duration (its demand rate times
 * the lease duration, and at least one per request waiting there), but no more than its share of the tokens available
 * now (its demand over the cluster's demand), at least one, and never more than available. When tokens are scarce
 * every node gets small leases and comes back often, which keeps the split fair; when they are plentiful a node asks
 * about once per lease duration.
 */
public final class LeaseSizer {
  private LeaseSizer() {}

  /**
   * What the node would like: its demand rate over one lease duration, and at least one token for each request
   * waiting there now (a burst after a quiet spell is not yet in the demand rate).
   */
  public static long wanted(double nodeRate, double leaseSeconds, long waiting) {
    return (long) Math.max(Math.ceil(nodeRate * leaseSeconds), Math.max(0, waiting));
  }

  /**
   * The lease size.
   *
   * @param available whole tokens in the bucket now
   * @param nodeRate the requesting node's demand, requests per second
   * @param totalRate the demand of all nodes including this one, requests per second
   * @param wanted what the node would like ({@link #wanted})
   * @return {@code 0} if nothing is available, else between {@code 1} and {@code available}; less than {@code wanted}
   *     when tokens are scarce
   */
  public static long size(long available, double nodeRate, double totalRate, long wanted) {
    if (available <= 0) {
      return 0;
    }
    double share = totalRate > 0 ? Math.min(1, nodeRate / totalRate) : 1;
    double fair = Math.floor(available * share);
    long size = (long) Math.min(wanted, fair);
    return Math.max(1, Math.min(available, size));
  }

  /**
   * How many tokens the bucket must hold before a node's share of them is one whole token: the node is refused until
   * then. At least 1, at most {@code burst} (a bucket never holds more).
   */
  public static long tokensForOne(double nodeRate, double totalRate, long burst) {
    double wanted = nodeRate > 0 && totalRate > nodeRate ? Math.ceil(totalRate / nodeRate) : 1;
    return (long) Math.max(1, Math.min(Math.max(1, burst), wanted));
  }
}
