package dev.apigw.node.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.RawHttp;
import dev.apigw.node.testing.TestNode;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

/** Deployment history from the journal: timeline, reconstruction at an instant, rollback, and all of it after a restart. */
@ExtendWith(CassandraExtension.class)
class HistoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void timelineReconstructionAndRollbackSurviveARestart() throws Exception {
    String apiId;
    String v1;
    String v2;
    Instant betweenDeployments;
    String historyBefore;
    try (TestNode node = TestNode.start(); var client = node.client()) {
      apiId = DeploymentsAndStagesTest.petStore(client);
      v1 = client.createDeployment(r -> r.restApiId(apiId).stageName("prod").description("v1")).id();
      pause();
      betweenDeployments = Instant.now();
      pause();
      String pets = client.getResources(r -> r.restApiId(apiId)).items().get(1).id();
      client.deleteMethod(r -> r.restApiId(apiId).resourceId(pets).httpMethod("GET"));
      v2 = client.createDeployment(r -> r.restApiId(apiId).stageName("prod").description("v2")).id();
      client.updateStage(r -> r.restApiId(apiId).stageName("prod").patchOperations(
          PatchOperation.builder().op(Op.REPLACE).path("/variables/color").value("red").build()));

      JsonNode history = get(node, "/restapis/" + apiId + "/history");
      assertThat(types(history)).startsWith("Created", "DefinitionChanged").contains(
          "DeploymentCreated", "StageCreated", "StageUpdated");
      assertThat(history.get("events").get(0).get("by").asText()).isEqualTo("test");
      JsonNode timeline = history.get("stages").get("prod");
      assertThat(timeline).hasSize(3);
      assertThat(timeline.get(0).get("deploymentId").asText()).isEqualTo(v1);
      assertThat(timeline.get(1).get("deploymentId").asText()).isEqualTo(v2);

      JsonNode then = get(node, "/restapis/" + apiId + "/history?stage=prod&at=" + betweenDeployments);
      JsonNode prodThen = then.get("stages").get("prod");
      assertThat(prodThen.get("stage").get("deploymentId").asText()).isEqualTo(v1);
      assertThat(prodThen.get("deployment").get("apiSummary").has("/pets")).isTrue();
      assertThat(prodThen.get("stage").has("variables")).isFalse();
      historyBefore = get(node, "/restapis/" + apiId + "/history").toString();
    }

    try (TestNode node = TestNode.start(); var client = node.client()) {
      assertThat(get(node, "/restapis/" + apiId + "/history").toString()).isEqualTo(historyBefore);

      var rollback = RawHttp.signed("POST", node.managementUri().resolve("/restapis/" + apiId + "/stages/prod/rollback"),
          "{\"to\":\"" + betweenDeployments + "\"}");
      assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
      var prod = client.getStage(r -> r.restApiId(apiId).stageName("prod"));
      assertThat(prod.deploymentId()).isEqualTo(v1);
      assertThat(prod.variables()).isEmpty();
      assertThat(types(get(node, "/restapis/" + apiId + "/history"))).endsWith("StageRestored");

      var bad = RawHttp.signed("GET", node.managementUri().resolve("/restapis/" + apiId + "/history?at=yesterday"), null);
      RestApiControlPlaneTest.assertError(bad, 400, "BadRequestException", "Invalid instant");
      var unknown = RawHttp.signed("GET", node.managementUri().resolve("/restapis/zzzzzzzzzz/history"), null);
      RestApiControlPlaneTest.assertError(unknown, 404, "NotFoundException", "Invalid API identifier");
    }
  }

  private static JsonNode get(TestNode node, String pathAndQuery) throws Exception {
    var response = RawHttp.signed("GET", URI.create(node.managementUri() + pathAndQuery), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static java.util.List<String> types(JsonNode history) {
    var out = new java.util.ArrayList<String>();
    history.get("events").forEach(e -> out.add(e.get("type").asText()));
    return out;
  }

  /** Event times have millisecond resolution; keep "between" strictly between. */
  private static void pause() throws InterruptedException {
    Thread.sleep(20);
  }

}
