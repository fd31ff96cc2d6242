package dev.apigw.node.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.GatewayProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node that cannot start ends its process, with a non-zero status and the reason on one line, instead of staying
 * alive without an actor system (holding its ports and Cassandra connections): Main in a real child JVM.
 */
@ExtendWith(CassandraExtension.class)
class NodeExitTest {

  @Test
  void aTakenRemotingPortEndsTheProcessWithAReason() throws Exception {
    try (var taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        var node = GatewayProcess.start(Map.of("GATEWAY_REMOTING_PORT", Integer.toString(taken.getLocalPort())))) {
      assertThat(node.awaitExit(Duration.ofSeconds(90))).as(node.output()).isTrue();
      assertThat(node.exitValue()).as(node.output()).isNotZero();
      assertThat(node.output()).containsPattern("Gateway node stopped: .*" + taken.getLocalPort() + ".*\\n");
    }
  }

  @Test
  void aTakenServerPortEndsTheProcessWithAReason() throws Exception {
    try (var taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        var node = GatewayProcess.start(Map.of("GATEWAY_MANAGEMENT_PORT", Integer.toString(taken.getLocalPort())))) {
      assertThat(node.awaitExit(Duration.ofSeconds(90))).as(node.output()).isTrue();
      assertThat(node.exitValue()).as(node.output()).isNotZero();
      assertThat(node.output()).contains("Gateway node stopped: ");
    }
  }
}
