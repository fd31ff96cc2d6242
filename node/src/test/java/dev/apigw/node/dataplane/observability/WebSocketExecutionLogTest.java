package dev.apigw.node.dataplane.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.TestNode;
import dev.apigw.node.testing.WebSocketTestClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.apigatewayv2.model.RouteSettings;

/**
 * WebSocket execution logs on a real node: stages made with the real AWS SDK ({@code defaultRouteSettings} and
 * {@code routeSettings}), sockets from the JDK's WebSocket client, lines read back from the node's
 * {@code execution.log}, the REST stages' file.
 */
class WebSocketExecutionLogTest {
  private static final Path LOGS = ExecutionLogFiles.directory("ws-execution-logs");
  private static final Pattern LINE =
      Pattern.compile("\\S+Z API-Gateway-Execution-Logs_([a-z0-9]{10})/prod \\(([^)]+)\\) (.*)");

  /** A backend that takes each connection and closes it at once: every request to it fails, quickly. */
  private static final int CLOSING_PORT = ExecutionLogFiles.closingServer();

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode().withBackend()
      .withConfig(Map.of("gateway.data-plane.execution-logs.directory", LOGS.toString()));

  @Test
  void infoWithDataTraceLogsConnectMessageAndDisconnect() {
    String api = api("ws-info");
    gateway.v2Client().createRoute(r -> r.apiId(api).routeKey("$connect").target(mock(api)));
    gateway.v2Client().createRoute(r -> r.apiId(api).routeKey("$disconnect").target(mock(api)));
    twoWayRoute(api, "echo", proxy(api, gateway.backend().url("/messages")));
    deploy(api, RouteSettings.builder().loggingLevel("INFO").dataTraceEnabled(true).build(), Map.of());

    try (var socket = WebSocketTestClient.awaitConnect(gateway.node().dataPlaneUri(), api, "prod")) {
      socket.send("{\"action\": \"echo\", \"text\": \"hi\"}");
      assertThat(socket.next()).contains("/messages");
    }

    Map<String, List<String>> logged = awaitEvents(api, events -> events.contains("WebSocket Request Route: [$disconnect]")
        && events.get(events.size() - 1).startsWith("Client [Connection Id: "));
    List<String> message = only(logged, "WebSocket Request Route: [echo]");
    String id = message.get(1).substring("Starting execution for request: ".length());
    Matcher received = Pattern.compile("WebSocket API \\[" + api + "] received message from client \\[Connection Id: "
        + "([A-Za-z0-9_-]+)]\\.").matcher(message.get(3));
    assertThat(received.matches()).as(message.get(3)).isTrue();
    String connection = received.group(1);
    String uri = gateway.backend().url("/messages");
    assertThat(message.subList(0, 8)).containsExactly(
        "Extended Request Id: " + id,
        "Starting execution for request: " + id,
        "WebSocket Request Route: [echo]",
        message.get(3),
        "Endpoint request URI: " + uri,
        "Endpoint request body after transformations: {\"action\": \"echo\", \"text\": \"hi\"}",
        "Sending request to " + uri,
        message.get(7));
    assertThat(message.get(7)).matches("Received response\\. Status: 200, Integration latency: \\d+ ms");
    assertThat(message.get(8)).startsWith("Endpoint response body before transformations: {").contains("/messages");
    assertThat(message.get(9)).startsWith("Endpoint response headers: {").contains("X-Backend=echo");
    assertThat(message.subList(10, message.size())).containsExactly("Method completed with status: 200");

    // The connect that succeeded (awaitConnect may have retried while the stage reached the node).
    List<String> connect = logged.values().stream()
        .filter(e -> e.contains("Client [Connection Id: " + connection + "] connected to API [" + api + "] successfully."))
        .findFirst().orElseThrow(() -> new AssertionError("no $connect in " + logged));
    assertThat(connect.subList(2, connect.size())).containsExactly(
        "WebSocket Request Route: [$connect]",
        connect.get(3),
        "Method completed with status: 200",
        "Client [Connection Id: " + connection + "] connected to API [" + api + "] successfully.");
    assertThat(connect.get(3)).matches("Client \\[UserAgent: .+, SourceIp: 127\\.0\\.0\\.1] is connecting to WebSocket "
        + "API \\[" + api + "]\\.");

    List<String> disconnect = only(logged, "WebSocket Request Route: [$disconnect]");
    assertThat(disconnect.subList(2, disconnect.size())).containsExactly(
        "WebSocket Request Route: [$disconnect]",
        "Client [Connection Id: " + connection + "] is disconnecting from WebSocket API [" + api + "].",
        "Method completed with status: 200",
        "Client [Connection Id: " + connection + "] disconnected from API [" + api
            + "] with integration response status code [200].");
  }

