package dev.apigw.node.bootstrap;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.apigw.cassandra.EmbeddedCassandra;
import java.util.List;
import kamon.Kamon;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one gateway node: the embedded Cassandra unless contact points are configured, Kamon,
 * then the actor system. Runs until SIGTERM / Ctrl-C, which runs Pekko's coordinated shutdown
 * (servers unbind, the node leaves the cluster) and then stops the embedded Cassandra.
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    Config config = ConfigFactory.load();
    GatewaySettings settings = GatewaySettings.from(config);

    EmbeddedCassandra cassandra = null;
    List<String> contactPoints = settings.cassandra().contactPoints();
    if (settings.cassandra().embedded()) {
      var c = settings.cassandra();
      try {
        cassandra =
            EmbeddedCassandra.start(
                EmbeddedCassandra.Options.defaults()
                    .withDataDir(c.dataDir())
                    .withCqlPort(c.embeddedPort())
                    .withStoragePort(c.embeddedStoragePort())
                    .withHeap(c.embeddedHeap())
                    .withStartTimeout(c.embeddedStartTimeout()));
      } catch (IllegalStateException e) {
        log.error("Embedded Cassandra did not start: {}", e.getMessage());
        System.exit(1);
      }
      contactPoints = List.of(cassandra.host() + ":" + cassandra.cqlPort());
    }
    Config effective =
        ConfigFactory.empty()
            .withValue("datastax-java-driver.basic.contact-points", ConfigValueFactory.fromIterable(contactPoints))
            .withFallback(config)
            .resolve();

    // Kamon instruments Pekko HTTP only if it is initialised before the actor system exists.
    Kamon.init(effective);
    ActorSystem<Void> system = ActorSystem.create(Guardian.create(settings), "apigw", effective);
    if (cassandra != null) {
      // Stop Cassandra only after the journal is done with it.
      cassandra.stopAfter(system.getWhenTerminated(), java.time.Duration.ofSeconds(60));
    }
    system
        .getWhenTerminated()
        .whenComplete(
            (done, failure) -> {
              Kamon.stop();
              var reason = CoordinatedShutdown.get(Adapter.toClassic(system)).getShutdownReason();
              int status = reason.isPresent() && isFailure(reason.get()) ? 1 : 0;
              // The JVM ends with the actor system, whatever ended it (SIGTERM, downing, a failed
              // bind); a separate thread because exit waits for the shutdown hooks. Non-zero
              // status so scripts and supervisors see a failed start (a server could not bind,
              // or no seed node answered within shutdown-after-unsuccessful-join-seed-nodes).
              new Thread(() -> System.exit(status), "gateway-exit").start();
            });
  }

  private static boolean isFailure(CoordinatedShutdown.Reason reason) {
    return reason == Guardian.BIND_FAILED
        || reason == CoordinatedShutdown.clusterJoinUnsuccessfulReason();
  }
}
