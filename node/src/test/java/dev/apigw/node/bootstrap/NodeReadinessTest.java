package dev.apigw.node.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Ready needs every start-up step and accepted writes; once ready, a node stays ready. */
class NodeReadinessTest {

  @Test
  void readyWaitsForWritesToBeAccepted() {
    var readiness = new NodeReadiness();
    var accepted = new AtomicBoolean();
    readiness.markServersBound();
    readiness.markJournalAnswered();
    readiness.markStagesLoaded();
    // Without a probe to ask, writes are not known to be accepted.
    assertThat(readiness.isReady()).isFalse();
    readiness.watchWrites(accepted::get);
    assertThat(readiness.isReady()).isFalse();
    accepted.set(true);
    assertThat(readiness.isReady()).isTrue();
    // A later outage refuses writes but keeps the node serving its snapshots: still ready.
    accepted.set(false);
    assertThat(readiness.isReady()).isTrue();
  }

  @Test
  void acceptedWritesAloneAreNotReady() {
    var readiness = new NodeReadiness();
    readiness.watchWrites(() -> true);
    readiness.markServersBound();
    readiness.markJournalAnswered();
    assertThat(readiness.isReady()).isFalse();
    readiness.markStagesLoaded();
    assertThat(readiness.isReady()).isTrue();
  }
}
