package dev.apigw.node.dataplane;

import static dev.apigw.node.testing.V2Failures.badRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.TestBackend;
import dev.apigw.node.testing.TestNode;
import dev.apigw.node.testing.WebSocketTestClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.model.VpcLinkStatus;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ConnectionType;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * WebSocket APIs' private integrations with the real AWS SDK v2 clients against a real node: as on AWS they go through
 * REST API (V1) VPC links, and the node sends them to the address {@code vpc-link-targets} gives the link's network load
 * balancer (here a real local backend), with the integration uri's host in {@code Host}; sockets from the JDK's
 * WebSocket client.
 */
class WebSocketVpcLinkTest {
  private static final String NLB = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/chat/0123456789abcdef";
  private static final String UNMAPPED_NLB =
      "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/nowhere/0a0a0a0a0a0a0a0a";
  private static final String NOT_FOUND = "Invalid VPC link identifier specified";
  private static final String HOST = "chat.internal.example";

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode().withBackend()
      .withConfig(g -> Map.of("gateway.data-plane.backends.vpc-link-targets",
          NLB + "=127.0.0.1:" + URI.create(g.backend().url("/")).getPort()));

  private static String linkId;
  private static String unmappedLinkId;
  private static String httpApiLinkId;

  @BeforeAll
  static void setUp() {
    var rest = gateway.client();
    linkId = rest.createVpcLink(r -> r.name("chat").targetArns(NLB)).id();
    unmappedLinkId = rest.createVpcLink(r -> r.name("nowhere").targetArns(UNMAPPED_NLB)).id();
    httpApiLinkId = gateway.v2Client().createVpcLink(r -> r.name("http-only").subnetIds("subnet-0abc1234")).vpcLinkId();
    long deadline = System.currentTimeMillis() + 10_000;
    while ((rest.getVpcLink(r -> r.vpcLinkId(linkId)).status() != VpcLinkStatus.AVAILABLE
        || rest.getVpcLink(r -> r.vpcLinkId(unmappedLinkId)).status() != VpcLinkStatus.AVAILABLE)
        && System.currentTimeMillis() < deadline) {
      TestNode.sleep(100);
    }
  }

