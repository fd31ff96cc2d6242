package dev.apigw.node.dataplane.throttle;

/**
 * The outcome of taking one token: admitted, or rejected (AWS's 429 "Too Many Requests") with an estimate of when a
 * token may be available again.
 *
 * @param admitted whether the request may proceed
 * @param retryAfterMillis when rejected, the estimated wait until a token is available; 0 when admitted
 */
public record Admission(boolean admitted, long retryAfterMillis) {
  /** The admission, shared so that the hot path allocates nothing. */
  public static final Admission ADMITTED = new Admission(true, 0);

  public Admission {
    if (retryAfterMillis < 0) {
      throw new IllegalArgumentException("retryAfterMillis: " + retryAfterMillis + " (expected: >= 0)");
    }
    if (admitted && retryAfterMillis != 0) {
      throw new IllegalArgumentException("retryAfterMillis: " + retryAfterMillis + " (expected: 0 when admitted)");
    }
  }

  /** A rejection; retry after about {@code retryAfterMillis}. */
  public static Admission rejected(long retryAfterMillis) {
    return new Admission(false, retryAfterMillis);
  }
}
