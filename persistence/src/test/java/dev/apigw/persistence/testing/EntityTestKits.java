package dev.apigw.persistence.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;

/** Configuration for entity tests: a local actor system on the in-memory persistence test kit. */
public final class EntityTestKits {
  private EntityTestKits() {}

  /** A local actor system whose journal is the in-memory persistence test kit (no snapshot store). */
  public static Config config() {
    return ConfigFactory.parseString("pekko.actor.provider = local")
        .withFallback(PersistenceTestKitPlugin.getInstance().config())
        .withFallback(EventSourcedBehaviorTestKit.config())
        .withFallback(ConfigFactory.load());
  }

  /** {@link #config()} plus the in-memory snapshot store, for tests that recover entities from snapshots. */
  public static Config configWithSnapshots() {
    return PersistenceTestKitSnapshotPlugin.getInstance().config().withFallback(config());
  }
}
