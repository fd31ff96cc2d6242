package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.TestNode;
import dev.apigw.node.testing.WebSocketTestClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ApiGatewayManagementApiException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * {@code @connections} from any node: a socket held by node A, reached through node B by the real
 * AWS SDK's {@link ApiGatewayManagementApiClient} (endpoint {@code http://127.0.0.1:<B's port>/prod},
 * as AWS documents it for the SDKs).
 */
class WebSocketConnectionsDataPlaneTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.cluster(2);

  private static ApiGatewayManagementApiClient connections(TestNode node, String secret) {
    return ApiGatewayManagementApiClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + node.dataPlanePort() + "/prod"))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", secret)))
        .httpClient(ApacheHttpClient.create())
        .build();
  }

  /** An API whose $default route tells the client its connection id. */
  private static String whoAmIApi() {
    String apiId = gateway.v2Client().createApi(r -> r.name("whoami").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    var integration = gateway.v2Client().createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("$default", "{\"statusCode\": 200}")));
    gateway.v2Client().createIntegrationResponse(r -> r.apiId(apiId).integrationId(integration.integrationId())
        .integrationResponseKey("$default")
        .responseTemplates(Map.of("$default", "{\"connectionId\": \"$context.connectionId\"}")));
    var route = gateway.v2Client().createRoute(r -> r.apiId(apiId).routeKey("$default")
        .target("integrations/" + integration.integrationId()).routeResponseSelectionExpression("$default"));
    gateway.v2Client().createRouteResponse(r -> r.apiId(apiId).routeId(route.routeId()).routeResponseKey("$default"));
    var deployment = gateway.v2Client().createDeployment(r -> r.apiId(apiId));
    gateway.v2Client().createStage(r -> r.apiId(apiId).stageName("prod").deploymentId(deployment.deploymentId()));
    return apiId;
  }

  @Test
  void postGetAndDeleteThroughAnotherNode() throws Exception {
    String apiId = whoAmIApi();
    Instant before = Instant.now().minusSeconds(2);
    try (var socket = WebSocketTestClient.awaitConnect(gateway.node(0).dataPlaneUri(), apiId, "prod");
        var viaB = connections(gateway.node(1), "test")) {
      socket.send("whoami");
      String connectionId = JSON.readTree(socket.next()).get("connectionId").asText();

      viaB.postToConnection(r -> r.connectionId(connectionId).data(SdkBytes.fromUtf8String("hello from B")));
      assertThat(socket.next()).isEqualTo("hello from B");

      GetConnectionResponse info = viaB.getConnection(r -> r.connectionId(connectionId));
      assertThat(info.connectedAt()).isBetween(before, Instant.now().plusSeconds(2));
      assertThat(info.lastActiveAt()).isAfterOrEqualTo(info.connectedAt());
      assertThat(info.identity().sourceIp()).isEqualTo("127.0.0.1");
      assertThat(info.identity().userAgent()).isNotBlank();

      assertThatThrownBy(() -> viaB.postToConnection(
          r -> r.connectionId(connectionId).data(SdkBytes.fromUtf8String("x".repeat(129 * 1024)))))
          .isInstanceOf(PayloadTooLargeException.class);
      try (var wrongKey = connections(gateway.node(1), "not-the-secret")) {
        assertThatThrownBy(() -> wrongKey.getConnection(r -> r.connectionId(connectionId)))
            .isInstanceOfSatisfying(ApiGatewayManagementApiException.class,
                e -> assertThat(e.statusCode()).isEqualTo(403));
      }

      viaB.deleteConnection(r -> r.connectionId(connectionId));
      assertThat(socket.awaitClosed(Duration.ofSeconds(10)).code()).isEqualTo(1000);
      awaitGone(() -> viaB.getConnection(r -> r.connectionId(connectionId)));
      assertThatThrownBy(() -> viaB.postToConnection(
          r -> r.connectionId(connectionId).data(SdkBytes.fromUtf8String("too late"))))
          .isInstanceOf(GoneException.class);
    }
  }

  @Test
  void unknownConnectionIsGone() {
    try (var viaA = connections(gateway.node(0), "test")) {
      assertThatThrownBy(() -> viaA.postToConnection(
          r -> r.connectionId("AAAAAAAAAAAAAAAA").data(SdkBytes.fromUtf8String("anyone?"))))
          .isInstanceOfSatisfying(GoneException.class, e -> assertThat(e.statusCode()).isEqualTo(410));
    }
  }

  /** The session ends asynchronously after the socket closed: wait (bounded) until the call says Gone. */
  private static void awaitGone(Runnable call) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        call.run();
      } catch (GoneException gone) {
        return;
      }
      Thread.sleep(100);
    }
    assertThatThrownBy(call::run).isInstanceOf(GoneException.class);
  }
}
