package dev.apigw.node.dataplane.snapshot;

import dev.apigw.persistence.changes.ConfigChanges;
import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.persistence.keys.ApiKeyEntity;
import dev.apigw.protocol.keys.ApiKey;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** Loads API keys into the {@link KeySnapshot}. */
public final class ApiKeyTarget implements SnapshotLoader.Target<ApiKey> {
  private final KeySnapshot snapshot;
  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public ApiKeyTarget(KeySnapshot snapshot, ClusterSharding sharding, Duration askTimeout) {
    this.snapshot = snapshot;
    this.sharding = sharding;
    this.askTimeout = askTimeout;
  }

  @Override
  public ConfigChanges.Kind kind() {
    return ConfigChanges.Kind.API_KEY;
  }

  @Override
  public AccountDirectory.Kind directory() {
    return AccountDirectory.Kind.API_KEYS;
  }

  @Override
  public CompletionStage<ApiKey> fetch(String id) {
    return sharding.entityRefFor(ApiKeyEntity.ENTITY_KEY, id).askWithStatus(ApiKeyEntity.Get::new, askTimeout);
  }

  @Override
  public void put(String id, ApiKey state) {
    snapshot.putKey(id, state);
  }

  @Override
  public void remove(String id) {
    snapshot.removeKey(id);
  }
}
