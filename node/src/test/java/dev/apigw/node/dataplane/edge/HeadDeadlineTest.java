package dev.apigw.node.dataplane.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.MockApis;
import dev.apigw.node.testing.TestNode;
import dev.apigw.node.testing.WebSocketTestClient;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * Finding 3, slow headers: a connection that trickles its request head (a byte now and then, which keeps resetting
 * Pekko's idle-timeout) is closed once the head deadline passes, on a new connection and on a kept-alive one; clients
 * that send whole requests, and WebSocket connections, are not cut. Real node, raw sockets.
 */
class HeadDeadlineTest {
  private static String apiId;
  private static String wsApiId;

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode().withConfig(Map.of(
      "gateway.data-plane.connections.head-timeout", "1s",
      "gateway.data-plane.connections.next-request-timeout", "2s"));

  @BeforeAll
  static void deploy() {
    apiId = MockApis.hello(gateway.client(), "heads", "hello");
    gateway.client().createDeployment(r -> r.restApiId(apiId).stageName("prod"));
    DataPlaneClient.await(() -> gateway.dataPlane().call("GET", apiId, "/prod/hello", null, Map.of()),
        r -> r.statusCode() == 200);
    var v2 = gateway.v2Client();
    wsApiId = v2.createApi(r -> r.name("ws").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    var integration = v2.createIntegration(r -> r.apiId(wsApiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("$default", "{\"statusCode\": 200}")));
    v2.createIntegrationResponse(r -> r.apiId(wsApiId).integrationId(integration.integrationId())
        .integrationResponseKey("$default").responseTemplates(Map.of("$default", "pong")));
    var route = v2.createRoute(r -> r.apiId(wsApiId).routeKey("$default")
        .target("integrations/" + integration.integrationId()).routeResponseSelectionExpression("$default"));
    v2.createRouteResponse(r -> r.apiId(wsApiId).routeId(route.routeId()).routeResponseKey("$default"));
    var deployment = v2.createDeployment(r -> r.apiId(wsApiId));
    v2.createStage(r -> r.apiId(wsApiId).stageName("prod").deploymentId(deployment.deploymentId()));
  }

  private int port() {
    return gateway.node().dataPlanePort();
  }

  private String head() {
    return "GET /prod/hello HTTP/1.1\r\nHost: " + apiId + ".execute-api.localhost\r\nX-Pad: abcdefghijklmnop\r\n\r\n";
  }

  /** Trickles {@code text} a byte every 200 ms for up to {@code budget}; whether the server closed the connection. */
  private static boolean trickleUntilClosed(Socket socket, String text, Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    for (int i = 0; i < text.length() - 2 && System.nanoTime() < deadline; i++) {
      if (!EdgeSockets.write(socket, text.substring(i, i + 1)) || EdgeSockets.closedWithin(socket, Duration.ofMillis(200))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aNewConnectionTricklingItsHeadIsClosedAtTheDeadline() {
    Socket socket = EdgeSockets.connect("127.0.0.3", port());
    try {
      long start = System.nanoTime();
      assertThat(trickleUntilClosed(socket, head(), Duration.ofSeconds(8))).as("closed while trickling").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    } finally {
      EdgeSockets.close(socket);
    }
  }

  @Test
  void aKeptAliveConnectionTricklingItsNextHeadIsClosedAtTheDeadline() throws IOException {
    Socket socket = EdgeSockets.connect("127.0.0.3", port());
    try {
      EdgeSockets.write(socket, head());
      assertThat(EdgeSockets.readResponse(socket, Duration.ofSeconds(5))).isEqualTo(200);
      assertThat(trickleUntilClosed(socket, head(), Duration.ofSeconds(8))).as("closed while trickling").isTrue();
    } finally {
      EdgeSockets.close(socket);
    }
  }

  @Test
  void wholeRequestsOnAKeptAliveConnectionAreServedPastTheHeadDeadline() throws IOException {
    Socket socket = EdgeSockets.connect("127.0.0.3", port());
    try {
      long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
      int served = 0;
      while (System.nanoTime() < end) {
        assertThat(EdgeSockets.write(socket, head())).isTrue();
        assertThat(EdgeSockets.readResponse(socket, Duration.ofSeconds(5))).isEqualTo(200);
        served++;
        TestNode.sleep(700);
      }
      assertThat(served).isGreaterThanOrEqualTo(4);
    } finally {
      EdgeSockets.close(socket);
    }
  }

  @Test
  void aWebSocketConnectionOutlivesBothDeadlines() throws Exception {
    var socket = WebSocketTestClient.awaitConnect(gateway.node().dataPlaneUri(), wsApiId, "prod");
    try {
      Thread.sleep(3500); // past the head deadline (1 s) and the next-request deadline (2 s)
      socket.send("{\"action\": \"ping\"}");
      assertThat(socket.next()).isEqualTo("pong");
    } finally {
      socket.close();
    }
  }
}
