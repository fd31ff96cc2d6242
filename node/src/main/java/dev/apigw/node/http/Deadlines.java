package dev.apigw.node.http;

import io.netty.util.HashedWheelTimer;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * Per-request deadlines: integration calls' timeouts (the data plane's whole-request backstop is a periodic check per
 * busy connection, in its ExchangeStage), on Netty's
 * {@link HashedWheelTimer} ticking every {@value #TICK_MILLIS} ms. Pekko's scheduler keeps a cancelled task in its
 * wheel until the wheel comes round to it (seconds): with one timer per request, at thousands of requests a second,
 * megabytes of cancelled timers survived every young collection and lengthened every pause. Here a cancelled timer
 * leaves the wheel at the next tick. A JDK ScheduledThreadPoolExecutor drops it at once too, but wakes its thread
 * whenever a new deadline becomes the earliest, i.e. at nearly every request when few are in flight: a context switch
 * per request on a one-core node. The wheel's thread wakes once a tick whatever the traffic, and only hands an
 * expired deadline to the actor system's dispatcher. One per actor system (an extension).
 */
public final class Deadlines implements Extension {
  static final long TICK_MILLIS = 10;
  private static final ExtensionId<Deadlines> ID = new ExtensionId<>() {
    @Override
    public Deadlines createExtension(ActorSystem<?> system) {
      return new Deadlines(system);
    }
  };

  /** A deadline not yet expired; cancel it when the awaited answer came. */
  public interface Deadline {
    void cancel();
  }

  private final HashedWheelTimer timer;
  private final Executor dispatcher;

  /** The node's deadlines: one timer thread for {@code system}'s lifetime. */
  public static Deadlines get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  Deadlines(ActorSystem<?> system) {
    this.dispatcher = system.executionContext();
    this.timer = new HashedWheelTimer(r -> {
      Thread t = new Thread(r, "apigw-deadlines");
      t.setDaemon(true);
      return t;
    }, TICK_MILLIS, TimeUnit.MILLISECONDS, 512);
    system.getWhenTerminated().thenRun(timer::stop);
  }

  /** Runs {@code expired} on the dispatcher after {@code timeout} unless the returned deadline is cancelled first. */
  public Deadline after(Duration timeout, Runnable expired) {
    var pending = timer.newTimeout(t -> dispatcher.execute(expired), timeout.toNanos(), TimeUnit.NANOSECONDS);
    return pending::cancel;
  }

  /** Deadlines in the wheel (neither expired nor removed after a cancel). */
  long pending() {
    return timer.pendingTimeouts();
  }
}
