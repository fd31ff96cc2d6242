package dev.apigw.node.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.apigatewayv2.model.Route;

/** A WebSocket API written through one node is recovered from Cassandra by the next one: definition, deployment, stage, listing. */
@ExtendWith(CassandraExtension.class)
class WebSocketApiRecoveryTest {

  @Test
  void webSocketApiSurvivesANodeRestart() {
    String apiId;
    String routeId;
    String deploymentId;
    String deletedId;
    try (TestNode first = TestNode.start();
        var client = first.v2Client()) {
      apiId = client.createApi(r -> r.name("survivor").protocolType(ProtocolType.WEBSOCKET)
          .routeSelectionExpression("$request.body.action")).apiId();
      String integrationId = client.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.MOCK)).integrationId();
      routeId = client.createRoute(r -> r.apiId(apiId).routeKey("sendmessage").target("integrations/" + integrationId)).routeId();
      deploymentId = client.createDeployment(r -> r.apiId(apiId).description("before")).deploymentId();
      client.createStage(r -> r.apiId(apiId).stageName("prod").deploymentId(deploymentId));
      client.updateRoute(r -> r.apiId(apiId).routeId(routeId).routeKey("say"));
      deletedId = client.createApi(r -> r.name("gone").protocolType(ProtocolType.WEBSOCKET)
          .routeSelectionExpression("$request.body.action")).apiId();
      client.deleteApi(r -> r.apiId(deletedId));
    }
    try (TestNode second = TestNode.start();
        var client = second.v2Client()) {
      assertThat(client.getApi(r -> r.apiId(apiId)).name()).isEqualTo("survivor");
      assertThat(client.getRoutes(r -> r.apiId(apiId)).items()).extracting(Route::routeKey).containsExactly("say");
      assertThat(client.getRoute(r -> r.apiId(apiId).routeId(routeId)).routeKey()).isEqualTo("say");
      assertThat(client.getDeployment(r -> r.apiId(apiId).deploymentId(deploymentId)).description()).isEqualTo("before");
      assertThat(client.getStage(r -> r.apiId(apiId).stageName("prod")).deploymentId()).isEqualTo(deploymentId);
      var listed = client.getApis(r -> r.maxResults("500")).items().stream().map(Api::apiId).toList();
      assertThat(listed).contains(apiId).doesNotContain(deletedId);
    }
  }
}
