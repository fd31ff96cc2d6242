package dev.apigw.node.dataplane.throttle;

import java.util.concurrent.atomic.AtomicLong;

/** The hot path of every node-local lease (throttle tokens, quota tokens): take one token, never going below zero. */
final class LeaseTokens {
  private LeaseTokens() {}

  /** Takes one token; the tokens left, or -1 if there was none. */
  static long takeOne(AtomicLong tokens) {
    while (true) {
      long t = tokens.get();
      if (t <= 0) {
        return -1;
      }
      if (tokens.compareAndSet(t, t - 1)) {
        return t - 1;
      }
    }
  }
}
