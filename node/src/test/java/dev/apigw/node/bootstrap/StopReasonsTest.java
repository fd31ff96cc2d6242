package dev.apigw.node.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.junit.jupiter.api.Test;

/** Only a JVM exit ends the process with status 0; every other end says why on one line. */
class StopReasonsTest {

  @Test
  void onlyAJvmExitIsNotAFailure() {
    assertThat(StopReasons.status(Optional.of(CoordinatedShutdown.jvmExitReason()))).isZero();
    for (var reason : new CoordinatedShutdown.Reason[] {Guardian.BIND_FAILED, CoordinatedShutdown.clusterDowningReason(),
        CoordinatedShutdown.clusterLeavingReason(), CoordinatedShutdown.clusterJoinUnsuccessfulReason(),
        CoordinatedShutdown.actorSystemTerminateReason(), CoordinatedShutdown.unknownReason()}) {
      assertThat(StopReasons.status(Optional.of(reason))).as(reason.toString()).isEqualTo(1);
      assertThat(StopReasons.describe(Optional.of(reason))).as(reason.toString()).isNotBlank().doesNotContain("\n");
    }
    assertThat(StopReasons.status(Optional.empty())).isEqualTo(1);
  }

  @Test
  void aMultiLineMessageBecomesOneLine() {
    assertThat(StopReasons.oneLine(new IllegalStateException("first\n  second\r\nthird"))).isEqualTo("first second third");
    assertThat(StopReasons.oneLine(new IllegalStateException())).isEqualTo("java.lang.IllegalStateException");
  }
}
