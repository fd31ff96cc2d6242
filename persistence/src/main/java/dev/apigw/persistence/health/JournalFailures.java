package dev.apigw.persistence.health;

import java.time.Duration;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;

/**
 * What an entity does when the journal fails one of its writes or its recovery (Cassandra away, a circuit breaker
 * open): it starts again after a short backoff and recovers from the journal, keeping the commands that were waiting
 * (Pekko keeps an entity's stash across these restarts), so a caller still within its ask timeout gets an answer
 * once the journal is back. The command whose write failed gets none: its write may or may not have been stored.
 * After {@link #MAX_RESTARTS} failed restarts in a row the entity stops; sharding starts it again with the next
 * message.
 */
public final class JournalFailures {
  /** Restarts in a row (backoff 0.2 s doubling to 2 s, about 15 s in all) before the entity gives up and stops. */
  public static final int MAX_RESTARTS = 10;

  private JournalFailures() {}

  /** The strategy every event-sourced entity passes to its constructor. */
  public static BackoffSupervisorStrategy restartWithBackoff() {
    return SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(2), 0.2)
        .withMaxRestarts(MAX_RESTARTS)
        // A recovery that fails only after the driver's 2 s timeout must not reset the count.
        .withResetBackoffAfter(Duration.ofSeconds(10));
  }
}
