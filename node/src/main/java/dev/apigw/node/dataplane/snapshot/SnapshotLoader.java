package dev.apigw.node.dataplane.snapshot;

import dev.apigw.persistence.changes.ConfigChanges;
import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.protocol.errors.NotFoundException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Keeps one kind of node-local snapshot current (REST APIs, domain names, ...). At start it lists
 * the account's entities of that kind and fetches each one; after that it refetches an entity
 * whenever it announces a change on {@link ConfigChanges}, and resyncs everything periodically in
 * case an announcement was lost. Only the latest fetch of an entity counts. {@code onLoaded} runs
 * once, when every entity listed at start has been fetched.
 *
 * @param <T> what an entity's fetch answers
 */
public final class SnapshotLoader<T> {
  /** The loader's messages. */
  public sealed interface Message {}

  private record Resync() implements Message {}

  private record Listed(List<String> ids, Throwable failure) implements Message {}

  private record Changed(String id) implements Message {}

  private record Ignored() implements Message {}

  private record Fetched<T>(String id, long generation, T state, Throwable failure) implements Message {}

  /** What the loader does with one kind of entity; all calls happen on the loader's actor. */
  public interface Target<T> {
    /** The announcements that concern this kind. */
    ConfigChanges.Kind kind();

    /** Where the account's ids of this kind are listed. */
    AccountDirectory.Kind directory();

    /** Fetches one entity's state; fails with NotFoundException when it no longer exists. */
    CompletionStage<T> fetch(String id);

    /** Serves the fetched state. */
    void put(String id, T state);

    /** Stops serving the entity. */
    void remove(String id);
  }

  private static final Duration RETRY = Duration.ofSeconds(1);
  private static final List<Duration> EARLY_RESYNCS = List.of(Duration.ofSeconds(2), Duration.ofSeconds(5),
      Duration.ofSeconds(10));

  private final ActorContext<Message> ctx;
  private final TimerScheduler<Message> timers;
  private final Target<T> target;
  private final String accountId;
  private final Duration askTimeout;
  private final Runnable onLoaded;
  private final Map<String, Long> generations = new HashMap<>();
  private Set<String> awaitingInitial;
  private boolean loaded;

  private SnapshotLoader(ActorContext<Message> ctx, TimerScheduler<Message> timers, Target<T> target,
      String accountId, Duration askTimeout, Runnable onLoaded) {
    this.ctx = ctx;
    this.timers = timers;
    this.target = target;
    this.accountId = accountId;
    this.askTimeout = askTimeout;
    this.onLoaded = onLoaded;
  }

  /** @param resyncInterval how often everything is refetched regardless of announcements */
  public static <T> Behavior<Message> create(Target<T> target, String accountId, Duration askTimeout,
      Duration resyncInterval, Runnable onLoaded) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      var changes = ctx.messageAdapter(ConfigChanges.Changed.class,
          c -> c.kind() == target.kind() ? new Changed(c.id()) : new Ignored());
      ConfigChanges.topic(ctx.getSystem()).tell(ConfigChanges.subscribe(changes));
      timers.startTimerWithFixedDelay("resync", new Resync(), resyncInterval);
      // Until this subscription has reached every node (the topic's registry is gossiped, seconds after a join),
      // announcements made elsewhere can miss it: resync early a few times instead of waiting a full interval.
      for (Duration early : EARLY_RESYNCS) {
        if (early.compareTo(resyncInterval) < 0) {
          timers.startSingleTimer("early-resync-" + early.toSeconds(), new Resync(), early);
        }
      }
      ctx.getSelf().tell(new Resync());
      return new SnapshotLoader<>(ctx, timers, target, accountId, askTimeout, onLoaded).behavior();
    }));
  }

  @SuppressWarnings("unchecked")
  private Behavior<Message> behavior() {
    return Behaviors.receive(Message.class)
        .onMessage(Resync.class, m -> list())
        .onMessage(Listed.class, this::listed)
        .onMessage(Changed.class, m -> fetch(m.id()))
        .onMessage(Fetched.class, m -> fetched((Fetched<T>) m))
        .onMessage(Ignored.class, m -> Behaviors.same())
        .build();
  }

  private Behavior<Message> list() {
    var directory = ClusterSharding.get(ctx.getSystem()).entityRefFor(AccountDirectory.ENTITY_KEY,
        AccountDirectory.entityId(target.directory(), accountId));
    ctx.pipeToSelf(directory.<AccountDirectory.Page>askWithStatus(AccountDirectory.ListAll::new, askTimeout),
        (page, failure) -> new Listed(page == null ? List.of() : page.ids(), failure));
    return Behaviors.same();
  }

  private Behavior<Message> listed(Listed m) {
    if (m.failure() != null) {
      ctx.getLog().warn("Could not list the account's {} ({}); retrying", target.kind(), m.failure().toString());
      timers.startSingleTimer("relist", new Resync(), RETRY);
      return Behaviors.same();
    }
    if (awaitingInitial == null) {
      awaitingInitial = new HashSet<>(m.ids());
      ctx.getLog().info("Loading {} {} into the data plane", m.ids().size(), target.kind());
      checkLoaded();
    }
    for (String id : m.ids()) {
      fetch(id);
    }
    return Behaviors.same();
  }

  private Behavior<Message> fetch(String id) {
    long generation = generations.merge(id, 1L, Long::sum);
    ctx.pipeToSelf(target.fetch(id), (state, failure) -> new Fetched<>(id, generation, state, failure));
    return Behaviors.same();
  }

  private Behavior<Message> fetched(Fetched<T> m) {
    if (m.generation() != generations.getOrDefault(m.id(), 0L)) {
      return Behaviors.same(); // a newer fetch is under way; only the latest answer counts
    }
    Throwable failure = m.failure() instanceof CompletionException c && c.getCause() != null ? c.getCause() : m.failure();
    if (failure instanceof NotFoundException) {
      target.remove(m.id());
      done(m.id());
    } else if (failure != null) {
      ctx.getLog().warn("Could not fetch {} {} ({}); retrying", target.kind(), m.id(), failure.toString());
      timers.startSingleTimer("refetch-" + m.id(), new Changed(m.id()), RETRY);
    } else {
      target.put(m.id(), m.state());
      done(m.id());
    }
    return Behaviors.same();
  }

  private void done(String id) {
    if (awaitingInitial != null && awaitingInitial.remove(id)) {
      checkLoaded();
    }
  }

  private void checkLoaded() {
    if (!loaded && awaitingInitial != null && awaitingInitial.isEmpty()) {
      loaded = true;
      ctx.getLog().info("Data plane loaded its {} snapshot", target.kind());
      onLoaded.run();
    }
  }
}
