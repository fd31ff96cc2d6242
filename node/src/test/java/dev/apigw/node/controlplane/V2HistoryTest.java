package dev.apigw.node.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.RawHttp;
import dev.apigw.node.testing.TestNode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/** History and rollback of apigatewayv2 APIs from the journal, on a real node and Cassandra, through the real v2 client. */
@ExtendWith(CassandraExtension.class)
class V2HistoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anAutoDeployStageRollsBackToTheDeploymentItServedThen() throws Exception {
    try (TestNode node = TestNode.start(); var client = node.v2Client()) {
      String apiId = client.createApi(r -> r.name("shop").protocolType(ProtocolType.HTTP)
          .target("http://127.0.0.1:9/backend")).apiId();
      String first = client.getStage(r -> r.apiId(apiId).stageName("$default")).deploymentId();
      pause();
      Instant beforeChange = Instant.now();
      pause();
      String integration = client.getIntegrations(r -> r.apiId(apiId)).items().get(0).integrationId();
      client.createRoute(r -> r.apiId(apiId).routeKey("GET /orders").target("integrations/" + integration));
      String second = client.getStage(r -> r.apiId(apiId).stageName("$default")).deploymentId();
      assertThat(second).isNotEqualTo(first);

      JsonNode history = get(node, "/v2/apis/" + apiId + "/history");
      assertThat(history.get("apiId").asText()).isEqualTo(apiId);
      assertThat(types(history)).startsWith("ApiCreated").contains("RouteCreated", "DeploymentCreated", "StageUpdated");
      assertThat(history.get("events").get(0).get("by").asText()).isEqualTo("test");
      assertThat(history.get("events").get(0).get("description").asText()).isEqualTo("created HTTP API 'shop'");
      JsonNode timeline = history.get("stages").get("$default");
      assertThat(timeline.get(timeline.size() - 2).get("deploymentId").asText()).isEqualTo(first);
      assertThat(timeline.get(timeline.size() - 1).get("deploymentId").asText()).isEqualTo(second);
      assertThat(types(get(node, "/v2/apis/" + apiId + "/history?stage=$default")))
          .allMatch(t -> t.startsWith("Stage"));

      JsonNode then = get(node, "/v2/apis/" + apiId + "/history?stage=$default&at=" + beforeChange)
          .get("stages").get("$default");
      assertThat(then.get("stage").get("deploymentId").asText()).isEqualTo(first);
      assertThat(then.get("deployment").get("routeKeys").toString()).isEqualTo("[\"$default\"]");

      var rollback = RawHttp.signed("POST", node.managementUri().resolve("/v2/apis/" + apiId + "/stages/$default/rollback"),
          "{\"to\":\"" + beforeChange + "\"}");
      assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
      assertThat(JSON.readTree(rollback.body()).get("deploymentId").asText()).isEqualTo(first);
      var stage = client.getStage(r -> r.apiId(apiId).stageName("$default"));
      assertThat(stage.deploymentId()).isEqualTo(first);
      assertThat(stage.autoDeploy()).isTrue();
      assertThat(stage.lastDeploymentStatusMessage()).startsWith("Rolled back to deployment ID '" + first + "'");
      JsonNode after = get(node, "/v2/apis/" + apiId + "/history");
      assertThat(types(after)).endsWith("StageRestored");
      JsonNode last = after.get("events").get(after.get("events").size() - 1);
      assertThat(last.get("description").asText()).startsWith("rolled stage $default back to its state at " + beforeChange);

      // The next change deploys again, as auto-deploy promises.
      client.createRoute(r -> r.apiId(apiId).routeKey("GET /carts").target("integrations/" + integration));
      assertThat(client.getStage(r -> r.apiId(apiId).stageName("$default")).deploymentId()).isNotIn(first, second);

      String ws = client.createApi(r -> r.name("chat").protocolType(ProtocolType.WEBSOCKET)
          .routeSelectionExpression("$request.body.action")).apiId();
      String mock = client.createIntegration(r -> r.apiId(ws).integrationType(IntegrationType.MOCK)).integrationId();
      client.createRoute(r -> r.apiId(ws).routeKey("$default").target("integrations/" + mock));
      Instant beforeStage = Instant.now();
      pause();
      client.createStage(r -> r.apiId(ws).stageName("prod"));
      String wsDeployment = client.createDeployment(r -> r.apiId(ws).stageName("prod")).deploymentId();
      assertThat(get(node, "/v2/apis/" + ws + "/history").get("stages").get("prod").get(1).get("deploymentId").asText())
          .isEqualTo(wsDeployment);
      var noStage = RawHttp.signed("POST", node.managementUri().resolve("/v2/apis/" + ws + "/stages/prod/rollback"),
          "{\"to\":\"" + beforeStage + "\"}");
      RestApiControlPlaneTest.assertError(noStage, 404, "NotFoundException", "Stage prod did not exist at");

      var bad = RawHttp.signed("GET", node.managementUri().resolve("/v2/apis/" + apiId + "/history?at=yesterday"), null);
      RestApiControlPlaneTest.assertError(bad, 400, "BadRequestException", "Invalid instant");
      var before = RawHttp.signed("GET",
          node.managementUri().resolve("/v2/apis/" + apiId + "/history?at=2001-01-01T00:00:00Z"), null);
      RestApiControlPlaneTest.assertError(before, 400, "BadRequestException", "did not exist at");
      var unknown = RawHttp.signed("GET", node.managementUri().resolve("/v2/apis/zzzzzzzzzz/history"), null);
      RestApiControlPlaneTest.assertError(unknown, 404, "NotFoundException", "Invalid API identifier");
    }
  }

  private static JsonNode get(TestNode node, String pathAndQuery) throws Exception {
    var response = RawHttp.signed("GET", URI.create(node.managementUri() + pathAndQuery), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<String> types(JsonNode history) {
    var out = new ArrayList<String>();
    history.get("events").forEach(e -> out.add(e.get("type").asText()));
    return out;
  }

  /** Event times have millisecond resolution; keep "between" strictly between. */
  private static void pause() throws InterruptedException {
    Thread.sleep(20);
  }
}
