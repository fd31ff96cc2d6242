package dev.apigw.node.dataplane.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.GatewayExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The node-wide count of client connections with an own backend connection (each holds heap as long as it lives):
 * beyond it, connections send through the shared pool; a closed connection's place goes to a later one.
 */
class OwnBackendBudgetTest {
  private static final RawHttp.Backend backend = RawHttp.Backend.start();

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode()
      .withConfig(Map.of("gateway.data-plane.connections.own-backend-connections", 2));

  private static String host;

  @BeforeAll
  static void setUp() {
    var client = gateway.client();
    var api = client.createRestApi(r -> r.name("own backend budget"));
    OwnBackendConnectionsTest.proxy(client, api.id(), api.rootResourceId(), "who", backend.url("who"), 29_000);
    client.createDeployment(r -> r.restApiId(api.id()).stageName("prod"));
    host = api.id() + ".execute-api.localhost";
  }

  @AfterAll
  static void tearDown() throws IOException {
    backend.close();
  }

  @Test
  void connectionsBeyondTheCountShareThePoolUntilAPlaceIsFree() throws IOException, InterruptedException {
    List<Socket> sockets = new ArrayList<>();
    Map<String, Integer> connectionsPerBackendConnection = new HashMap<>();
    try {
      for (int i = 0; i < 5; i++) {
        sockets.add(client());
      }
      for (int round = 0; round < 2; round++) {
        for (Socket socket : sockets) {
          connectionsPerBackendConnection.merge(who(socket), 1, Integer::sum);
        }
      }
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
    // At most 2 own backend connections (another client of the node may hold one); the rest, one request after
    // the other, all over the pool's one idle connection.
    assertThat(connectionsPerBackendConnection).hasSizeLessThanOrEqualTo(3);
    String pooled = connectionsPerBackendConnection.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow()
        .getKey();
    assertThat(connectionsPerBackendConnection.get(pooled)).isGreaterThanOrEqualTo(6);
    // The places are free once the node has seen the connections close: a new connection gets its own again.
    long deadline = System.nanoTime() + 5_000_000_000L;
    String next;
    do {
      Thread.sleep(50);
      try (Socket later = client()) {
        next = who(later);
      }
    } while (next.equals(pooled) && System.nanoTime() < deadline);
    assertThat(next).isNotEqualTo(pooled);
  }

  private static String who(Socket socket) throws IOException {
    var answer = RawHttp.call(socket, host, "GET", "/prod/who", null);
    assertThat(answer.status()).isEqualTo(200);
    return answer.body();
  }

  /** A client connection past its first request (on its own backend connection while there is a place). */
  private static Socket client() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.node().dataPlanePort());
    socket.setSoTimeout(10_000);
    who(socket);
    return socket;
  }
}
