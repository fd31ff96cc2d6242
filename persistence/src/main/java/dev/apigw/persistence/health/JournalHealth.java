package dev.apigw.persistence.health;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node's journal answers. Every {@code interval} a probe recovers a persistence id that never has
 * events: a snapshot read and a highest-sequence-number read through the same journal and snapshot plugins (and
 * their circuit breakers) as every entity. The first probe that fails or takes longer than {@code timeout} makes
 * the journal unavailable; the first one that succeeds makes it available again. Entities cannot answer while it
 * is unavailable (a failed write or recovery restarts them, see {@link JournalFailures}, and what they were asked
 * waits for the journal), so callers use this to answer at once instead of waiting for an ask to time out.
 * Available until a probe says otherwise.
 */
public final class JournalHealth {
  private static final Logger log = LoggerFactory.getLogger(JournalHealth.class);

  /** Since when the journal is unavailable, in epoch milliseconds; 0 while it is available. */
  private final AtomicLong downSince = new AtomicLong();
  /** Whether a probe ever succeeded: until then, failures are the node starting (Cassandra session, keyspaces). */
  private volatile boolean answered;

  private JournalHealth() {}

  /** Starts probing on {@code system}'s default journal and snapshot store; stops with the system. */
  public static JournalHealth start(ActorSystem<?> system, Duration interval, Duration timeout) {
    if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "interval: " + interval + ", timeout: " + timeout + " (expected: both > 0)");
    }
    var health = new JournalHealth();
    var persistenceId = PersistenceId.of("JournalProbe", UUID.randomUUID().toString());
    system.systemActorOf(
        Behaviors.<Message>setup(ctx -> Behaviors.withTimers(timers -> {
          ctx.getSelf().tell(new Probe());
          return new Prober(ctx, timers, health, persistenceId, interval, timeout).behavior();
        })),
        "journal-health-" + persistenceId.entityId(),
        Props.empty());
    return health;
  }

  /** Whether the last probe succeeded. */
  public boolean available() {
    return downSince.get() == 0;
  }

  /**
   * Whether a probe has succeeded since the node started. Until then {@link #available()} may still be true (no probe
   * has failed yet) without the journal having answered: readiness waits for this as well.
   */
  public boolean answered() {
    return answered;
  }

  private void up() {
    long since = downSince.getAndSet(0);
    if (since != 0) {
      log.info("The journal answers {}after {} s", answered ? "again " : "", (System.currentTimeMillis() - since) / 1000.0);
    }
    answered = true;
  }

  private void down(String cause) {
    if (downSince.compareAndSet(0, System.currentTimeMillis())) {
      if (answered) {
        log.warn("The journal does not answer ({}); writes are refused until it does", cause);
      } else {
        log.info("The journal does not answer yet ({}); writes are refused until it does", cause);
      }
    }
  }

  private sealed interface Message {}

  private record Probe() implements Message {}

  private record Answered(long run) implements Message {}

  private record Failed(long run, Throwable failure) implements Message {}

  private record Ended(long run) implements Message {}

  private record TimedOut(long run) implements Message {}

  /** Runs one probe at a time, {@code interval} after the previous one settled. */
  private static final class Prober {
    private final ActorContext<Message> ctx;
    private final TimerScheduler<Message> timers;
    private final JournalHealth health;
    private final PersistenceId persistenceId;
    private final Duration interval;
    private final Duration timeout;
    private long run;
    private boolean settled = true;
    private ActorRef<Void> probe;

    Prober(ActorContext<Message> ctx, TimerScheduler<Message> timers, JournalHealth health,
        PersistenceId persistenceId, Duration interval, Duration timeout) {
      this.ctx = ctx;
      this.timers = timers;
      this.health = health;
      this.persistenceId = persistenceId;
      this.interval = interval;
      this.timeout = timeout;
    }

    Behavior<Message> behavior() {
      return Behaviors.receive(Message.class)
          .onMessage(Probe.class, m -> probe())
          .onMessage(Answered.class, m -> settle(m.run(), null))
          .onMessage(Failed.class, m -> settle(m.run(), String.valueOf(m.failure())))
          .onMessage(Ended.class, m -> settle(m.run(), "the probe stopped"))
          .onMessage(TimedOut.class, m -> settle(m.run(), "no answer within " + timeout.toMillis() + " ms"))
          .build();
    }

    private Behavior<Message> probe() {
      run++;
      settled = false;
      probe = ctx.spawn(ProbeEntity.create(persistenceId, ctx.getSelf(), run), "probe-" + run);
      ctx.watchWith(probe, new Ended(run));
      timers.startSingleTimer("timeout", new TimedOut(run), timeout);
      return Behaviors.same();
    }

    /** The first outcome of the current run counts; a null cause means the journal answered. */
    private Behavior<Message> settle(long of, String cause) {
      if (of != run || settled) {
        return Behaviors.same();
      }
      settled = true;
      timers.cancel("timeout");
      ctx.stop(probe);
      if (cause == null) {
        health.up();
      } else {
        health.down(cause);
      }
      timers.startSingleTimer("next", new Probe(), interval);
      return Behaviors.same();
    }
  }

  /** Recovers an id without events and reports how that went; it never receives a command. */
  private static final class ProbeEntity extends EventSourcedBehavior<Void, Void, Done> {
    private final ActorRef<Message> prober;
    private final long run;

    static Behavior<Void> create(PersistenceId persistenceId, ActorRef<Message> prober, long run) {
      return new ProbeEntity(persistenceId, prober, run);
    }

    private ProbeEntity(PersistenceId persistenceId, ActorRef<Message> prober, long run) {
      // A failed recovery stops the probe at once (no restart); the prober reports it, it is not logged as a crash.
      super(persistenceId, SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0)
          .withMaxRestarts(0)
          .withLoggingEnabled(false));
      this.prober = prober;
      this.run = run;
    }

    @Override
    public Done emptyState() {
      return Done.getInstance();
    }

    @Override
    public CommandHandler<Void, Void, Done> commandHandler() {
      return newCommandHandlerBuilder().forAnyState().onAnyCommand(command -> Effect().none());
    }

    @Override
    public EventHandler<Done, Void> eventHandler() {
      return newEventHandlerBuilder().forAnyState().onAnyEvent(event -> Done.getInstance());
    }

    @Override
    public SignalHandler<Done> signalHandler() {
      return newSignalHandlerBuilder()
          .onSignal(RecoveryCompleted.instance(), state -> prober.tell(new Answered(run)))
          .onSignal(RecoveryFailed.class, (state, signal) -> prober.tell(new Failed(run, signal.getFailure())))
          .build();
    }
  }
}
