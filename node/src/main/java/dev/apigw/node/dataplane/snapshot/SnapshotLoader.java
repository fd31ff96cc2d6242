package dev.apigw.node.dataplane.snapshot;

import dev.apigw.node.controlplane.restapi.RestApis;
import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.persistence.restapi.RestApiChanges;
import dev.apigw.persistence.restapi.RestApiEntity;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.restapi.Deployment;
import dev.apigw.protocol.restapi.Stage;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Keeps this node's {@link DataPlaneSnapshot} current. At start it lists the account's APIs and
 * fetches each one; after that it refetches an API whenever its entity announces a change on
 * {@link RestApiChanges}, and resyncs everything periodically in case an announcement was lost.
 * Compiled deployments are cached (deployments are immutable), so a stage update recompiles
 * nothing. {@code onLoaded} runs once, when every API listed at start has been fetched.
 */
public final class SnapshotLoader {
  /** The loader's messages. */
  public sealed interface Message {}

  private record Resync() implements Message {}

  private record Listed(List<String> ids, Throwable failure) implements Message {}

  private record Changed(String apiId) implements Message {}

  private record Fetched(String apiId, long generation, RestApiEntity.Active state, Throwable failure)
      implements Message {}

  private static final Duration RETRY = Duration.ofSeconds(1);

  private final ActorContext<Message> ctx;
  private final TimerScheduler<Message> timers;
  private final DataPlaneSnapshot snapshot;
  private final DeploymentCompiler compiler;
  private final RestApis apis;
  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final Runnable onLoaded;
  private final Map<String, Long> generations = new HashMap<>();
  private final Map<String, CompiledDeployment> compiled = new HashMap<>();
  private Set<String> awaitingInitial;
  private boolean loaded;

  private SnapshotLoader(ActorContext<Message> ctx, TimerScheduler<Message> timers, DataPlaneSnapshot snapshot,
      DeploymentCompiler compiler, RestApis apis, Duration askTimeout, Runnable onLoaded) {
    this.ctx = ctx;
    this.timers = timers;
    this.snapshot = snapshot;
    this.compiler = compiler;
    this.apis = apis;
    this.sharding = ClusterSharding.get(ctx.getSystem());
    this.askTimeout = askTimeout;
    this.onLoaded = onLoaded;
  }

  /**
   * @param resyncInterval how often everything is refetched regardless of announcements
   */
  public static Behavior<Message> create(DataPlaneSnapshot snapshot, DeploymentCompiler compiler, RestApis apis,
      Duration askTimeout, Duration resyncInterval, Runnable onLoaded) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      var changes = ctx.messageAdapter(RestApiChanges.RestApiChanged.class, c -> new Changed(c.apiId()));
      RestApiChanges.topic(ctx.getSystem()).tell(RestApiChanges.subscribe(changes));
      timers.startTimerWithFixedDelay("resync", new Resync(), resyncInterval);
      ctx.getSelf().tell(new Resync());
      return new SnapshotLoader(ctx, timers, snapshot, compiler, apis, askTimeout, onLoaded).behavior();
    }));
  }

  private Behavior<Message> behavior() {
    return Behaviors.receive(Message.class)
        .onMessage(Resync.class, m -> list())
        .onMessage(Listed.class, this::listed)
        .onMessage(Changed.class, m -> fetch(m.apiId()))
        .onMessage(Fetched.class, this::fetched)
        .build();
  }

  private Behavior<Message> list() {
    var directory = sharding.entityRefFor(AccountDirectory.ENTITY_KEY,
        AccountDirectory.entityId(AccountDirectory.Kind.REST_APIS, apis.accountId()));
    ctx.pipeToSelf(directory.<AccountDirectory.Page>askWithStatus(AccountDirectory.ListAll::new, askTimeout),
        (page, failure) -> new Listed(page == null ? List.of() : page.ids(), failure));
    return Behaviors.same();
  }

  private Behavior<Message> listed(Listed m) {
    if (m.failure() != null) {
      ctx.getLog().warn("Could not list the account's APIs ({}); retrying", m.failure().toString());
      timers.startSingleTimer("relist", new Resync(), RETRY);
      return Behaviors.same();
    }
    if (awaitingInitial == null) {
      awaitingInitial = new HashSet<>(m.ids());
      ctx.getLog().info("Loading {} REST APIs into the data plane", m.ids().size());
      checkLoaded();
    }
    for (String id : m.ids()) {
      fetch(id);
    }
    return Behaviors.same();
  }

  private Behavior<Message> fetch(String apiId) {
    long generation = generations.merge(apiId, 1L, Long::sum);
    ctx.pipeToSelf(apis.inspect(apiId), (state, failure) -> new Fetched(apiId, generation, state, failure));
    return Behaviors.same();
  }

  private Behavior<Message> fetched(Fetched m) {
    if (m.generation() != generations.getOrDefault(m.apiId(), 0L)) {
      return Behaviors.same(); // a newer fetch is under way; only the latest answer counts
    }
    Throwable failure = m.failure() instanceof CompletionException c && c.getCause() != null ? c.getCause() : m.failure();
    if (failure instanceof NotFoundException) {
      snapshot.remove(m.apiId());
      forget(m.apiId());
      done(m.apiId());
    } else if (failure != null) {
      ctx.getLog().warn("Could not fetch API {} ({}); retrying", m.apiId(), failure.toString());
      timers.startSingleTimer("refetch-" + m.apiId(), new Changed(m.apiId()), RETRY);
    } else {
      snapshot.put(live(m.state()));
      done(m.apiId());
    }
    return Behaviors.same();
  }

  private LiveApi live(RestApiEntity.Active state) {
    String apiId = state.api().id();
    Map<String, LiveStage> stages = new HashMap<>();
    Set<String> used = new HashSet<>();
    for (Stage stage : state.stages().values()) {
      CompiledDeployment main = deployment(state, stage.deploymentId(), used);
      if (main == null) {
        continue;
      }
      CompiledDeployment canary = stage.canarySettings() == null || stage.canarySettings().deploymentId() == null
          ? null
          : deployment(state, stage.canarySettings().deploymentId(), used);
      stages.put(stage.stageName(), new LiveStage(stage, main, canary));
    }
    compiled.keySet().removeIf(key -> key.startsWith(apiId + "/") && !used.contains(key));
    return new LiveApi(state.api(), stages);
  }

  private CompiledDeployment deployment(RestApiEntity.Active state, String deploymentId, Set<String> used) {
    Deployment deployment = state.deployments().get(deploymentId);
    if (deployment == null) {
      return null;
    }
    String key = state.api().id() + "/" + deploymentId;
    used.add(key);
    return compiled.computeIfAbsent(key, k -> compiler.compile(state.api(), deployment));
  }

  private void forget(String apiId) {
    compiled.keySet().removeIf(key -> key.startsWith(apiId + "/"));
  }

  private void done(String apiId) {
    if (awaitingInitial != null && awaitingInitial.remove(apiId)) {
      checkLoaded();
    }
  }

  private void checkLoaded() {
    if (!loaded && awaitingInitial != null && awaitingInitial.isEmpty()) {
      loaded = true;
      ctx.getLog().info("Data plane loaded: {} REST APIs served", snapshot.size());
      onLoaded.run();
    }
  }
}
