package dev.apigw.node.dataplane.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long T0 = 123_456_789L;

  @Test
  void startsFullAndRefillsAtTheRateUpToBurst() {
    var bucket = TokenBucket.full(new Limit(10, 20), T0).take(20, T0);
    assertThat(bucket.available(T0)).isZero();
    assertThat(bucket.available(T0 + SECOND / 2)).isEqualTo(5);
    assertThat(bucket.available(T0 + SECOND)).isEqualTo(10);
    assertThat(bucket.available(T0 + 10 * SECOND)).isEqualTo(20);
  }

  @Test
  void slowRatesRefillFractionsExactly() {
    var bucket = TokenBucket.full(new Limit(0.5, 3), T0).take(3, T0);
    assertThat(bucket.available(T0 + SECOND)).isZero();
    assertThat(bucket.available(T0 + 2 * SECOND)).isEqualTo(1);
    // refilling in many small steps loses nothing
    var stepped = bucket;
    for (int i = 1; i <= 40; i++) {
      stepped = stepped.refilled(T0 + i * SECOND / 10);
    }
    assertThat(stepped.available(T0 + 4 * SECOND)).isEqualTo(2);
  }

  @Test
  void takesOnlyWhatIsAvailable() {
    var bucket = TokenBucket.full(new Limit(1, 5), T0);
    assertThatThrownBy(() -> bucket.take(6, T0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count: 6 (expected: 0 to 5)");
    assertThat(bucket.take(5, T0).available(T0)).isZero();
  }

  @Test
  void returnedTokensAreCappedAtBurst() {
    var bucket = TokenBucket.full(new Limit(100, 50), T0).take(30, T0);
    assertThat(bucket.give(10, T0).available(T0)).isEqualTo(30);
    assertThat(bucket.give(40, T0).available(T0)).isEqualTo(50);
    // refill and return together never exceed the capacity either
    assertThat(bucket.give(25, T0 + SECOND / 10).available(T0 + SECOND / 10)).isEqualTo(50);
  }

  @Test
  void aNewLimitRefillsAtTheOldRateUntilNowThenCapsAtTheNewBurst() {
    var bucket = TokenBucket.full(new Limit(10, 100), T0).take(100, T0);
    var changed = bucket.withLimit(new Limit(100, 5), T0 + SECOND); // 10 tokens refilled at the old rate
    assertThat(changed.limit()).isEqualTo(new Limit(100, 5));
    assertThat(changed.available(T0 + SECOND)).isEqualTo(5);
    var raised = changed.take(5, T0 + SECOND).withLimit(new Limit(1000, 1000), T0 + SECOND);
    assertThat(raised.available(T0 + SECOND)).as("a higher burst is not a free refill").isZero();
    assertThat(raised.available(T0 + SECOND + SECOND / 10)).isEqualTo(100);
  }

  @Test
  void estimatesTheTimeUntilTokensAreAvailable() {
    var bucket = TokenBucket.full(new Limit(200, 50), T0).take(50, T0);
    assertThat(bucket.nanosUntil(1, T0)).isEqualTo(5_000_000L);
    assertThat(bucket.nanosUntil(1, T0 + 5_000_000L)).isZero();
    var stopped = TokenBucket.full(new Limit(0, 1), T0).take(1, T0);
    assertThat(stopped.nanosUntil(1, T0)).isEqualTo(TokenBucket.MAX_WAIT_NANOS);
  }
}
