package dev.apigw.node.dataplane.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.MockApis;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Finding 3, connection exhaustion: a client holding many idle connections (more than Pekko's 1024) neither stops
 * the data plane from answering other clients nor holds more than its share. Real node, raw sockets from distinct
 * loopback addresses (127.0.0.2 is the flooding client, 127.0.0.1 the well-behaved one).
 */
class ConnectionLimitsTest {
  private static final int PER_CLIENT = 16;
  private static String apiId;

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode().withConfig(Map.of(
      "gateway.data-plane.connections.max-connections-per-client", PER_CLIENT,
      // Long enough that the flood's sockets are not closed by the head deadline while the test looks at them.
      "gateway.data-plane.connections.head-timeout", "60s"));

  @BeforeAll
  static void deploy() {
    apiId = MockApis.hello(gateway.client(), "limits", "hello");
    gateway.client().createDeployment(r -> r.restApiId(apiId).stageName("prod"));
    DataPlaneClient.await(() -> gateway.dataPlane().call("GET", apiId, "/prod/hello", null, Map.of()),
        r -> r.statusCode() == 200);
  }

  private int port() {
    return gateway.node().dataPlanePort();
  }

  /** GET /prod/hello on a new connection from {@code from}; the status, or -1 if no answer within 3 s. */
  private int hello(String from) {
    Socket socket = EdgeSockets.connect(from, port());
    try {
      EdgeSockets.write(socket, "GET /prod/hello HTTP/1.1\r\nHost: " + apiId + ".execute-api.localhost\r\n\r\n");
      return EdgeSockets.readResponse(socket, Duration.ofSeconds(3));
    } catch (java.io.IOException e) {
      return -1;
    } finally {
      EdgeSockets.close(socket);
    }
  }

  @Test
  void aFloodOfIdleConnectionsFromOneClientNeitherStarvesOthersNorHoldsMoreThanItsShare() {
    List<Socket> flood = new ArrayList<>();
    try {
      for (int i = 0; i < 1100; i++) {
        flood.add(EdgeSockets.connect("127.0.0.2", port()));
      }
      // Others are answered at once, again and again, while the flood stays connected.
      for (int i = 0; i < 5; i++) {
        assertThat(hello("127.0.0.1")).as("well-behaved request " + i).isEqualTo(200);
      }
      // The flooding client holds its share; its connections beyond it were closed without waiting for anything.
      long closed = flood.stream().filter(s -> EdgeSockets.closedWithin(s, Duration.ofMillis(20))).count();
      assertThat(closed).isEqualTo(flood.size() - PER_CLIENT);
      assertThat(EdgeSockets.closedWithin(EdgeSockets.connect("127.0.0.2", port()), Duration.ofSeconds(2)))
          .as("a new connection from the flooding client").isTrue();
    } finally {
      flood.forEach(EdgeSockets::close);
    }
    // Its share is back once it closed them: it is served again.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int status;
    do {
      status = hello("127.0.0.2");
    } while (status != 200 && System.nanoTime() < deadline);
    assertThat(status).isEqualTo(200);
  }
}