  private static String api(String name) {
    return gateway.v2Client().createApi(r -> r.name(name).protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
  }

  private static String privateIntegration(String apiId, IntegrationType type, String link, String path) {
    return gateway.v2Client().createIntegration(r -> r.apiId(apiId).integrationType(type).integrationMethod("POST")
        .integrationUri("http://" + HOST + path).connectionType(ConnectionType.VPC_LINK).connectionId(link))
        .integrationId();
  }

  /** A route whose integration's answer goes back to the client. */
  private static void twoWayRoute(String apiId, String routeKey, String integrationId) {
    var route = gateway.v2Client().createRoute(r -> r.apiId(apiId).routeKey(routeKey)
        .target("integrations/" + integrationId).routeResponseSelectionExpression("$default"));
    gateway.v2Client().createRouteResponse(r -> r.apiId(apiId).routeId(route.routeId()).routeResponseKey("$default"));
  }

  private static void deploy(String apiId) {
    var deployment = gateway.v2Client().createDeployment(r -> r.apiId(apiId));
    gateway.v2Client().createStage(r -> r.apiId(apiId).stageName("prod").deploymentId(deployment.deploymentId()));
  }

  @Test
  void privateIntegrationsNameARestApiVpcLink() {
    ApiGatewayV2Client v2 = gateway.v2Client();
    String apiId = api("control");
    var created = v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
        .integrationMethod("POST").integrationUri("http://" + HOST + "/x").connectionType(ConnectionType.VPC_LINK)
        .connectionId(linkId));
    assertThat(created.connectionType()).isEqualTo(ConnectionType.VPC_LINK);
    assertThat(created.connectionId()).isEqualTo(linkId);
    var read = v2.getIntegration(r -> r.apiId(apiId).integrationId(created.integrationId()));
    assertThat(read.connectionType()).isEqualTo(ConnectionType.VPC_LINK);
    assertThat(read.connectionId()).isEqualTo(linkId);

    // An unknown link, or an HTTP API (V2) link, is AWS's 400; so is a private integration that is not HTTP(_PROXY)
    // or has no link.
    for (String link : new String[] {"nosuch", httpApiLinkId}) {
      var refused = badRequest(() -> v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP)
          .integrationMethod("POST").integrationUri("http://" + HOST + "/x").connectionType(ConnectionType.VPC_LINK)
          .connectionId(link)));
      assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo(NOT_FOUND);
    }
    badRequest(() -> v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
        .integrationMethod("POST").integrationUri("http://" + HOST + "/x").connectionType(ConnectionType.VPC_LINK)));
    badRequest(() -> v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.MOCK)
        .connectionType(ConnectionType.VPC_LINK).connectionId(linkId)));
    badRequest(() -> v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
        .integrationMethod("POST").integrationUri("http://" + HOST + "/x").connectionType("WIRE")));

    // UpdateIntegration checks the merged integration and its link alike.
    String internet = v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
        .integrationMethod("POST").integrationUri(gateway.backend().url("/x"))).integrationId();
    var unknown = badRequest(() -> v2.updateIntegration(r -> r.apiId(apiId).integrationId(internet)
        .connectionType(ConnectionType.VPC_LINK).connectionId("nosuch")));
    assertThat(unknown.awsErrorDetails().errorMessage()).isEqualTo(NOT_FOUND);
    badRequest(() -> v2.updateIntegration(r -> r.apiId(apiId).integrationId(internet)
        .connectionType(ConnectionType.VPC_LINK)));
    var switched = v2.updateIntegration(r -> r.apiId(apiId).integrationId(internet)
        .connectionType(ConnectionType.VPC_LINK).connectionId(linkId));
    assertThat(switched.connectionType()).isEqualTo(ConnectionType.VPC_LINK);
    assertThat(switched.connectionId()).isEqualTo(linkId);
    badRequest(() -> v2.updateIntegration(r -> r.apiId(apiId).integrationId(internet)
        .integrationType(IntegrationType.MOCK)));
  }

  @Test
  void connectAndMessagesGoToTheLinksLoadBalancerWithTheUrisHost() throws Exception {
    String apiId = api("private chat");
    gateway.v2Client().createRoute(r -> r.apiId(apiId).routeKey("$connect")
        .target("integrations/" + privateIntegration(apiId, IntegrationType.HTTP_PROXY, linkId, "/connect")));
    twoWayRoute(apiId, "echo", privateIntegration(apiId, IntegrationType.HTTP_PROXY, linkId, "/messages"));
    // A custom HTTP integration: its request template's output is what goes through the link.
    String templated = gateway.v2Client().createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP)
        .integrationMethod("PUT").integrationUri("http://" + HOST + "/templated?from=ws")
        .connectionType(ConnectionType.VPC_LINK).connectionId(linkId)
        .requestTemplates(Map.of("$default", "{\"said\": $input.json('$.text')}"))).integrationId();
    twoWayRoute(apiId, "templated", templated);
    deploy(apiId);

    try (var socket = WebSocketTestClient.awaitConnect(gateway.node().dataPlaneUri(), apiId, "prod")) {
      TestBackend.Received connect = gateway.backend().received().stream()
          .filter(r -> r.target().equals("/connect")).reduce((a, b) -> b).orElseThrow();
      assertThat(connect.headers()).contains("Host: " + HOST);

      socket.send("{\"action\": \"echo\", \"text\": \"hi\"}");
      JsonNode echoed = DataPlaneClient.json(socket.next());
      assertThat(echoed.path("method").asText()).isEqualTo("POST");
      assertThat(echoed.path("path").asText()).isEqualTo("/messages");
      assertThat(echoed.path("headers").path("host").asText()).isEqualTo(HOST);
      assertThat(echoed.path("body").asText()).isEqualTo("{\"action\": \"echo\", \"text\": \"hi\"}");

      socket.send("{\"action\": \"templated\", \"text\": \"hello\"}");
      JsonNode mapped = DataPlaneClient.json(socket.next());
      assertThat(mapped.path("method").asText()).isEqualTo("PUT");
      assertThat(mapped.path("path").asText()).isEqualTo("/templated?from=ws");
      assertThat(mapped.path("headers").path("host").asText()).isEqualTo(HOST);
      assertThat(DataPlaneClient.json(mapped.path("body").asText()).path("said").asText()).isEqualTo("hello");
    }
  }

  /** The answer to {@code action} once {@code wanted} holds for it, or the last one after 10 s. */
  private static JsonNode untilAnswer(WebSocketTestClient socket, String action,
      Predicate<JsonNode> wanted) {
    JsonNode answer = null;
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < until) {
      socket.send("{\"action\": \"" + action + "\"}");
      answer = DataPlaneClient.json(socket.next());
      if (wanted.test(answer)) {
        break;
      }
      TestNode.sleep(200);
    }
    return answer;
  }

  @Test
  void aLinkWithoutAnAddressOrADeletedLinkIsAnInternalServerError() {
    String rest = gateway.client().createVpcLink(r -> r.name("doomed").targetArns(NLB)).id();
    long deadline = System.currentTimeMillis() + 10_000;
    while (gateway.client().getVpcLink(r -> r.vpcLinkId(rest)).status() != VpcLinkStatus.AVAILABLE
        && System.currentTimeMillis() < deadline) {
      TestNode.sleep(100);
    }
    String apiId = api("broken links");
    twoWayRoute(apiId, "unmapped", privateIntegration(apiId, IntegrationType.HTTP_PROXY, unmappedLinkId, "/x"));
    twoWayRoute(apiId, "doomed", privateIntegration(apiId, IntegrationType.HTTP_PROXY, rest, "/doomed"));
    deploy(apiId);

    try (var socket = WebSocketTestClient.awaitConnect(gateway.node().dataPlaneUri(), apiId, "prod")) {
      socket.send("{\"action\": \"unmapped\"}");
      JsonNode error = DataPlaneClient.json(socket.next());
      assertThat(error.path("message").asText()).isEqualTo("Internal server error");
      assertThat(error.path("connectionId").asText()).isNotEmpty();

      // Nodes re-read the account's links every second: the new link is served within that, the deleted one refused.
      JsonNode served = untilAnswer(socket, "doomed", answer -> !answer.has("message"));
      assertThat(served.path("path").asText()).isEqualTo("/doomed");
      gateway.client().deleteVpcLink(r -> r.vpcLinkId(rest));
      JsonNode gone = untilAnswer(socket, "doomed", answer -> answer.has("message"));
      assertThat(gone.path("message").asText()).isEqualTo("Internal server error");
    }

    // $connect through a link without an address: the handshake is refused with 500.
    String refusing = api("refusing");
    gateway.v2Client().createRoute(r -> r.apiId(refusing).routeKey("$connect")
        .target("integrations/" + privateIntegration(refusing, IntegrationType.HTTP_PROXY, unmappedLinkId, "/c")));
    deploy(refusing);
    long handshakeDeadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    Throwable refused;
    do {
      refused = catchThrowable(() -> WebSocketTestClient.connect(gateway.node().dataPlaneUri(), refusing, "prod").close());
    } while (WebSocketTestClient.handshakeStatus(refused) != 500 && System.nanoTime() < handshakeDeadline);
    assertThat(WebSocketTestClient.handshakeStatus(refused)).isEqualTo(500);
  }
}
