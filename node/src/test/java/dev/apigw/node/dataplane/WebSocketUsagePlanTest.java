package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.TestNode;
import dev.apigw.node.testing.WebSocketTestClient;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyResponse;
import software.amazon.awssdk.services.apigateway.model.CreateUsagePlanRequest;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * A usage plan's throttle and quota on a WebSocket API whose {@code $connect} requires an API key, on a real node with
 * real sockets: the key {@code $connect} admitted counts every message of the connection (and {@code $connect}
 * itself) against the plan, as REST requests with that key do.
 */
@ExtendWith(CassandraExtension.class)
class WebSocketUsagePlanTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestNode node;
  private static ApiGatewayV2Client v2;
  private static ApiGatewayClient rest;
  // The usage plan of each key the tests create.
  private static final Map<String, String> planOf = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    node = TestNode.start();
    v2 = node.v2Client();
    rest = node.client();
  }

  @AfterAll
  static void stop() {
    rest.close();
    v2.close();
    node.close();
  }

  /** A WebSocket API on stage prod whose $connect requires a key; route ping answers {"pong": true, "apiKeyId"}. */
  private static String keyedApi(String name) {
    String apiId = v2.createApi(r -> r.name(name).protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String connect = v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("$default", "{\"statusCode\": 200}"))).integrationId();
    v2.createRoute(r -> r.apiId(apiId).routeKey("$connect").target("integrations/" + connect).apiKeyRequired(true));
    String ping = v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("$default", "{\"statusCode\": 200}"))).integrationId();
    v2.createIntegrationResponse(r -> r.apiId(apiId).integrationId(ping).integrationResponseKey("$default")
        .responseTemplates(Map.of("$default", "{\"pong\": true, \"apiKeyId\": \"$context.identity.apiKeyId\"}")));
    var route = v2.createRoute(r -> r.apiId(apiId).routeKey("ping").target("integrations/" + ping)
        .routeResponseSelectionExpression("$default"));
    v2.createRouteResponse(r -> r.apiId(apiId).routeId(route.routeId()).routeResponseKey("$default"));
    var deployment = v2.createDeployment(r -> r.apiId(apiId));
    v2.createStage(r -> r.apiId(apiId).stageName("prod").deploymentId(deployment.deploymentId()));
    return apiId;
  }

  /** A key in a new plan on {@code apiId}'s stage prod. */
  private static CreateApiKeyResponse keyInPlan(String apiId, String name,
      Consumer<CreateUsagePlanRequest.Builder> limits) {
    var key = rest.createApiKey(r -> r.name(name).enabled(true));
    var plan = rest.createUsagePlan(r -> {
      r.name(name).apiStages(s -> s.apiId(apiId).stage("prod"));
      limits.accept(r);
    });
    rest.createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(key.id()).keyType("API_KEY"));
    planOf.put(key.id(), plan.id());
    return key;
  }

  private static WebSocketTestClient connect(String apiId, String key) {
    return WebSocketTestClient.connect(node.dataPlaneUri(), apiId, "prod", "", Map.of("x-api-key", key));
  }

  /** Connects once the node serves the API and knows the key (until then the handshake is refused, with 403). */
  private static WebSocketTestClient awaitConnect(String apiId, String key) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (true) {
      try {
        return connect(apiId, key);
      } catch (RuntimeException e) {
        if (WebSocketTestClient.handshakeStatus(e) == 429 || System.nanoTime() > deadline) {
          throw e;
        }
        TestNode.sleep(100);
      }
    }
  }

  /** [used, remaining] of the key today. */
  private static List<Long> usageToday(String keyId) {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    var usage = rest.getUsage(r -> r.usagePlanId(planOf.get(keyId)).keyId(keyId).startDate(today).endDate(today));
    return usage.items().get(keyId).get(0);
  }

  @Test
  void messagesOverThePlansThrottleGetTooManyRequestsAndSoDoHandshakes() throws Exception {
    String apiId = keyedApi("ws-plan-throttle");
    var key = keyInPlan(apiId, "ws-throttled", r -> r.throttle(t -> t.rateLimit(1.0).burstLimit(2)));

    List<String> messages = new ArrayList<>();
    try (var socket = awaitConnect(apiId, key.value())) {
      for (int i = 0; i < 6; i++) {
        socket.send("{\"action\": \"ping\"}");
      }
      for (int i = 0; i < 6; i++) {
        JsonNode frame = JSON.readTree(socket.next());
        if (frame.has("pong")) {
          messages.add("pong");
        } else {
          assertThat(frame.has("connectionId")).isTrue();
          messages.add(frame.get("message").asText());
        }
      }
    }
    // The burst of 2 (the handshake took one), a token refilled meanwhile at most, then the plan refuses.
    assertThat(messages).contains("pong", "Too Many Requests").containsOnly("pong", "Too Many Requests");

    // The handshake counts against the plan's throttle too: rapid handshakes with the key are refused with 429.
    Throwable refused = null;
    for (int i = 0; i < 10 && refused == null; i++) {
      refused = catchThrowable(() -> connect(apiId, key.value()).close());
    }
    assertThat(refused).as("a handshake over the plan's throttle").isNotNull();
    assertThat(WebSocketTestClient.handshakeStatus(refused)).isEqualTo(429);
    assertThat(WebSocketTestClient.handshakeErrorType(refused)).isEqualTo("TooManyRequestsException");
  }

  @Test
  void theHandshakeAndEveryMessageCountAgainstThePlansQuotaAndGetUsageShowsThem() throws Exception {
    String apiId = keyedApi("ws-plan-quota");
    var key = keyInPlan(apiId, "ws-metered", r -> r.quota(q -> q.limit(3).period("DAY")));

    try (var socket = awaitConnect(apiId, key.value())) { // 1: $connect
      for (int i = 0; i < 2; i++) { // 2 and 3: messages
        socket.send("{\"action\": \"ping\"}");
        JsonNode pong = JSON.readTree(socket.next());
        assertThat(pong.get("pong").asBoolean()).isTrue();
        assertThat(pong.get("apiKeyId").asText()).isEqualTo(key.id()); // $context.identity.apiKeyId
      }
      socket.send("{\"action\": \"ping\"}");
      JsonNode refused = JSON.readTree(socket.next());
      assertThat(refused.get("message").asText()).isEqualTo("Limit Exceeded");
      assertThat(refused.has("connectionId")).isTrue();
      assertThat(refused.has("requestId")).isTrue();
    }
    assertThat(usageToday(key.id())).containsExactly(3L, 0L);

    // Over the quota, the handshake itself is refused (and, like the refused message, not counted).
    Throwable refused = catchThrowable(() -> connect(apiId, key.value()).close());
    assertThat(WebSocketTestClient.handshakeStatus(refused)).isEqualTo(429);
    assertThat(WebSocketTestClient.handshakeErrorType(refused)).isEqualTo("LimitExceededException");
    assertThat(usageToday(key.id())).containsExactly(3L, 0L);
  }
}
