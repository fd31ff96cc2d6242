package dev.apigw.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
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

  @Test
  void aCancelledDeadlineLeavesTheQueueAtOnce() {
    List<ScheduledFuture<?>> handles = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      handles.add(deadlines.after(Duration.ofSeconds(29), () -> { }));
    }
    assertThat(deadlines.pending()).isEqualTo(1000);
    handles.forEach(h -> h.cancel(false));
    assertThat(deadlines.pending()).isZero();
  }

  @Test
  void anExpiredDeadlineRunsOnTheDispatcher() throws Exception {
    CompletableFuture<String> ran = new CompletableFuture<>();
    deadlines.after(Duration.ofMillis(50), () -> ran.complete(Thread.currentThread().getName()));
    assertThat(ran.get(5, TimeUnit.SECONDS)).doesNotContain("apigw-deadlines");
    assertThat(deadlines.pending()).isZero();
  }
}
