package dev.apigw.node.bootstrap;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
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
    Config config;
    GatewaySettings settings;
    MetricsSettings metrics;
    try {
      config = ConfigFactory.load();
      settings = GatewaySettings.from(config);
      metrics = MetricsSettings.from(config);
    } catch (ConfigException | IllegalArgumentException e) {
      exit(2, "invalid configuration: " + StopReasons.oneLine(e));
      return;
    }
    settings.developmentCredentialsWarning().ifPresent(log::warn);
    settings.sharedCredentialsWarning().ifPresent(log::warn);

    EmbeddedCassandra cassandra = null;
    List<String> contactPoints = settings.cassandra().contactPoints();
    if (settings.cassandra().embedded()) {
      var c = settings.cassandra();
      try {
        cassandra =
            EmbeddedCassandra.start(
                EmbeddedCassandra.Options.defaults()
                    .withDataDir(c.dataDir())
                    .withHost(c.embeddedHost())
                    .withCqlPort(c.embeddedPort())
                    .withStoragePort(c.embeddedStoragePort())
                    .withHeap(c.embeddedHeap())
                    .withStartTimeout(c.embeddedStartTimeout()));
      } catch (IllegalStateException e) {
        exit(1, "the embedded Cassandra did not start: " + StopReasons.oneLine(e));
        return;
      }
      contactPoints = List.of(cassandra.host() + ":" + cassandra.cqlPort());
    }
    Config effective =
        ConfigFactory.empty()
            .withValue("datastax-java-driver.basic.contact-points", ConfigValueFactory.fromIterable(contactPoints))
            .withFallback(config)
            .resolve();

    // Kamon instruments Pekko only if it is initialised before the actor system exists. It gets the
    // configuration without secrets: its status page (when switched on) serves everything it was given.
    Config kamonConfig = ConfigSecrets.redacted(effective);
    if (metrics.automaticInstrumentation()) {
      Kamon.init(kamonConfig);
    } else {
      Kamon.initWithoutAttaching(kamonConfig);
    }
    ActorSystem<Void> system;
    try {
      system = ActorSystem.create(Guardian.create(settings), "apigw", effective);
    } catch (RuntimeException e) {
      // E.g. the remoting port is taken: the system terminated itself, but Kamon's and Cassandra's threads would
      // keep this JVM (and the embedded Cassandra) alive, serving nothing.
      exit(1, "the actor system did not start: " + StopReasons.oneLine(e));
      return;
    }
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
              // The JVM ends with the actor system, whatever ended it (SIGTERM, downing, a failed bind, a failed
              // guardian); non-zero unless the JVM itself is exiting, so scripts and supervisors see it.
              exit(StopReasons.status(reason), StopReasons.describe(reason));
            });
  }

  /**
   * Prints {@code Gateway node stopped: <reason>} on stderr (one line, whatever the logging configuration) and
   * ends the JVM; on a separate thread because exit waits for the shutdown hooks, which may be waiting for us.
   */
  private static void exit(int status, String reason) {
    if (status == 0) {
      log.info("Gateway node stopped: {}", reason);
    } else {
      System.err.println("Gateway node stopped: " + reason);
    }
    new Thread(() -> System.exit(status), "gateway-exit").start();
  }
}
