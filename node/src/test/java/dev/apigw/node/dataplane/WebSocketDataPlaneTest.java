package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apigw.node.dataplane.observability.WebSocketMetrics;
import dev.apigw.node.http.Json;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.LambdaReply;
import dev.apigw.node.testing.LambdaTestServer;
import dev.apigw.node.testing.TestNode;
import dev.apigw.node.testing.WebSocketTestClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizationType;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizerType;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.apigatewayv2.model.RouteSettings;

/**
 * WebSocket APIs on the data plane of a real node: APIs made with the real AWS SDK, sockets from the
 * JDK's WebSocket client. The node closes idle sockets after 3 s so that the idle timeout can be seen.
 */
class WebSocketDataPlaneTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode()
      .withLambdaServer(WebSocketDataPlaneTest::functions)
      .withBackend()
      .withConfig(Map.of("gateway.websocket.idle-timeout", "3s"));

  private static void functions(LambdaTestServer lambda) {
    lambda.register("ws-ok", event -> LambdaReply.proxy(200, Map.of(), null));
    lambda.register("ws-echo-event", event -> LambdaReply.proxy(200, Map.of(), event.toString()));
    // A REQUEST authorizer: ?token=allow-<user> is allowed (context user), deny-* explicitly denied, else 401.
    lambda.register("ws-auth", event -> {
      String token = event.path("queryStringParameters").path("token").asText("");
      if (!token.startsWith("allow-") && !token.startsWith("deny-")) {
        return LambdaReply.unhandled("Error", "Unauthorized");
      }
      var out = Json.object().put("principalId", "p-" + token);
      out.putObject("policyDocument").putArray("Statement").addObject().put("Action", "execute-api:Invoke")
          .put("Effect", token.startsWith("allow-") ? "Allow" : "Deny").put("Resource", event.get("methodArn").asText());
      out.putObject("context").put("user", token.substring(token.indexOf('-') + 1));
      return LambdaReply.result(out);
    });
  }

  /** A MOCK integration answering 200 whose integration response renders {@code template}. */
  private static String mock(String apiId, String statusTemplate, String responseTemplate) {
    var integration = gateway.v2Client().createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("$default", statusTemplate)));
    if (responseTemplate != null) {
      gateway.v2Client().createIntegrationResponse(r -> r.apiId(apiId).integrationId(integration.integrationId())
          .integrationResponseKey("$default").responseTemplates(Map.of("$default", responseTemplate)));
    }
    return "integrations/" + integration.integrationId();
  }

  private static void twoWayRoute(String apiId, String routeKey, String target) {
    var route = gateway.v2Client().createRoute(r -> r.apiId(apiId).routeKey(routeKey).target(target)
        .routeResponseSelectionExpression("$default"));
    gateway.v2Client().createRouteResponse(r -> r.apiId(apiId).routeId(route.routeId()).routeResponseKey("$default"));
  }

  private static void deploy(String apiId) {
    var deployment = gateway.v2Client().createDeployment(r -> r.apiId(apiId));
    gateway.v2Client().createStage(r -> r.apiId(apiId).stageName("prod").deploymentId(deployment.deploymentId()));
  }

  /** A chat API: $connect accepts, sendmessage and $default answer through route responses. */
  private static String chatApi() {
    String apiId = gateway.v2Client().createApi(r -> r.name("chat").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    gateway.v2Client().createRoute(r -> r.apiId(apiId).routeKey("$connect").target(mock(apiId, "{\"statusCode\": 200}", null)));
    twoWayRoute(apiId, "sendmessage", mock(apiId, "{\"statusCode\": 200}",
        "{\"route\": \"$context.routeKey\", \"connectionId\": \"$context.connectionId\"}"));
    twoWayRoute(apiId, "$default", mock(apiId, "{\"statusCode\": 200}", "{\"route\": \"default\"}"));
    deploy(apiId);
    return apiId;
  }

  @Test
  void routesMessagesByActionAndAnswersThroughRouteResponses() throws Exception {
    String apiId = chatApi();
    try (var socket = WebSocketTestClient.awaitConnect(gateway.node().dataPlaneUri(), apiId, "prod")) {
      socket.send("{\"action\": \"sendmessage\", \"message\": \"hello\"}");
      JsonNode answer = JSON.readTree(socket.next());
      assertThat(answer.get("route").asText()).isEqualTo("sendmessage");
      assertThat(answer.get("connectionId").asText()).matches("[A-Za-z0-9_-]{16}");

      socket.send("{\"action\": \"unknown\"}");
      assertThat(JSON.readTree(socket.next()).get("route").asText()).isEqualTo("default");
      socket.send("not json at all");
      assertThat(JSON.readTree(socket.next()).get("route").asText()).isEqualTo("default");
    }
  }

  @Test
  void countsConnectsMessagesAndClientErrorsPerApiStage() throws Exception {
    String apiId = gateway.v2Client().createApi(r -> r.name("metered").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    twoWayRoute(apiId, "ping", mock(apiId, "{\"statusCode\": 200}", "{\"pong\": true}"));
    deploy(apiId);
    try (var socket = WebSocketTestClient.awaitConnect(gateway.node().dataPlaneUri(), apiId, "prod")) {
      socket.send("{\"action\": \"ping\"}");
      assertThat(socket.next()).isEqualTo("{\"pong\": true}");
      socket.send("{\"action\": \"nothing-routes-this\"}"); // no $default: AWS's Forbidden error frame
      assertThat(JSON.readTree(socket.next()).get("message").asText()).isEqualTo("Forbidden");
    }
    // The gateway's instruments, read from Kamon's registry (the same instruments for the same tags).
    var measured = new WebSocketMetrics().of(apiId, "prod");
    assertThat(value(measured.connects())).isGreaterThanOrEqualTo(1); // awaitConnect may have retried
    assertThat(value(measured.messages())).isEqualTo(4); // two in, the route response and the error frame out
    assertThat(value(measured.clientErrors())).isEqualTo(1);
    assertThat(value(measured.integrationErrors())).isZero();
    assertThat(value(measured.executionErrors())).isZero();
  }

  private static long value(kamon.metric.Counter counter) {
    return ((kamon.metric.Counter.LongAdder) counter).snapshot(false);
  }

  @Test
  void selectsRoutesByNestedFields() throws Exception {
    String apiId = gateway.v2Client().createApi(r -> r.name("nested").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.meta.kind")).apiId();
    twoWayRoute(apiId, "ping", mock(apiId, "{\"statusCode\": 200}", "{\"route\": \"$context.routeKey\"}"));
    deploy(apiId);
    try (var socket = WebSocketTestClient.awaitConnect(gateway.node().dataPlaneUri(), apiId, "prod")) {
      socket.send("{\"meta\": {\"kind\": \"ping\"}}");
      assertThat(JSON.readTree(socket.next()).get("route").asText()).isEqualTo("ping");
    }
  }

  @Test
  void answersAwsErrorFrameWhenNoRouteMatchesAndThereIsNoDefault() throws Exception {
    String apiId = gateway.v2Client().createApi(r -> r.name("strict").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    twoWayRoute(apiId, "sendmessage", mock(apiId, "{\"statusCode\": 200}", "{\"ok\": true}"));
    deploy(apiId);
    try (var socket = WebSocketTestClient.awaitConnect(gateway.node().dataPlaneUri(), apiId, "prod")) {
      socket.send("{\"action\": \"other\"}");
      JsonNode error = JSON.readTree(socket.next());
      assertThat(error.get("message").asText()).isEqualTo("Forbidden");
      assertThat(error.get("connectionId").asText()).matches("[A-Za-z0-9_-]{16}");
      assertThat(error.get("requestId").asText()).isNotEmpty();

      socket.send("{\"action\": \"sendmessage\"}");
      assertThat(JSON.readTree(socket.next()).get("ok").asBoolean()).isTrue();
    }
  }

  @Test
  void connectRouteRefusesTheHandshakeWithItsStatus() {
    String apiId = gateway.v2Client().createApi(r -> r.name("closed").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    gateway.v2Client().createRoute(r -> r.apiId(apiId).routeKey("$connect").target(mock(apiId, "{\"statusCode\": 403}", null)));
    deploy(apiId);
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    Throwable refused;
    do {
      refused = catchThrowable(() -> WebSocketTestClient.connect(gateway.node().dataPlaneUri(), apiId, "prod").close());
      // Until the node serves the stage, the refusal comes from the gateway itself (it names an error type).
    } while (WebSocketTestClient.handshakeErrorType(refused) != null && System.nanoTime() < deadline);
    assertThat(WebSocketTestClient.handshakeStatus(refused)).isEqualTo(403);
    assertThat(WebSocketTestClient.handshakeErrorType(refused)).isNull();
  }

  @Test
  void closesIdleConnections() {
    String apiId = chatApi();
    try (var socket = WebSocketTestClient.awaitConnect(gateway.node().dataPlaneUri(), apiId, "prod")) {
      socket.send("{\"action\": \"sendmessage\"}");
      assertThat(socket.next()).contains("sendmessage");
      assertThat(socket.awaitClosed(Duration.ofSeconds(30)).code()).isEqualTo(1000);
    }
  }

  @Test
  void closesTheConnectionOnAMessageOverTheLimit() {
    String apiId = chatApi();
    try (var socket = WebSocketTestClient.awaitConnect(gateway.node().dataPlaneUri(), apiId, "prod")) {
      socket.send("{\"action\": \"sendmessage\", \"data\": \"" + "x".repeat(130 * 1024) + "\"}");
      // AWS closes with 1009; Pekko HTTP offers no public way to choose the close code, and a handler
      // that fails closes with 1011. Either way the message is refused and the socket closed.
      assertThat(socket.awaitClosed(Duration.ofSeconds(10)).code()).isEqualTo(1011);
      assertThat(socket.next()).isNull();
    }
  }

  private static String integration(String apiId, IntegrationType type, String uri) {
    return "integrations/" + gateway.v2Client().createIntegration(r -> r.apiId(apiId).integrationType(type).integrationUri(uri)
        .integrationMethod("POST")).integrationId();
  }

  @Test
  void lambdaProxyRoutesReceiveAwsWebSocketEvents() throws Exception {
    String apiId = gateway.v2Client().createApi(r -> r.name("lambda").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String ok = integration(apiId, IntegrationType.AWS_PROXY, LambdaTestServer.integrationUri("ws-ok"));
    gateway.v2Client().createRoute(r -> r.apiId(apiId).routeKey("$connect").target(ok));
    gateway.v2Client().createRoute(r -> r.apiId(apiId).routeKey("$disconnect").target(ok));
    twoWayRoute(apiId, "$default",
        integration(apiId, IntegrationType.AWS_PROXY, LambdaTestServer.integrationUri("ws-echo-event")));
    deploy(apiId);
    String connectionId;
    try (var socket = WebSocketTestClient.awaitConnect(gateway.node().dataPlaneUri(), apiId, "prod")) {
      socket.send("{\"n\": 1}");
      JsonNode event = JSON.readTree(socket.next());
      JsonNode context = event.get("requestContext");
      assertThat(context.get("routeKey").asText()).isEqualTo("$default");
      assertThat(context.get("eventType").asText()).isEqualTo("MESSAGE");
      connectionId = context.get("connectionId").asText();
      assertThat(connectionId).matches("[A-Za-z0-9_-]{16}");
      assertThat(context.get("messageId").asText()).isNotEmpty();
      assertThat(context.get("requestId").asText()).isNotEmpty();
      assertThat(context.get("connectedAt").asLong()).isPositive();
      assertThat(context.get("stage").asText()).isEqualTo("prod");
      assertThat(context.get("apiId").asText()).isEqualTo(apiId);
      assertThat(context.get("domainName").asText()).isEqualTo(apiId + ".execute-api.localhost");
      assertThat(context.get("identity").get("sourceIp").asText()).isEqualTo("127.0.0.1");
      assertThat(context.get("identity").get("userAgent").asText()).isNotEmpty();
      assertThat(event.get("body").asText()).isEqualTo("{\"n\": 1}");
      assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (eventTypes(connectionId).size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(eventTypes(connectionId)).containsExactly("CONNECT", "MESSAGE", "DISCONNECT");
  }

  private static java.util.List<String> eventTypes(String connectionId) {
    return gateway.lambda().invocations().stream()
        .map(i -> i.event().path("requestContext"))
        .filter(c -> connectionId.equals(c.path("connectionId").asText()))
        .map(c -> c.path("eventType").asText())
        .toList();
  }

  @Test
  void httpProxyRoutesAndConnectRefusalFromABackend() throws Exception {
    String apiId = gateway.v2Client().createApi(r -> r.name("http").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    twoWayRoute(apiId, "echo", integration(apiId, IntegrationType.HTTP_PROXY, gateway.backend().url("/messages")));
    deploy(apiId);
    try (var socket = WebSocketTestClient.awaitConnect(gateway.node().dataPlaneUri(), apiId, "prod")) {
      socket.send("{\"action\": \"echo\", \"text\": \"hi\"}");
      JsonNode echoed = JSON.readTree(socket.next());
      assertThat(echoed.get("method").asText()).isEqualTo("POST");
      assertThat(echoed.get("path").asText()).isEqualTo("/messages");
      assertThat(echoed.get("body").asText()).isEqualTo("{\"action\": \"echo\", \"text\": \"hi\"}");
    }

    String refusing = gateway.v2Client().createApi(r -> r.name("refusing").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    gateway.v2Client().createRoute(r -> r.apiId(refusing).routeKey("$connect")
        .target(integration(refusing, IntegrationType.HTTP_PROXY, gateway.backend().url("/status/401"))));
    deploy(refusing);
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    Throwable refused;
    do {
      refused = catchThrowable(() -> WebSocketTestClient.connect(gateway.node().dataPlaneUri(), refusing, "prod").close());
    } while (WebSocketTestClient.handshakeErrorType(refused) != null && System.nanoTime() < deadline);
    assertThat(WebSocketTestClient.handshakeStatus(refused)).isEqualTo(401);
  }

  @Test
  void connectRunsTheRequestAuthorizerAndItsContextReachesEveryRoute() throws Exception {
    String apiId = gateway.v2Client().createApi(r -> r.name("guarded").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    var auth = gateway.v2Client().createAuthorizer(r -> r.apiId(apiId).name("tokens").authorizerType(AuthorizerType.REQUEST)
        .authorizerUri(LambdaTestServer.integrationUri("ws-auth")).identitySource("route.request.querystring.token"));
    gateway.v2Client().createRoute(r -> r.apiId(apiId).routeKey("$connect").target(mock(apiId, "{\"statusCode\": 200}", null))
        .authorizationType(AuthorizationType.CUSTOM).authorizerId(auth.authorizerId()));
    twoWayRoute(apiId, "whoami", mock(apiId, "{\"statusCode\": 200}",
        "{\"user\": \"$context.authorizer.user\", \"principal\": \"$context.authorizer.principalId\"}"));
    deploy(apiId);

    try (var socket = WebSocketTestClient.awaitConnect(gateway.node().dataPlaneUri(), apiId, "prod", "?token=allow-ada")) {
      socket.send("{\"action\": \"whoami\"}");
      JsonNode answer = JSON.readTree(socket.next());
      assertThat(answer.get("user").asText()).isEqualTo("ada");
      assertThat(answer.get("principal").asText()).isEqualTo("p-allow-ada");
    }
    JsonNode event = gateway.lambda().invocations().stream().filter(i -> i.function().equals("ws-auth"))
        .reduce((a, b) -> b).orElseThrow().event();
    assertThat(event.get("type").asText()).isEqualTo("REQUEST");
    assertThat(event.get("methodArn").asText()).endsWith(":" + apiId + "/prod/$connect");
    assertThat(event.get("requestContext").get("eventType").asText()).isEqualTo("CONNECT");

    for (var refusal : Map.of("", 401, "?token=nobody", 401, "?token=deny-eve", 403).entrySet()) {
      Throwable refused = catchThrowable(
          () -> WebSocketTestClient.connect(gateway.node().dataPlaneUri(), apiId, "prod", refusal.getKey()).close());
      assertThat(WebSocketTestClient.handshakeStatus(refused)).as(refusal.getKey()).isEqualTo(refusal.getValue());
    }
  }

  @Test
  void aRouteOverItsThrottleAnswersTooManyRequests() throws Exception {
    String apiId = gateway.v2Client().createApi(r -> r.name("throttled").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    twoWayRoute(apiId, "ping", mock(apiId, "{\"statusCode\": 200}", "{\"pong\": true}"));
    twoWayRoute(apiId, "free", mock(apiId, "{\"statusCode\": 200}", "{\"free\": true}"));
    var deployment = gateway.v2Client().createDeployment(r -> r.apiId(apiId));
    // ping: a burst of 2 that never refills; other routes unthrottled.
    gateway.v2Client().createStage(r -> r.apiId(apiId).stageName("prod").deploymentId(deployment.deploymentId())
        .routeSettings(Map.of("ping", RouteSettings.builder().throttlingBurstLimit(2).throttlingRateLimit(0.0).build())));
    try (var socket = WebSocketTestClient.awaitConnect(gateway.node().dataPlaneUri(), apiId, "prod")) {
      for (int i = 0; i < 2; i++) {
        socket.send("{\"action\": \"ping\"}");
        assertThat(JSON.readTree(socket.next()).get("pong").asBoolean()).isTrue();
      }
      socket.send("{\"action\": \"ping\"}");
      JsonNode refused = JSON.readTree(socket.next());
      assertThat(refused.get("message").asText()).isEqualTo("Too Many Requests");
      assertThat(refused.has("connectionId")).isTrue();
      socket.send("{\"action\": \"free\"}");
      assertThat(JSON.readTree(socket.next()).get("free").asBoolean()).isTrue();
    }
  }

  @Test
  void connectWithApiKeyRequiredNeedsAKeyOfAPlanOnTheStage() throws Exception {
    String apiId = gateway.v2Client().createApi(r -> r.name("keyed").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    gateway.v2Client().createRoute(r -> r.apiId(apiId).routeKey("$connect").target(mock(apiId, "{\"statusCode\": 200}", null))
        .apiKeyRequired(true));
    twoWayRoute(apiId, "ping", mock(apiId, "{\"statusCode\": 200}", "{\"pong\": true}"));
    deploy(apiId);
    try (var rest = gateway.node().client()) {
      var key = rest.createApiKey(r -> r.name("ws-key").enabled(true));
      var plan = rest.createUsagePlan(r -> r.name("ws-plan").apiStages(s -> s.apiId(apiId).stage("prod")));
      rest.createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(key.id()).keyType("API_KEY"));

      long deadline = System.nanoTime() + 15_000_000_000L;
      WebSocketTestClient socket = null;
      while (socket == null) {
        try {
          socket = WebSocketTestClient.connect(gateway.node().dataPlaneUri(), apiId, "prod", "", Map.of("x-api-key", key.value()));
        } catch (RuntimeException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          TestNode.sleep(100);
        }
      }
      try (var connected = socket) {
        connected.send("{\"action\": \"ping\"}");
        assertThat(JSON.readTree(connected.next()).get("pong").asBoolean()).isTrue();
      }
    }
    for (var headers : java.util.List.of(Map.<String, String>of(), Map.of("x-api-key", "not-a-key"))) {
      Throwable refused = catchThrowable(
          () -> WebSocketTestClient.connect(gateway.node().dataPlaneUri(), apiId, "prod", "", headers).close());
      assertThat(WebSocketTestClient.handshakeStatus(refused)).as(headers.toString()).isEqualTo(403);
      assertThat(WebSocketTestClient.handshakeErrorType(refused)).isEqualTo("ForbiddenException");
    }
  }
}
