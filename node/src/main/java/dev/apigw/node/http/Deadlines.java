package dev.apigw.node.http;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Per-request timeouts of integration calls. Pekko's scheduler keeps a cancelled task in its wheel until the wheel
 * comes round to it (seconds): with one timer per request, at thousands of requests a second, megabytes of cancelled
 * timers survived every young collection and lengthened every pause. Here a cancelled timer leaves its queue at once.
 * Its one timer thread only hands an expired deadline to the actor system's dispatcher.
 */
public final class Deadlines {
  private final ScheduledThreadPoolExecutor timer;
  private final Executor dispatcher;

  /** A timer thread for {@code system}'s lifetime. */
  public Deadlines(ActorSystem<?> system) {
    this.dispatcher = system.executionContext();
    this.timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "apigw-integration-deadlines");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
    system.getWhenTerminated().thenRun(timer::shutdownNow);
  }

  /** Runs {@code expired} on the dispatcher after {@code timeout} unless the returned handle is cancelled first. */
  public ScheduledFuture<?> after(Duration timeout, Runnable expired) {
    return timer.schedule(() -> dispatcher.execute(expired), timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Deadlines waiting (neither expired nor cancelled). */
  int pending() {
    return timer.getQueue().size();
  }
}
