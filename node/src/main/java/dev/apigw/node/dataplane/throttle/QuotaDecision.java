package dev.apigw.node.dataplane.throttle;

/**
 * Whether one request passes its usage plan's quota.
 *
 * @param allowed true: serve it; false: answer 429 {@code {"message":"Limit Exceeded"}}
 * @param remaining the period's remaining quota when known (0 on a rejection); -1 when the request
 *     was admitted from the node's lease without asking (the hot path does not know it)
 */
public record QuotaDecision(boolean allowed, long remaining) {
  /** The answer of the hot path; shared, so admitting a request allocates nothing. */
  public static final QuotaDecision ALLOWED = new QuotaDecision(true, -1);

  /** The quota of the current period is used up. */
  public static final QuotaDecision EXHAUSTED = new QuotaDecision(false, 0);
}
