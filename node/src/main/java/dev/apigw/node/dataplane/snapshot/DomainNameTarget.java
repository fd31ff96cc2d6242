package dev.apigw.node.dataplane.snapshot;

import dev.apigw.persistence.changes.ConfigChanges;
import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.persistence.domains.DomainNameEntity;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** Loads custom domain names and their base path mappings into the {@link DomainSnapshot}. */
public final class DomainNameTarget implements SnapshotLoader.Target<DomainNameEntity.Active> {
  private final DomainSnapshot snapshot;
  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public DomainNameTarget(DomainSnapshot snapshot, ClusterSharding sharding, Duration askTimeout) {
    this.snapshot = snapshot;
    this.sharding = sharding;
    this.askTimeout = askTimeout;
  }

  @Override
  public ConfigChanges.Kind kind() {
    return ConfigChanges.Kind.DOMAIN_NAME;
  }

  @Override
  public AccountDirectory.Kind directory() {
    return AccountDirectory.Kind.DOMAIN_NAMES;
  }

  @Override
  public CompletionStage<DomainNameEntity.Active> fetch(String id) {
    return sharding.entityRefFor(DomainNameEntity.ENTITY_KEY, id).askWithStatus(DomainNameEntity.Get::new, askTimeout);
  }

  @Override
  public void put(String id, DomainNameEntity.Active state) {
    snapshot.put(id, state.mappings());
  }

  @Override
  public void remove(String id) {
    snapshot.remove(id);
  }
}
