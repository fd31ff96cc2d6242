package dev.apigw.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EmbeddedCassandraTest {

  private static final String HOST = "127.0.0.1";
  // Off the defaults, so a developer's own Cassandra on 9042/7000 does not interfere.
  private static final int CQL_PORT = 19142;
  private static final int STORAGE_PORT = 19100;
  private static final Duration PROBE = Duration.ofSeconds(2);

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void startsReusesStopsAndRestartsOnTheSameData() throws Exception {
    Path dataDir = newDataDir();
    EmbeddedCassandra.Options options = EmbeddedCassandra.Options.defaults()
        .withDataDir(dataDir)
        .withCqlPort(CQL_PORT)
        .withStoragePort(STORAGE_PORT)
        .withHeap("512m");

    // Two concurrent starts share one Cassandra: one launches it, the other waits and reuses it.
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<EmbeddedCassandra>> starts;
    try {
      starts = pool.invokeAll(List.of(() -> EmbeddedCassandra.start(options), () -> EmbeddedCassandra.start(options)));
    } finally {
      pool.shutdown();
    }
    EmbeddedCassandra first = starts.get(0).get();
    EmbeddedCassandra second = starts.get(1).get();
    assertThat(List.of(first.ownsProcess(), second.ownsProcess())).containsExactlyInAnyOrder(true, false);
    EmbeddedCassandra owner = first.ownsProcess() ? first : second;
    (first.ownsProcess() ? second : first).close();

    try (EmbeddedCassandra cassandra = owner) {
      assertThat(cassandra.ownsProcess()).isTrue();
      assertThat(cassandra.host()).isEqualTo(HOST);
      assertThat(cassandra.cqlPort()).isEqualTo(CQL_PORT);
      assertThat(CqlProbe.probe(HOST, CQL_PORT, PROBE)).isEqualTo(CqlProbe.Result.CASSANDRA);
      assertThat(dataDir.resolve("conf/cassandra.yaml")).content().contains("'127.0.0.1:19100'");

      // A second start finds it answering, reuses it, and leaves it running on close.
      try (EmbeddedCassandra reused = EmbeddedCassandra.start(options)) {
        assertThat(reused.ownsProcess()).isFalse();
      }
      assertThat(CqlProbe.probe(HOST, CQL_PORT, PROBE)).isEqualTo(CqlProbe.Result.CASSANDRA);
    }
    assertThat(CqlProbe.probe(HOST, CQL_PORT, PROBE)).isEqualTo(CqlProbe.Result.NOTHING_LISTENING);
    assertThat(CqlProbe.canBind(HOST, CQL_PORT)).isTrue();
    assertThat(CqlProbe.canBind(HOST, STORAGE_PORT)).isTrue();
    assertThat(dataDir.resolve("data/system")).isDirectory();
    Path marker = Files.writeString(dataDir.resolve("data/kept-between-starts"), "x");

    try (EmbeddedCassandra again = EmbeddedCassandra.start(options)) {
      assertThat(again.ownsProcess()).isTrue();
      assertThat(CqlProbe.probe(HOST, CQL_PORT, PROBE)).isEqualTo(CqlProbe.Result.CASSANDRA);
      assertThat(marker).exists();
      again.close();
      again.close(); // idempotent
    }
    assertThat(CqlProbe.canBind(HOST, CQL_PORT)).isTrue();
  }

  @Test
  void refusesAPortHeldBySomethingThatIsNotCassandra() throws Exception {
    Path dataDir = newDataDir().resolve("never-created");
    try (ServerSocket notCassandra = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
      EmbeddedCassandra.Options options = EmbeddedCassandra.Options.defaults()
          .withDataDir(dataDir)
          .withCqlPort(notCassandra.getLocalPort())
          .withStoragePort(freePort());

      assertThatThrownBy(() -> EmbeddedCassandra.start(options))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Port 127.0.0.1:" + notCassandra.getLocalPort()
              + " is in use by something that is not Cassandra")
          .hasMessageContaining("GATEWAY_CASSANDRA_PORT");
    }
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void refusesATakenStoragePortBeforeLaunching() throws Exception {
    Path dataDir = newDataDir();
    try (ServerSocket storage = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
      EmbeddedCassandra.Options options = EmbeddedCassandra.Options.defaults()
          .withDataDir(dataDir)
          .withCqlPort(freePort())
          .withStoragePort(storage.getLocalPort());

      assertThatThrownBy(() -> EmbeddedCassandra.start(options))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("storage port 127.0.0.1:" + storage.getLocalPort() + " is in use")
          .hasMessageContaining("GATEWAY_CASSANDRA_STORAGE_PORT");
    }
    // Refused before writing any configuration or launching anything.
    assertThat(dataDir.resolve("conf")).doesNotExist();
    assertThat(dataDir.resolve("cassandra.pid")).doesNotExist();
  }

  @Test
  void optionsHaveDefaultsWithersAndValidation() {
    EmbeddedCassandra.Options d = EmbeddedCassandra.Options.defaults();
    assertThat(d).isEqualTo(new EmbeddedCassandra.Options(
        Path.of("data", "cassandra"), "127.0.0.1", 9042, 7000, Duration.ofSeconds(120), "1g"));
    assertThat(d.withHost("127.0.0.2").withCqlPort(1).withStoragePort(2)
        .withStartTimeout(Duration.ofSeconds(5)).withHeap("256m").withDataDir(Path.of("x")))
        .isEqualTo(new EmbeddedCassandra.Options(Path.of("x"), "127.0.0.2", 1, 2, Duration.ofSeconds(5), "256m"));

    assertThatThrownBy(() -> d.withCqlPort(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withStoragePort(9042)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withHeap("1g -XX:+Foo")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withStartTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsOptionsFromEnvironmentWithSystemPropertiesWinning() {
    Map<String, String> env = Map.of(
        "GATEWAY_DATA_DIR", "/var/gw",
        "GATEWAY_CASSANDRA_PORT", "19042",
        "GATEWAY_CASSANDRA_STORAGE_PORT", "17000",
        "GATEWAY_CASSANDRA_START_TIMEOUT", "2m");
    Properties props = new Properties();
    props.setProperty("gateway.cassandra.port", "29042");
    props.setProperty("gateway.cassandra.heap", "768m");

    EmbeddedCassandra.Options o = EnvironmentOptions.read(env, props);

    assertThat(o.dataDir()).isEqualTo(Path.of("/var/gw", "cassandra"));
    assertThat(o.cqlPort()).isEqualTo(29042);
    assertThat(o.storagePort()).isEqualTo(17000);
    assertThat(o.startTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(o.heap()).isEqualTo("768m");
    assertThat(o.host()).isEqualTo("127.0.0.1");
    assertThat(EnvironmentOptions.read(Map.of(), new Properties())).isEqualTo(EmbeddedCassandra.Options.defaults());
    assertThatThrownBy(() -> EnvironmentOptions.read(Map.of("GATEWAY_CASSANDRA_PORT", "abc"), new Properties()))
        .hasMessageContaining("GATEWAY_CASSANDRA_PORT");
  }

  private static Path newDataDir() throws IOException {
    return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "embedded-cassandra-");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    }
  }
}
