package dev.apigw.node.dataplane.snapshot;

import dev.apigw.persistence.changes.ConfigChanges;
import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.persistence.keys.UsagePlanEntity;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** Loads usage plans, with their keys, into the {@link KeySnapshot}. */
public final class UsagePlanTarget implements SnapshotLoader.Target<UsagePlanEntity.Active> {
  private final KeySnapshot snapshot;
  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public UsagePlanTarget(KeySnapshot snapshot, ClusterSharding sharding, Duration askTimeout) {
    this.snapshot = snapshot;
    this.sharding = sharding;
    this.askTimeout = askTimeout;
  }

  @Override
  public ConfigChanges.Kind kind() {
    return ConfigChanges.Kind.USAGE_PLAN;
  }

  @Override
  public AccountDirectory.Kind directory() {
    return AccountDirectory.Kind.USAGE_PLANS;
  }

  @Override
  public CompletionStage<UsagePlanEntity.Active> fetch(String id) {
    return sharding.entityRefFor(UsagePlanEntity.ENTITY_KEY, id).askWithStatus(UsagePlanEntity.Get::new, askTimeout);
  }

  @Override
  public void put(String id, UsagePlanEntity.Active state) {
    snapshot.putPlan(id, state);
  }

  @Override
  public void remove(String id) {
    snapshot.removePlan(id);
  }
}
