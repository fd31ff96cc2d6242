package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.WebSocketTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * The account's new-connection rate (AWS: 500/s, here 1/s with a burst of 3) and the maximum connection
 * duration (AWS: 2 h, here 3 s) on a real node with real sockets.
 */
class WebSocketLimitsTest {
  private static String apiId;

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode().withConfig(Map.of(
      "gateway.websocket.new-connections.rate", "1",
      "gateway.websocket.new-connections.burst", "3",
      "gateway.websocket.max-connection-duration", "3s"));

  @BeforeAll
  static void createApi() {
    apiId = gateway.v2Client().createApi(r -> r.name("limits").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String integrationId = gateway.v2Client().createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("$default", "{\"statusCode\": 200}"))).integrationId();
    gateway.v2Client().createRoute(r -> r.apiId(apiId).routeKey("$default").target("integrations/" + integrationId));
    var deployment = gateway.v2Client().createDeployment(r -> r.apiId(apiId));
    gateway.v2Client().createStage(r -> r.apiId(apiId).stageName("prod").deploymentId(deployment.deploymentId()));
  }

  @Test
  void connectionsBeyondTheAccountRateAreRefusedWith429AndAnActiveConnectionEndsAtItsMaximumDuration()
      throws Exception {
    // The snapshot may need a moment to serve the new API; that first connection is the one we keep.
    List<WebSocketTestClient> sockets = new ArrayList<>();
    sockets.add(WebSocketTestClient.awaitConnect(gateway.node().dataPlaneUri(), apiId, "prod"));
    long openedAt = System.nanoTime();
    Throwable refused = null;
    for (int i = 0; i < 10 && refused == null; i++) {
      refused = catchThrowable(() -> sockets.add(WebSocketTestClient.connect(gateway.node().dataPlaneUri(), apiId, "prod")));
    }
    assertThat(refused).as("a handshake beyond the burst").isNotNull();
    assertThat(WebSocketTestClient.handshakeStatus(refused)).isEqualTo(429);
    assertThat(WebSocketTestClient.handshakeErrorType(refused)).isEqualTo("LimitExceededException");
    assertThat(sockets.size()).isBetween(3, 5); // the burst of 3, and a token or so refilled meanwhile

    // Activity does not extend the maximum duration (it only resets the idle timeout).
    var first = sockets.get(0);
    for (int i = 0; i < 4; i++) {
      first.send("{\"action\": \"keepalive\"}");
      Thread.sleep(500);
    }
    var closed = first.awaitClosed(Duration.ofSeconds(10));
    assertThat(closed.code()).isEqualTo(1000);
    assertThat(Duration.ofNanos(System.nanoTime() - openedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
    sockets.forEach(WebSocketTestClient::close);
  }
}
