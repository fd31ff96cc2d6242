package dev.apigw.node.http;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * Per-request deadlines: integration calls' timeouts and the data plane's whole-request backstop. Pekko's scheduler keeps a cancelled task in its wheel until the wheel
 * comes round to it (seconds): with one timer per request, at thousands of requests a second, megabytes of cancelled
 * timers survived every young collection and lengthened every pause. Here a cancelled timer leaves its queue at once.
 * One per actor system (an extension), whose one timer thread only hands an expired deadline to the dispatcher.
 */
public final class Deadlines implements Extension {
  private static final ExtensionId<Deadlines> ID = new ExtensionId<>() {
    @Override
    public Deadlines createExtension(ActorSystem<?> system) {
      return new Deadlines(system);
    }
  };

  private final ScheduledThreadPoolExecutor timer;
  private final Executor dispatcher;

  /** The node's deadlines: one timer thread for {@code system}'s lifetime. */
  public static Deadlines get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  Deadlines(ActorSystem<?> system) {
    this.dispatcher = system.executionContext();
    this.timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "apigw-deadlines");
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
