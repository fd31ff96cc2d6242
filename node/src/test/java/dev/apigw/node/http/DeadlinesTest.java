package dev.apigw.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
  private static final ActorTestKit kit = ActorTestKit.create();
  private final Deadlines deadlines = new Deadlines(kit.system());

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  /** Pekko's scheduler kept cancelled timers for seconds (until its wheel came round); here they go at the next tick. */
  @Test
  void aCancelledDeadlineLeavesTheWheelWithinATick() throws InterruptedException {
    List<Deadlines.Deadline> handles = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      handles.add(deadlines.after(Duration.ofSeconds(29), () -> { }));
    }
    assertThat(deadlines.pending()).isEqualTo(1000);
    handles.forEach(Deadlines.Deadline::cancel);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (deadlines.pending() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(Deadlines.TICK_MILLIS);
    }
    assertThat(deadlines.pending()).isZero();
  }

  @Test
  void aCancelledDeadlineNeverRuns() throws InterruptedException {
    CompletableFuture<String> ran = new CompletableFuture<>();
    deadlines.after(Duration.ofMillis(30), () -> ran.complete("ran")).cancel();
    Thread.sleep(200);
    assertThat(ran).isNotDone();
  }

  @Test
  void anExpiredDeadlineRunsOnTheDispatcher() throws Exception {
    CompletableFuture<String> ran = new CompletableFuture<>();
    deadlines.after(Duration.ofMillis(50), () -> ran.complete(Thread.currentThread().getName()));
    assertThat(ran.get(5, TimeUnit.SECONDS)).doesNotContain("apigw-deadlines");
  }
}
