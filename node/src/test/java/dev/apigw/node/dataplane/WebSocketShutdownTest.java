package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.LambdaReply;
import dev.apigw.node.testing.LambdaTestServer;
import dev.apigw.node.testing.TestNode;
import dev.apigw.node.testing.WebSocketTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * A node that stops gracefully closes its sockets and runs their {@code $disconnect} before it is gone, instead
 * of leaving them to the HTTP server's hard termination (no close frame, no $disconnect).
 */
@ExtendWith(CassandraExtension.class)
class WebSocketShutdownTest {

  @Test
  void gracefulShutdownClosesSocketsAndRunsDisconnect() throws Exception {
    var lambdaSystem = ActorSystem.create(Behaviors.empty(), "lambda",
        ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.defaultReference()));
    List<JsonNode> disconnects = new CopyOnWriteArrayList<>();
    try (var lambda = LambdaTestServer.start(lambdaSystem)) {
      lambda.register("ok", event -> LambdaReply.proxy(200, Map.of(), null));
      lambda.register("disconnect", event -> {
        disconnects.add(event);
        return LambdaReply.proxy(200, Map.of(), null);
      });
      var node = TestNode.start(Map.of("gateway.data-plane.lambda.endpoint", lambda.endpoint().toString()));
      WebSocketTestClient first;
      WebSocketTestClient second;
      try (var client = node.v2Client()) {
        String apiId = client.createApi(r -> r.name("shutdown").protocolType(ProtocolType.WEBSOCKET)
            .routeSelectionExpression("$request.body.action")).apiId();
        for (var route : Map.of("$connect", "ok", "$disconnect", "disconnect").entrySet()) {
          String integrationId = client.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
              .integrationMethod("POST").integrationUri(LambdaTestServer.integrationUri(route.getValue()))).integrationId();
          client.createRoute(r -> r.apiId(apiId).routeKey(route.getKey()).target("integrations/" + integrationId));
        }
        var deployment = client.createDeployment(r -> r.apiId(apiId));
        client.createStage(r -> r.apiId(apiId).stageName("prod").deploymentId(deployment.deploymentId()));
        first = WebSocketTestClient.awaitConnect(node.dataPlaneUri(), apiId, "prod");
        second = WebSocketTestClient.awaitConnect(node.dataPlaneUri(), apiId, "prod");
      }

      node.close(); // ActorSystem.terminate: the coordinated shutdown runs

      // The close frames came before the node was gone, and both $disconnect events were sent.
      assertThat(first.awaitClosed(Duration.ofSeconds(1)).code()).isEqualTo(1000);
      assertThat(second.awaitClosed(Duration.ofSeconds(1)).code()).isEqualTo(1000);
      assertThat(disconnects).hasSize(2);
      assertThat(disconnects).allSatisfy(event ->
          assertThat(event.get("requestContext").get("eventType").asText()).isEqualTo("DISCONNECT"));
      first.close();
      second.close();
    } finally {
      lambdaSystem.terminate();
    }
  }
}
