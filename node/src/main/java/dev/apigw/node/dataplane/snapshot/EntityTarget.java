package dev.apigw.node.dataplane.snapshot;

import dev.apigw.node.dataplane.http.HttpApiSnapshot;
import dev.apigw.persistence.changes.ConfigChanges;
import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.persistence.domains.DomainNameEntity;
import dev.apigw.persistence.keys.ApiKeyEntity;
import dev.apigw.persistence.keys.UsagePlanEntity;
import dev.apigw.persistence.v2.ApiEntity;
import dev.apigw.protocol.keys.ApiKey;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;

/**
 * A {@link SnapshotLoader.Target} for a sharded entity whose state one command answers as it is: fetching is asking
 * that command, serving is handing the answer to a snapshot. One class for every such kind (domain names, API keys,
 * usage plans, WebSocket APIs); the factories below say which entity feeds which snapshot.
 *
 * @param <C> the entity's command type
 * @param <T> the state the command answers
 */
public final class EntityTarget<C, T> implements SnapshotLoader.Target<T> {
  private final ConfigChanges.Kind kind;
  private final AccountDirectory.Kind directory;
  private final ClusterSharding sharding;
  private final EntityTypeKey<C> entityKey;
  private final Function<ActorRef<StatusReply<T>>, C> get;
  private final Duration askTimeout;
  private final BiConsumer<String, T> put;
  private final Consumer<String> remove;

  private EntityTarget(ConfigChanges.Kind kind, AccountDirectory.Kind directory, ClusterSharding sharding,
      EntityTypeKey<C> entityKey, Function<ActorRef<StatusReply<T>>, C> get, Duration askTimeout,
      BiConsumer<String, T> put, Consumer<String> remove) {
    this.kind = kind;
    this.directory = directory;
    this.sharding = sharding;
    this.entityKey = entityKey;
    this.get = get;
    this.askTimeout = askTimeout;
    this.put = put;
    this.remove = remove;
  }

  /** Custom domain names and their base path mappings, into {@code snapshot}. */
  public static EntityTarget<DomainNameEntity.Command, DomainNameEntity.Active> domainNames(DomainSnapshot snapshot,
      ClusterSharding sharding, Duration askTimeout) {
    return new EntityTarget<>(ConfigChanges.Kind.DOMAIN_NAME, AccountDirectory.Kind.DOMAIN_NAMES, sharding,
        DomainNameEntity.ENTITY_KEY, DomainNameEntity.Get::new, askTimeout,
        (id, state) -> snapshot.put(state.domain(), state.mappings()), snapshot::remove);
  }

  /** API keys, into {@code snapshot}. */
  public static EntityTarget<ApiKeyEntity.Command, ApiKey> apiKeys(KeySnapshot snapshot, ClusterSharding sharding,
      Duration askTimeout) {
    return new EntityTarget<>(ConfigChanges.Kind.API_KEY, AccountDirectory.Kind.API_KEYS, sharding,
        ApiKeyEntity.ENTITY_KEY, ApiKeyEntity.Get::new, askTimeout, snapshot::putKey, snapshot::removeKey);
  }

  /** Usage plans with their keys, into {@code snapshot}. */
  public static EntityTarget<UsagePlanEntity.Command, UsagePlanEntity.Active> usagePlans(KeySnapshot snapshot,
      ClusterSharding sharding, Duration askTimeout) {
    return new EntityTarget<>(ConfigChanges.Kind.USAGE_PLAN, AccountDirectory.Kind.USAGE_PLANS, sharding,
        UsagePlanEntity.ENTITY_KEY, UsagePlanEntity.Get::new, askTimeout, snapshot::putPlan, snapshot::removePlan);
  }

  /**
   * apigatewayv2 APIs (their stages and the deployments those serve): WebSocket APIs into {@code webSockets}, HTTP APIs
   * into {@code http}. Both kinds share one entity, one directory and one announcement kind.
   */
  public static EntityTarget<ApiEntity.Command, ApiEntity.Active> v2Apis(
      WebSocketSnapshot webSockets, HttpApiSnapshot http, ClusterSharding sharding, Duration askTimeout) {
    return new EntityTarget<>(ConfigChanges.Kind.WEBSOCKET_API, AccountDirectory.Kind.WEBSOCKET_APIS, sharding,
        ApiEntity.ENTITY_KEY, ApiEntity.Inspect::new, askTimeout,
        (id, state) -> {
          if (state.api().isHttp()) {
            webSockets.remove(id);
            http.put(id, state.api(), state.stages(), state.deployments());
          } else {
            http.remove(id);
            webSockets.put(id, state.api(), state.stages(), state.deployments());
          }
        },
        id -> {
          webSockets.remove(id);
          http.remove(id);
        });
  }

  @Override
  public ConfigChanges.Kind kind() {
    return kind;
  }

  @Override
  public AccountDirectory.Kind directory() {
    return directory;
  }

  @Override
  public CompletionStage<T> fetch(String id) {
    return sharding.entityRefFor(entityKey, id).askWithStatus(get::apply, askTimeout);
  }

  @Override
  public void put(String id, T state) {
    put.accept(id, state);
  }

  @Override
  public void remove(String id) {
    remove.accept(id);
  }
}
