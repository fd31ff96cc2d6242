package dev.apigw.node.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.apigw.cassandra.EmbeddedCassandra;
import dev.apigw.node.testing.CassandraExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The embedded Cassandra launcher reuses only the Cassandra its own data folder started: with the test Cassandra
 * answering on its port, a start from another data folder is refused (it would write its keyspaces into a
 * Cassandra nobody pointed it at), one from the test Cassandra's own folder reuses it.
 */
@ExtendWith(CassandraExtension.class)
class EmbeddedCassandraReuseTest {

  private static EmbeddedCassandra.Options options(Path dataDir) {
    return EmbeddedCassandra.Options.defaults().withDataDir(dataDir).withCqlPort(CassandraExtension.CQL_PORT)
        .withStoragePort(CassandraExtension.STORAGE_PORT);
  }

  @Test
  void aCassandraAnotherDataFolderStartedIsNotReused() throws Exception {
    Path other = Files.createTempDirectory(Path.of("target"), "other-data-");
    assertThatThrownBy(() -> EmbeddedCassandra.start(options(other)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("A Cassandra already answers on 127.0.0.1:" + CassandraExtension.CQL_PORT)
        .hasMessageContaining("did not start it")
        .hasMessageContaining("GATEWAY_CASSANDRA_CONTACT_POINTS=127.0.0.1:" + CassandraExtension.CQL_PORT);
  }

  @Test
  void theCassandraOfTheSameDataFolderIsReused() throws Exception {
    try (var reused = EmbeddedCassandra.start(options(Path.of("target", "cassandra-test")))) {
      assertThat(reused.ownsProcess()).isFalse();
    }
  }

  @Test
  void theEmbeddedCassandrasHostIsConfigurable() {
    var config = ConfigFactory.parseMap(Map.of("gateway.cassandra.embedded.host", "127.0.0.3"))
        .withFallback(ConfigFactory.parseResources("gateway/single-node.conf"))
        .withFallback(ConfigFactory.defaultReference()).resolve();
    assertThat(GatewaySettings.from(config).cassandra().embeddedHost()).isEqualTo("127.0.0.3");
  }
}
