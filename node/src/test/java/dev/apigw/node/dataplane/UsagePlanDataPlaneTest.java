package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.TestNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

/**
 * API keys and usage plans enforced by the data plane: keys, plans and plan keys created with the
 * real AWS SDK, requests sent by a real HTTP client.
 */
@ExtendWith(CassandraExtension.class)
class UsagePlanDataPlaneTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestNode node;
  private static ApiGatewayClient client;
  private static DataPlaneClient gateway;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    client = node.client();
    gateway = new DataPlaneClient(node.dataPlaneUri());
  }

  @AfterAll
  static void stop() {
    client.close();
    node.close();
  }

  /** GET /pets (MOCK, apiKeyRequired) answering the key id and key the request was admitted with. */
  private static String keyedApi(String stage) {
    var api = client.createRestApi(r -> r.name("keyed"));
    String pets = client.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("pets")).id();
    client.putMethod(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").authorizationType("NONE")
        .apiKeyRequired(true));
    client.putIntegration(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    client.putMethodResponse(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").statusCode("200"));
    client.putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").statusCode("200")
        .responseTemplates(Map.of("application/json",
            "{\"keyId\": \"$context.identity.apiKeyId\", \"key\": \"$context.identity.apiKey\"}")));
    client.createDeployment(r -> r.restApiId(api.id()).stageName(stage));
    return api.id();
  }

  private static HttpResponse<String> get(String apiId, String path, String key) {
    return gateway.call("GET", apiId, path, null, key == null ? Map.of() : Map.of("x-api-key", key));
  }

  private static HttpResponse<String> until(String apiId, String path, String key, Predicate<HttpResponse<String>> p) {
    return DataPlaneClient.await(() -> get(apiId, path, key), p);
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  private static void assertForbidden(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ForbiddenException");
    assertThat(json(response).get("message").asText()).isEqualTo("Forbidden");
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
  }

  @Test
  void keyRequiredMethodsAdmitOnlyEnabledKeysInAPlanOfTheStage() {
    String apiId = keyedApi("prod");
    var key = client.createApiKey(r -> r.name("partner").enabled(true));
    var other = client.createApiKey(r -> r.name("outsider").enabled(true));
    var plan = client.createUsagePlan(r -> r.name("gold").apiStages(s -> s.apiId(apiId).stage("prod")));
    client.createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(key.id()).keyType("API_KEY"));

    var admitted = until(apiId, "/prod/pets", key.value(), r -> r.statusCode() == 200);
    assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(200);
    assertThat(json(admitted).get("keyId").asText()).isEqualTo(key.id());
    assertThat(json(admitted).get("key").asText()).isEqualTo(key.value());

    assertForbidden(get(apiId, "/prod/pets", null));
    assertForbidden(get(apiId, "/prod/pets", "no-such-key-value-000000000000000"));
    // A real key, but in no plan of this stage.
    assertForbidden(get(apiId, "/prod/pets", other.value()));

    // Disabling the key takes effect without a redeployment.
    client.updateApiKey(r -> r.apiKey(key.id())
        .patchOperations(PatchOperation.builder().op(Op.REPLACE).path("/enabled").value("false").build()));
    assertForbidden(until(apiId, "/prod/pets", key.value(), r -> r.statusCode() == 403));
    client.updateApiKey(r -> r.apiKey(key.id())
        .patchOperations(PatchOperation.builder().op(Op.REPLACE).path("/enabled").value("true").build()));
    assertThat(until(apiId, "/prod/pets", key.value(), r -> r.statusCode() == 200).statusCode()).isEqualTo(200);

    // So does removing it from the plan.
    client.deleteUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(key.id()));
    assertForbidden(until(apiId, "/prod/pets", key.value(), r -> r.statusCode() == 403));
  }

  @Test
  void aPlanOnAnotherStageDoesNotAdmit() {
    String apiId = keyedApi("prod");
    client.createDeployment(r -> r.restApiId(apiId).stageName("beta"));
    var key = client.createApiKey(r -> r.name("beta-only").enabled(true));
    var plan = client.createUsagePlan(r -> r.name("beta").apiStages(s -> s.apiId(apiId).stage("beta")));
    client.createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(key.id()).keyType("API_KEY"));

    assertThat(until(apiId, "/beta/pets", key.value(), r -> r.statusCode() == 200).statusCode()).isEqualTo(200);
    assertForbidden(get(apiId, "/prod/pets", key.value()));
  }
}