  @Test
  void errorLevelWritesOnlyFailuresAndARouteSettingOverridesTheDefault() {
    String api = api("ws-error");
    twoWayRoute(api, "broken", proxy(api, "http://127.0.0.1:" + CLOSING_PORT + "/down"));
    twoWayRoute(api, "quiet", mock(api));
    twoWayRoute(api, "loud", mock(api));
    deploy(api, RouteSettings.builder().loggingLevel("ERROR").dataTraceEnabled(true).build(),
        Map.of("loud", RouteSettings.builder().loggingLevel("INFO").build()));

    try (var socket = WebSocketTestClient.awaitConnect(gateway.node().dataPlaneUri(), api, "prod")) {
      socket.send("{\"action\": \"quiet\"}");
      socket.next();
      socket.send("{\"action\": \"broken\"}");
      assertThat(socket.next()).contains("Internal server error");
      socket.send("{\"action\": \"loud\"}");
      socket.next();
    }

    Map<String, List<String>> logged = awaitEvents(api, events -> events.contains("WebSocket Request Route: [loud]"));
    // ERROR: the failed event's failure lines only, nothing of the event that went well nor of the connect.
    assertThat(logged.values()).hasSize(2);
    assertThat(logged.values()).contains(List.of(
        "Execution failed due to configuration error: Invalid endpoint address",
        "Method completed with status: 500"));
    // INFO for its own route (a MOCK: no endpoint lines).
    List<String> loud = only(logged, "WebSocket Request Route: [loud]");
    assertThat(loud.subList(2, loud.size())).hasSize(3).startsWith("WebSocket Request Route: [loud]")
        .endsWith("Method completed with status: 200");
  }

  private static String api(String name) {
    return gateway.v2Client().createApi(r -> r.name(name).protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
  }

  private static String mock(String api) {
    return "integrations/" + gateway.v2Client().createIntegration(r -> r.apiId(api).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("$default", "{\"statusCode\": 200}"))).integrationId();
  }

  private static String proxy(String api, String uri) {
    return "integrations/" + gateway.v2Client().createIntegration(r -> r.apiId(api)
        .integrationType(IntegrationType.HTTP_PROXY).integrationUri(uri).integrationMethod("POST")).integrationId();
  }

  private static void twoWayRoute(String api, String routeKey, String target) {
    var route = gateway.v2Client().createRoute(r -> r.apiId(api).routeKey(routeKey).target(target)
        .routeResponseSelectionExpression("$default"));
    gateway.v2Client().createRouteResponse(r -> r.apiId(api).routeId(route.routeId()).routeResponseKey("$default"));
  }

  private static void deploy(String api, RouteSettings defaults, Map<String, RouteSettings> routes) {
    var deployment = gateway.v2Client().createDeployment(r -> r.apiId(api));
    gateway.v2Client().createStage(r -> r.apiId(api).stageName("prod").deploymentId(deployment.deploymentId())
        .defaultRouteSettings(defaults).routeSettings(routes));
  }

  /** The events of {@code api}'s requests by request id, once one of them matches {@code done}. */
  private static Map<String, List<String>> awaitEvents(String api, Predicate<List<String>> done) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (true) {
      Map<String, List<String>> byRequest = new LinkedHashMap<>();
      for (String line : read().split("\n")) {
        Matcher m = LINE.matcher(line);
        if (m.matches() && m.group(1).equals(api)) {
          byRequest.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(m.group(3));
        }
      }
      if (byRequest.values().stream().anyMatch(done)) {
        return byRequest;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no execution log of " + api + " in:\n" + read());
      }
      TestNode.sleep(100);
    }
  }

  private static List<String> only(Map<String, List<String>> logged, String event) {
    List<List<String>> matching = logged.values().stream().filter(e -> e.contains(event)).toList();
    assertThat(matching).as(event + " in " + logged).hasSize(1);
    return matching.get(0);
  }

  private static String read() {
    return ExecutionLogFiles.read(LOGS);
  }
}
