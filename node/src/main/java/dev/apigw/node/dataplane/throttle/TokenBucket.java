package dev.apigw.node.dataplane.throttle;

/**
 * The arithmetic of one token bucket, immutable: every operation takes the current time ({@code nanoTime}-style, only
 * differences matter) and returns the bucket as of that time. Tokens are fractional so that slow rates (0.5/s) refill
 * exactly; only whole tokens are ever taken.
 *
 * @param limit the rate and capacity
 * @param tokens tokens in the bucket at {@code atNanos}, {@code 0 <= tokens <= burst}
 * @param atNanos when {@code tokens} was last brought up to date
 */
public record TokenBucket(Limit limit, double tokens, long atNanos) {
  /** Retry-after estimates are capped here: a bucket with rate 0 never refills. */
  static final long MAX_WAIT_NANOS = 60_000_000_000L;

  /** A full bucket (a new bucket starts full, like AWS's). */
  public static TokenBucket full(Limit limit, long nowNanos) {
    return new TokenBucket(limit, limit.burst(), nowNanos);
  }

  /** The bucket refilled at the limit's rate from {@code atNanos} to {@code nowNanos}, capped at burst. */
  public TokenBucket refilled(long nowNanos) {
    long elapsed = nowNanos - atNanos;
    if (elapsed <= 0) {
      return this;
    }
    double next = Math.min(limit.burst(), tokens + limit.rate() * elapsed / 1e9);
    return new TokenBucket(limit, next, nowNanos);
  }

  /** Whole tokens that can be taken at {@code nowNanos}. */
  public long available(long nowNanos) {
    return (long) Math.floor(refilled(nowNanos).tokens);
  }

  /** The bucket after taking {@code count} whole tokens at {@code nowNanos}; at most {@link #available}. */
  public TokenBucket take(long count, long nowNanos) {
    TokenBucket now = refilled(nowNanos);
    if (count < 0 || count > (long) Math.floor(now.tokens)) {
      throw new IllegalArgumentException("count: " + count + " (expected: 0 to " + (long) now.tokens + ")");
    }
    return new TokenBucket(limit, now.tokens - count, nowNanos);
  }

  /**
   * The bucket after unused tokens came back at {@code nowNanos}: capped at burst, because the bucket never holds more
   * than its capacity (tokens that would overflow were refilled meanwhile anyway).
   */
  public TokenBucket give(long count, long nowNanos) {
    if (count < 0) {
      throw new IllegalArgumentException("count: " + count + " (expected: >= 0)");
    }
    TokenBucket now = refilled(nowNanos);
    return new TokenBucket(limit, Math.min(limit.burst(), now.tokens + count), nowNanos);
  }

  /**
   * The bucket under a new limit from {@code nowNanos} on: refilled at the old rate up to now, then capped at the new
   * burst. Tokens are not topped up when burst grows (a limit change is not a free burst).
   */
  public TokenBucket withLimit(Limit next, long nowNanos) {
    if (next.equals(limit)) {
      return this;
    }
    TokenBucket now = refilled(nowNanos);
    return new TokenBucket(next, Math.min(next.burst(), now.tokens), nowNanos);
  }

  /** Nanoseconds from {@code nowNanos} until {@code count} whole tokens are available; capped at 60 s. */
  public long nanosUntil(long count, long nowNanos) {
    TokenBucket now = refilled(nowNanos);
    double missing = count - now.tokens;
    if (missing <= 0) {
      return 0;
    }
    if (count > limit.burst() || limit.rate() == 0) {
      return MAX_WAIT_NANOS;
    }
    return Math.min(MAX_WAIT_NANOS, (long) Math.ceil(missing * 1e9 / limit.rate()));
  }
}
