package dev.apigw.node.dataplane;

import static dev.apigw.node.testing.V2Failures.badRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.TestNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ConnectionType;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.apigatewayv2.model.TlsConfigInput;
import software.amazon.awssdk.services.apigatewayv2.model.VpcLink;
import software.amazon.awssdk.services.apigatewayv2.model.VpcLinkStatus;
import software.amazon.awssdk.services.apigatewayv2.model.VpcLinkVersion;

/**
 * HTTP API VPC links ({@code /v2/vpclinks}) with the real AWS SDK v2 client against a real node, and HTTP API private
 * integrations through them to a real local backend standing for the load balancer listener / Cloud Map service.
 */
class HttpApiVpcLinkTest {
  private static final String ALB_LISTENER =
      "arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/orders/0123456789abcdef/fedcba9876543210";
  private static final String NLB = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/stock/00112233445566aa";
  private static final String NLB_LISTENER =
      "arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/net/stock/00112233445566aa/77889900aabbccdd";
  private static final String CLOUD_MAP = "arn:aws:servicediscovery:us-east-1:000000000000:service/srv-orders123";
  private static final String UNMAPPED_LISTENER =
      "arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/nowhere/0a0a0a0a0a0a0a0a/0b0b0b0b0b0b0b0b";
  private static final String NOT_FOUND = "Invalid VPC link identifier specified";

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode().withBackend()
      .withConfig(g -> {
        String backend = "127.0.0.1:" + URI.create(g.backend().url("/")).getPort();
        return Map.of("gateway.data-plane.backends.vpc-link-targets",
            ALB_LISTENER + "=" + backend + "," + NLB + "=" + backend + "," + CLOUD_MAP + "=" + backend);
      });

  private static String linkId;
  private static String apiId;
  private static String doomedLinkId;

  @BeforeAll
  static void setUp() {
    ApiGatewayV2Client v2 = gateway.v2Client();
    linkId = v2.createVpcLink(r -> r.name("orders").subnetIds("subnet-0abc1234", "subnet-0def5678")
        .securityGroupIds("sg-0123abcd")).vpcLinkId();
    doomedLinkId = v2.createVpcLink(r -> r.name("doomed").subnetIds("subnet-0abc1234")).vpcLinkId();
    awaitAvailable(linkId);
    awaitAvailable(doomedLinkId);

    apiId = v2.createApi(r -> r.name("private orders").protocolType(ProtocolType.HTTP)).apiId();
    route("ANY /alb/{proxy+}", privateIntegration(linkId, ALB_LISTENER, "ANY"));
    route("GET /nlb", privateIntegration(linkId, NLB_LISTENER, "GET"));
    route("GET /cloudmap", privateIntegration(linkId, CLOUD_MAP, "GET"));
    route("GET /unmapped", privateIntegration(linkId, UNMAPPED_LISTENER, "GET"));
    route("GET /doomed", privateIntegration(doomedLinkId, ALB_LISTENER, "GET"));
    String deploymentId = v2.createDeployment(r -> r.apiId(apiId)).deploymentId();
    v2.createStage(r -> r.apiId(apiId).stageName("$default").deploymentId(deploymentId));
  }

