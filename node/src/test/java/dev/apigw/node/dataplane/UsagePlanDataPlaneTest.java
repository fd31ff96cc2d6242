package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

/**
 * API keys and usage plans enforced by the data plane: keys, plans and plan keys created with the
 * real AWS SDK, requests sent by a real HTTP client.
 */
class UsagePlanDataPlaneTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode();

  /** GET /pets (MOCK, apiKeyRequired) answering the key id and key the request was admitted with. */
  private static String keyedApi(String stage) {
    var api = gateway.client().createRestApi(r -> r.name("keyed"));
    String pets = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("pets")).id();
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").authorizationType("NONE")
        .apiKeyRequired(true));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").statusCode("200"));
    gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").statusCode("200")
        .responseTemplates(Map.of("application/json",
            "{\"keyId\": \"$context.identity.apiKeyId\", \"key\": \"$context.identity.apiKey\"}")));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName(stage));
    return api.id();
  }

  private static HttpResponse<String> get(String apiId, String path, String key) {
    return gateway.dataPlane().call("GET", apiId, path, null, key == null ? Map.of() : Map.of("x-api-key", key));
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
    var key = gateway.client().createApiKey(r -> r.name("partner").enabled(true));
    var other = gateway.client().createApiKey(r -> r.name("outsider").enabled(true));
    var plan = gateway.client().createUsagePlan(r -> r.name("gold").apiStages(s -> s.apiId(apiId).stage("prod")));
    gateway.client().createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(key.id()).keyType("API_KEY"));

    var admitted = until(apiId, "/prod/pets", key.value(), r -> r.statusCode() == 200);
    assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(200);
    assertThat(json(admitted).get("keyId").asText()).isEqualTo(key.id());
    assertThat(json(admitted).get("key").asText()).isEqualTo(key.value());

    assertForbidden(get(apiId, "/prod/pets", null));
    assertForbidden(get(apiId, "/prod/pets", "no-such-key-value-000000000000000"));
    // A real key, but in no plan of this stage.
    assertForbidden(get(apiId, "/prod/pets", other.value()));

    // Disabling the key takes effect without a redeployment.
    gateway.client().updateApiKey(r -> r.apiKey(key.id())
        .patchOperations(PatchOperation.builder().op(Op.REPLACE).path("/enabled").value("false").build()));
    assertForbidden(until(apiId, "/prod/pets", key.value(), r -> r.statusCode() == 403));
    gateway.client().updateApiKey(r -> r.apiKey(key.id())
        .patchOperations(PatchOperation.builder().op(Op.REPLACE).path("/enabled").value("true").build()));
    assertThat(until(apiId, "/prod/pets", key.value(), r -> r.statusCode() == 200).statusCode()).isEqualTo(200);

    // So does removing it from the plan.
    gateway.client().deleteUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(key.id()));
    assertForbidden(until(apiId, "/prod/pets", key.value(), r -> r.statusCode() == 403));
  }

  @Test
  void aPlanOnAnotherStageDoesNotAdmit() {
    String apiId = keyedApi("prod");
    gateway.client().createDeployment(r -> r.restApiId(apiId).stageName("beta"));
    var key = gateway.client().createApiKey(r -> r.name("beta-only").enabled(true));
    var plan = gateway.client().createUsagePlan(r -> r.name("beta").apiStages(s -> s.apiId(apiId).stage("beta")));
    gateway.client().createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(key.id()).keyType("API_KEY"));

    assertThat(until(apiId, "/beta/pets", key.value(), r -> r.statusCode() == 200).statusCode()).isEqualTo(200);
    assertForbidden(get(apiId, "/prod/pets", key.value()));
  }

  private static void assertError(HttpResponse<String> response, int status, String type, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
    assertThat(json(response).get("message").asText()).isEqualTo(message);
  }

  @Test
  void aPlansThrottleRefusesBeyondItsBurstWith429AndRetryAfter() {
    String apiId = keyedApi("prod");
    var key = gateway.client().createApiKey(r -> r.name("bursty").enabled(true));
    // 0.1 request/s after a burst of 2: the third request in a row is refused however slow this machine is.
    var plan = gateway.client().createUsagePlan(r -> r.name("slow").apiStages(s -> s.apiId(apiId).stage("prod"))
        .throttle(t -> t.rateLimit(0.1).burstLimit(2)));
    gateway.client().createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(key.id()).keyType("API_KEY"));

    assertThat(until(apiId, "/prod/pets", key.value(), r -> r.statusCode() == 200).statusCode()).isEqualTo(200);
    assertThat(get(apiId, "/prod/pets", key.value()).statusCode()).isEqualTo(200);
    var refused = get(apiId, "/prod/pets", key.value());
    assertError(refused, 429, "TooManyRequestsException", "Too Many Requests");
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 10L);
    assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");

    // Another key in another plan has a bucket of its own.
    var other = gateway.client().createApiKey(r -> r.name("calm").enabled(true));
    var roomy = gateway.client().createUsagePlan(r -> r.name("roomy").apiStages(s -> s.apiId(apiId).stage("prod")));
    gateway.client().createUsagePlanKey(r -> r.usagePlanId(roomy.id()).keyId(other.id()).keyType("API_KEY"));
    assertThat(until(apiId, "/prod/pets", other.value(), r -> r.statusCode() == 200).statusCode()).isEqualTo(200);
  }

  @Test
  void aStagesDefaultMethodThrottleAppliesWithoutKeys() {
    var api = gateway.client().createRestApi(r -> r.name("open"));
    String res = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("open")).id();
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(res).httpMethod("GET").authorizationType("NONE"));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(res).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(res).httpMethod("GET").statusCode("200"));
    gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(res).httpMethod("GET").statusCode("200")
        .responseTemplates(Map.of("application/json", "ok")));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("prod"));
    assertThat(until(api.id(), "/prod/open", null, r -> r.statusCode() == 200).statusCode()).isEqualTo(200);

    gateway.client().updateStage(r -> r.restApiId(api.id()).stageName("prod").patchOperations(
        PatchOperation.builder().op(Op.REPLACE).path("/*/*/throttling/rateLimit").value("0.1").build(),
        PatchOperation.builder().op(Op.REPLACE).path("/*/*/throttling/burstLimit").value("1").build()));
    var refused = until(api.id(), "/prod/open", null, r -> r.statusCode() == 429);
    assertError(refused, 429, "TooManyRequestsException", "Too Many Requests");
  }

  @Test
  void aQuotaRefusesWithLimitExceededAndGetUsageCountsTheRequests() {
    String apiId = keyedApi("prod");
    var key = gateway.client().createApiKey(r -> r.name("metered").enabled(true));
    var plan = gateway.client().createUsagePlan(r -> r.name("metered").apiStages(s -> s.apiId(apiId).stage("prod"))
        .quota(q -> q.limit(3).period("DAY")));
    gateway.client().createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(key.id()).keyType("API_KEY"));

    assertThat(until(apiId, "/prod/pets", key.value(), r -> r.statusCode() == 200).statusCode()).isEqualTo(200);
    assertThat(get(apiId, "/prod/pets", key.value()).statusCode()).isEqualTo(200);
    assertThat(get(apiId, "/prod/pets", key.value()).statusCode()).isEqualTo(200);
    assertError(get(apiId, "/prod/pets", key.value()), 429, "LimitExceededException", "Limit Exceeded");

    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    var usage = gateway.client().getUsage(r -> r.usagePlanId(plan.id()).keyId(key.id()).startDate(today).endDate(today));
    assertThat(usage.items().get(key.id())).containsExactly(java.util.List.of(3L, 0L));

    // UpdateUsage gives the key room again, without a redeployment.
    gateway.client().updateUsage(r -> r.usagePlanId(plan.id()).keyId(key.id())
        .patchOperations(PatchOperation.builder().op(Op.REPLACE).path("/remaining").value("2").build()));
    assertThat(until(apiId, "/prod/pets", key.value(), r -> r.statusCode() == 200).statusCode()).isEqualTo(200);
  }
}
