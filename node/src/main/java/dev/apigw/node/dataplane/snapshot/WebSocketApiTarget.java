package dev.apigw.node.dataplane.snapshot;

import dev.apigw.persistence.changes.ConfigChanges;
import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.persistence.websocket.WebSocketApiEntity;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** Loads WebSocket APIs (their stages and the deployments those serve) into the {@link WebSocketSnapshot}. */
public final class WebSocketApiTarget implements SnapshotLoader.Target<WebSocketApiEntity.Active> {
  private final WebSocketSnapshot snapshot;
  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public WebSocketApiTarget(WebSocketSnapshot snapshot, ClusterSharding sharding, Duration askTimeout) {
    this.snapshot = snapshot;
    this.sharding = sharding;
    this.askTimeout = askTimeout;
  }

  @Override
  public ConfigChanges.Kind kind() {
    return ConfigChanges.Kind.WEBSOCKET_API;
  }

  @Override
  public AccountDirectory.Kind directory() {
    return AccountDirectory.Kind.WEBSOCKET_APIS;
  }

  @Override
  public CompletionStage<WebSocketApiEntity.Active> fetch(String id) {
    return sharding.entityRefFor(WebSocketApiEntity.ENTITY_KEY, id).askWithStatus(WebSocketApiEntity.Inspect::new,
        askTimeout);
  }

  @Override
  public void put(String id, WebSocketApiEntity.Active state) {
    snapshot.put(id, state.api(), state.stages(), state.deployments());
  }

  @Override
  public void remove(String id) {
    snapshot.remove(id);
  }
}