  private static void awaitAvailable(String id) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (gateway.v2Client().getVpcLink(r -> r.vpcLinkId(id)).vpcLinkStatus() != VpcLinkStatus.AVAILABLE
        && System.currentTimeMillis() < deadline) {
      TestNode.sleep(100);
    }
  }

  private static String privateIntegration(String link, String uri, String method) {
    return gateway.v2Client().createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
        .integrationMethod(method).integrationUri(uri).connectionType(ConnectionType.VPC_LINK).connectionId(link)
        .payloadFormatVersion("1.0")).integrationId();
  }

  private static void route(String key, String integrationId) {
    gateway.v2Client().createRoute(r -> r.apiId(apiId).routeKey(key).target("integrations/" + integrationId));
  }

  private static HttpResponse<String> get(String path) {
    return gateway.dataPlane().call("GET", apiId, path, null, Map.of());
  }

  @Test
  void vpcLinksHaveAwsShapesAndLifecycle() {
    ApiGatewayV2Client v2 = gateway.v2Client();
    var created = v2.createVpcLink(r -> r.name("crud").subnetIds("subnet-1").securityGroupIds("sg-1", "sg-2")
        .tags(Map.of("team", "orders")));
    assertThat(created.vpcLinkId()).matches("[a-z0-9]{7}");
    assertThat(created.vpcLinkStatus()).isEqualTo(VpcLinkStatus.PENDING);
    assertThat(created.vpcLinkVersion()).isEqualTo(VpcLinkVersion.V2);
    assertThat(created.subnetIds()).containsExactly("subnet-1");
    assertThat(created.securityGroupIds()).containsExactly("sg-1", "sg-2");
    assertThat(created.tags()).containsEntry("team", "orders");
    assertThat(created.createdDate()).isNotNull();
    String id = created.vpcLinkId();
    awaitAvailable(id);
    var got = v2.getVpcLink(r -> r.vpcLinkId(id));
    assertThat(got.vpcLinkStatus()).isEqualTo(VpcLinkStatus.AVAILABLE);
    assertThat(got.vpcLinkStatusMessage()).isEqualTo("VPC link is ready to route traffic");
    assertThat(got.name()).isEqualTo("crud");

    assertThat(v2.updateVpcLink(r -> r.vpcLinkId(id).name("renamed")).name()).isEqualTo("renamed");
    assertThat(v2.getVpcLinks(r -> {}).items()).extracting(VpcLink::vpcLinkId).contains(id, linkId);

    // Tags on the link's ARN, as for any apigatewayv2 resource.
    String arn = "arn:aws:apigateway:us-east-1::/vpclinks/" + id;
    v2.tagResource(r -> r.resourceArn(arn).tags(Map.of("env", "test")));
    assertThat(v2.getTags(r -> r.resourceArn(arn)).tags()).containsEntry("team", "orders").containsEntry("env", "test");

    // A REST API (V1) link is a different resource: neither API sees the other's.
    String v1 = gateway.client().createVpcLink(r -> r.name("rest").targetArns(NLB)).id();
    assertThat(v2.getVpcLinks(r -> {}).items()).extracting(VpcLink::vpcLinkId).doesNotContain(v1);
    notFound(() -> v2.getVpcLink(r -> r.vpcLinkId(v1)));
    assertThatThrownBy(() -> gateway.client().getVpcLink(r -> r.vpcLinkId(id)))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(404));

    v2.deleteVpcLink(r -> r.vpcLinkId(id));
    notFound(() -> v2.getVpcLink(r -> r.vpcLinkId(id)));
    notFound(() -> v2.deleteVpcLink(r -> r.vpcLinkId(id)));
    notFound(() -> v2.updateVpcLink(r -> r.vpcLinkId("nosuch1").name("x")));
  }

  @Test
  void badInputIsRefusedWith400() {
    ApiGatewayV2Client v2 = gateway.v2Client();
    badRequest(() -> v2.createVpcLink(r -> r.name("nosubnets")));
    badRequest(() -> v2.createVpcLink(r -> r.name("empty").subnetIds(List.of())));
    badRequest(() -> v2.createVpcLink(r -> r.subnetIds("subnet-1")));
    badRequest(() -> v2.createVpcLink(r -> r.name("x".repeat(129)).subnetIds("subnet-1")));
    badRequest(() -> v2.createVpcLink(r -> r.name("bad").subnetIds("subnet 1; drop")));
    badRequest(() -> v2.updateVpcLink(r -> r.vpcLinkId(linkId).name("")));

    // Private integrations: the link must exist, the uri must name a listener or Cloud Map service.
    var unknown = badRequest(() -> v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
        .integrationMethod("GET").integrationUri(ALB_LISTENER).connectionType(ConnectionType.VPC_LINK)
        .connectionId("nosuch1")));
    assertThat(unknown.awsErrorDetails().errorMessage()).isEqualTo(NOT_FOUND);
    badRequest(() -> v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
        .integrationMethod("GET").integrationUri(ALB_LISTENER).connectionType(ConnectionType.VPC_LINK)));
    badRequest(() -> v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
        .integrationMethod("GET").integrationUri("http://orders.internal/x").connectionType(ConnectionType.VPC_LINK)
        .connectionId(linkId)));
    String internet = v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
        .integrationMethod("GET").integrationUri(gateway.backend().url("/x"))).integrationId();
    var update = badRequest(() -> v2.updateIntegration(r -> r.apiId(apiId).integrationId(internet)
        .integrationUri(ALB_LISTENER).connectionType(ConnectionType.VPC_LINK).connectionId("nosuch1")));
    assertThat(update.awsErrorDetails().errorMessage()).isEqualTo(NOT_FOUND);
    var switched = v2.updateIntegration(r -> r.apiId(apiId).integrationId(internet)
        .integrationUri(ALB_LISTENER).connectionType(ConnectionType.VPC_LINK).connectionId(linkId)
        .tlsConfig(TlsConfigInput.builder().serverNameToVerify("orders.example.com").build()));
    assertThat(switched.connectionType()).isEqualTo(ConnectionType.VPC_LINK);
    assertThat(switched.connectionId()).isEqualTo(linkId);
  }

  /** An OpenAPI 3 document with one private integration through {@code link}. */
  private static String privateDocument(String title, String path, String link) {
    return String.join("\n",
        "openapi: 3.0.1",
        "info: {title: " + title + ", version: '1'}",
        "paths:",
        "  " + path + ":",
        "    get:",
        "      x-amazon-apigateway-integration:",
        "        type: http_proxy",
        "        httpMethod: GET",
        "        uri: " + ALB_LISTENER,
        "        connectionType: VPC_LINK",
        "        connectionId: " + link,
        "        payloadFormatVersion: '1.0'");
  }

  @Test
  void importAndReimportCheckTheLinksOfPrivateIntegrations() {
    ApiGatewayV2Client v2 = gateway.v2Client();
    // As create-integration does: an unknown link, or a REST API (V1) link, is AWS's 400 and nothing is created.
    int apis = v2.getApis(r -> {}).items().size();
    var unknown = badRequest(() -> v2.importApi(r -> r.body(privateDocument("unknown", "/orders", "nosuch1"))));
    assertThat(unknown.awsErrorDetails().errorMessage()).isEqualTo(NOT_FOUND);
    String restLink = gateway.client().createVpcLink(r -> r.name("rest-for-import").targetArns(NLB)).id();
    var rest = badRequest(() -> v2.importApi(r -> r.body(privateDocument("rest", "/orders", restLink))));
    assertThat(rest.awsErrorDetails().errorMessage()).isEqualTo(NOT_FOUND);
    assertThat(v2.getApis(r -> {}).items()).hasSize(apis);

    String imported = v2.importApi(r -> r.body(privateDocument("imported", "/orders", linkId))).apiId();
    var integration = v2.getIntegrations(r -> r.apiId(imported)).items().get(0);
    assertThat(integration.connectionType()).isEqualTo(ConnectionType.VPC_LINK);
    assertThat(integration.connectionId()).isEqualTo(linkId);
    assertThat(integration.integrationUri()).isEqualTo(ALB_LISTENER);

    // A reimport naming an unknown link changes nothing; one naming a link replaces the definition.
    var reimport = badRequest(() -> v2.reimportApi(r -> r.apiId(imported)
        .body(privateDocument("imported", "/other", "nosuch1"))));
    assertThat(reimport.awsErrorDetails().errorMessage()).isEqualTo(NOT_FOUND);
    assertThat(v2.getRoutes(r -> r.apiId(imported)).items()).extracting(r -> r.routeKey()).containsExactly("GET /orders");
    v2.reimportApi(r -> r.apiId(imported).body(privateDocument("imported", "/other", linkId)));
    assertThat(v2.getRoutes(r -> r.apiId(imported)).items()).extracting(r -> r.routeKey()).containsExactly("GET /other");
    assertThat(v2.getIntegrations(r -> r.apiId(imported)).items()).extracting(i -> i.connectionId())
        .containsExactly(linkId);
  }

  @Test
  void aPrivateIntegrationReachesTheAddressOfItsListenerOrService() {
    var alb = DataPlaneClient.await(() -> get("/alb/items/7?color=red"), r -> r.statusCode() == 200);
    assertThat(alb.statusCode()).as(alb.body()).isEqualTo(200);
    var echo = DataPlaneClient.json(alb.body());
    assertThat(echo.path("path").asText()).isEqualTo("/alb/items/7?color=red");
    assertThat(echo.path("headers").path("host").asText())
        .isEqualTo("127.0.0.1:" + URI.create(gateway.backend().url("/")).getPort());
    // A listener with no address of its own goes to its load balancer's; a Cloud Map service to its own.
    var nlb = get("/nlb");
    assertThat(nlb.statusCode()).isEqualTo(200);
    assertThat(DataPlaneClient.json(nlb.body()).path("path").asText()).isEqualTo("/nlb");
    assertThat(get("/cloudmap").statusCode()).isEqualTo(200);
  }

  @Test
  void anUnmappedTargetOrADeletedLinkAnswersHttpApisConfigurationError() {
    DataPlaneClient.await(() -> get("/doomed"), r -> r.statusCode() == 200);
    var unmapped = get("/unmapped");
    assertThat(unmapped.statusCode()).isEqualTo(500);
    assertThat(unmapped.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");

    gateway.v2Client().deleteVpcLink(r -> r.vpcLinkId(doomedLinkId));
    var gone = DataPlaneClient.await(() -> get("/doomed"), r -> r.statusCode() == 500);
    assertThat(gone.statusCode()).isEqualTo(500);
    assertThat(gone.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
  }

  private static void notFound(Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(NotFoundException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(404);
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(NOT_FOUND);
    });
  }
}
