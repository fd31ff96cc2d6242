package dev.apigw.node.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.RawHttp;
import dev.apigw.node.testing.TestNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /ready} means management writes are accepted: a node on keyspaces that do not exist yet (a fresh start,
 * when the journal health probe's first attempts fail while the keyspaces are created) takes a write at once after
 * it reports ready, instead of answering 503 "The configuration store (Cassandra) does not answer".
 */
@ExtendWith(CassandraExtension.class)
class ReadyMeansWritableTest {

  @Test
  void theFirstWriteAfterReadyOnAFreshJournalSucceeds() {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (var node = TestNode.start(Map.of(
            "pekko.persistence.cassandra.journal.keyspace", "ready_" + suffix,
            "pekko.persistence.cassandra.snapshot.keyspace", "ready_snapshot_" + suffix,
            // A probe that failed while the keyspaces were being created is repeated only after 10 s: long after
            // the node's other start-up steps are done, so readiness has to wait for the probe itself.
            "gateway.journal-health.interval", "10s",
            "gateway.journal-health.timeout", "2s"))) {
      // One signed request, no retries (the SDK would retry a 503).
      var created = RawHttp.signed("POST", node.managementUri().resolve("/restapis"), "{\"name\":\"first-write\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
  }
}
