package dev.apigw.node.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.TestNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.apigatewayv2.model.ApiGatewayV2Exception;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizationType;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizerType;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.ConflictException;
import software.amazon.awssdk.services.apigatewayv2.model.CreateApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.DeploymentStatus;
import software.amazon.awssdk.services.apigatewayv2.model.GetApisResponse;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.LoggingLevel;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.ParameterConstraints;
import software.amazon.awssdk.services.apigatewayv2.model.PassthroughBehavior;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.apigatewayv2.model.Route;
import software.amazon.awssdk.services.apigatewayv2.model.RouteSettings;

/** The apigatewayv2 WebSocket API management operations, driven by the real AWS SDK against a real node on real Cassandra. */
@ExtendWith(CassandraExtension.class)
class WebSocketApiControlPlaneTest {
  private static TestNode node;
  private static ApiGatewayV2Client client;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    client = node.v2Client();
  }

  @AfterAll
  static void stop() {
    client.close();
    node.close();
  }

  private static CreateApiResponse chatApi(String name) {
    return client.createApi(r -> r.name(name).protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action").description("chat").tags(Map.of("team", "rt")));
  }

  @Test
  void chatApiEndToEnd() {
    Instant before = Instant.now().minusSeconds(2);
    CreateApiResponse api = chatApi("chat");
    String apiId = api.apiId();
    assertThat(apiId).matches("[a-z0-9]{10}");
    assertThat(api.protocolType()).isEqualTo(ProtocolType.WEBSOCKET);
    assertThat(api.apiEndpoint()).isEqualTo("ws://" + apiId + ".execute-api.localhost:" + node.dataPlanePort());
    assertThat(api.apiKeySelectionExpression()).isEqualTo("$request.header.x-api-key");
    assertThat(api.routeSelectionExpression()).isEqualTo("$request.body.action");
    assertThat(api.tags()).containsEntry("team", "rt");
    assertThat(api.createdDate()).isBetween(before, Instant.now().plusSeconds(2));
    assertThat(client.getApi(r -> r.apiId(apiId)).name()).isEqualTo("chat");

    var updatedApi = client.updateApi(r -> r.apiId(apiId).description("chat v2"));
    assertThat(updatedApi.description()).isEqualTo("chat v2");
    assertThat(updatedApi.name()).isEqualTo("chat");

    var mock = client.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("$default", "{\"statusCode\": 200}")).templateSelectionExpression("\\$default"));
    assertThat(mock.integrationId()).matches("[a-z0-9]{7}");
    assertThat(mock.passthroughBehavior()).isEqualTo(PassthroughBehavior.WHEN_NO_MATCH);
    assertThat(mock.timeoutInMillis()).isEqualTo(29000);
    var proxy = client.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
        .integrationUri("https://backend.example/messages").integrationMethod("POST").timeoutInMillis(5000));
    assertThat(proxy.integrationUri()).isEqualTo("https://backend.example/messages");
    var ok = client.createIntegrationResponse(r -> r.apiId(apiId).integrationId(proxy.integrationId())
        .integrationResponseKey("/2\\d\\d/").responseTemplates(Map.of("$default", "sent")));
    assertThat(client.getIntegrationResponses(r -> r.apiId(apiId).integrationId(proxy.integrationId())).items())
        .extracting(i -> i.integrationResponseId()).containsExactly(ok.integrationResponseId());

    var auth = client.createAuthorizer(r -> r.apiId(apiId).name("tokens").authorizerType(AuthorizerType.REQUEST)
        .authorizerUri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            + "arn:aws:lambda:us-east-1:000000000000:function:auth/invocations")
        .identitySource("route.request.header.Auth"));
    assertThat(client.getAuthorizer(r -> r.apiId(apiId).authorizerId(auth.authorizerId())).identitySource())
        .containsExactly("route.request.header.Auth");

    String mockTarget = "integrations/" + mock.integrationId();
    var connect = client.createRoute(r -> r.apiId(apiId).routeKey("$connect").target(mockTarget)
        .authorizationType(AuthorizationType.CUSTOM).authorizerId(auth.authorizerId())
        .requestParameters(Map.of("route.request.querystring.room", ParameterConstraints.builder().required(true).build())));
    assertThat(connect.requestParameters().get("route.request.querystring.room").required()).isTrue();
    client.createRoute(r -> r.apiId(apiId).routeKey("$disconnect").target(mockTarget));
    client.createRoute(r -> r.apiId(apiId).routeKey("$default").target(mockTarget));
    var send = client.createRoute(r -> r.apiId(apiId).routeKey("sendmessage")
        .target("integrations/" + proxy.integrationId()).routeResponseSelectionExpression("$default"));
    var sendResponse = client.createRouteResponse(r -> r.apiId(apiId).routeId(send.routeId()).routeResponseKey("$default"));
    assertThat(client.getRouteResponse(r -> r.apiId(apiId).routeId(send.routeId())
        .routeResponseId(sendResponse.routeResponseId())).routeResponseKey()).isEqualTo("$default");
    assertThat(client.getRoutes(r -> r.apiId(apiId)).items()).extracting(Route::routeKey)
        .containsExactlyInAnyOrder("$connect", "$disconnect", "$default", "sendmessage");

    var first = client.createDeployment(r -> r.apiId(apiId).description("first"));
    assertThat(first.deploymentStatus()).isEqualTo(DeploymentStatus.DEPLOYED);
    var stage = client.createStage(r -> r.apiId(apiId).stageName("prod").deploymentId(first.deploymentId())
        .stageVariables(Map.of("env", "prod"))
        .defaultRouteSettings(RouteSettings.builder().throttlingRateLimit(100.0).throttlingBurstLimit(50)
            .loggingLevel(LoggingLevel.INFO).dataTraceEnabled(false).build()));
    assertThat(stage.deploymentId()).isEqualTo(first.deploymentId());
    assertThat(stage.defaultRouteSettings().throttlingBurstLimit()).isEqualTo(50);
    assertThat(stage.autoDeploy()).isFalse();

    var renamed = client.updateRoute(r -> r.apiId(apiId).routeId(send.routeId()).routeKey("say"));
    assertThat(renamed.routeKey()).isEqualTo("say");
    assertThat(renamed.target()).isEqualTo("integrations/" + proxy.integrationId());
    var second = client.createDeployment(r -> r.apiId(apiId).stageName("prod"));
    assertThat(client.getStage(r -> r.apiId(apiId).stageName("prod")).deploymentId()).isEqualTo(second.deploymentId());
    assertThat(client.getDeployments(r -> r.apiId(apiId)).items()).extracting(d -> d.deploymentId())
        .containsExactly(first.deploymentId(), second.deploymentId());

    var updatedStage = client.updateStage(r -> r.apiId(apiId).stageName("prod")
        .routeSettings(Map.of("say", RouteSettings.builder().throttlingBurstLimit(5).build())));
    assertThat(updatedStage.routeSettings().get("say").throttlingBurstLimit()).isEqualTo(5);
    assertThat(updatedStage.stageVariables()).containsEntry("env", "prod");

    client.deleteRoute(r -> r.apiId(apiId).routeId(send.routeId()));
    assertThatThrownBy(() -> client.getRoute(r -> r.apiId(apiId).routeId(send.routeId())))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid Route identifier specified " + send.routeId());
    assertThat(client.getRoutes(r -> r.apiId(apiId)).items()).hasSize(3);
    assertThat(client.getDeployment(r -> r.apiId(apiId).deploymentId(first.deploymentId())).description()).isEqualTo("first");

    client.deleteStage(r -> r.apiId(apiId).stageName("prod"));
    client.deleteDeployment(r -> r.apiId(apiId).deploymentId(first.deploymentId()));
    client.deleteApi(r -> r.apiId(apiId));
    assertThatThrownBy(() -> client.getApi(r -> r.apiId(apiId))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void errorsHaveAwsShapes() {
    assertThatThrownBy(() -> client.getApi(r -> r.apiId("abcdefghij")))
        .isInstanceOf(NotFoundException.class)
        .satisfies(e -> assertThat(((ApiGatewayV2Exception) e).awsErrorDetails().errorMessage())
            .isEqualTo("Invalid API identifier specified 000000000000:abcdefghij"))
        .satisfies(e -> assertThat(((ApiGatewayV2Exception) e).statusCode()).isEqualTo(404));
    assertThatThrownBy(() -> client.getRoutes(r -> r.apiId("nope")))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid API identifier specified 000000000000:nope");

    assertThatThrownBy(() -> client.createApi(r -> r.name("grpc").protocolType("GRPC")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("Invalid protocolType: GRPC (expected: WEBSOCKET or HTTP)");
    assertThatThrownBy(() -> client.createApi(r -> r.name("ws").protocolType(ProtocolType.WEBSOCKET)))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("routeSelectionExpression is required");

    String apiId = chatApi("errors").apiId();
    var mock = client.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.MOCK));
    assertThatThrownBy(() -> client.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
        .integrationUri("https://backend.example").integrationMethod("POST").timeoutInMillis(30000)))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("timeoutInMillis: 30000 (expected: 50-29000)");
    assertThatThrownBy(
            () -> client.updateIntegration(r -> r.apiId(apiId).integrationId(mock.integrationId()).timeoutInMillis(10)))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("timeoutInMillis: 10");

    client.createRoute(r -> r.apiId(apiId).routeKey("$default").target("integrations/" + mock.integrationId()));
    assertThatThrownBy(() -> client.createRoute(r -> r.apiId(apiId).routeKey("$default")))
        .isInstanceOf(ConflictException.class).hasMessageContaining("Route with key $default already exists");
    assertThatThrownBy(() -> client.createRoute(r -> r.apiId(apiId).routeKey("x").target("integrations/zzzzzzz")))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("integrations/zzzzzzz");
    assertThatThrownBy(() -> client.deleteIntegration(r -> r.apiId(apiId).integrationId(mock.integrationId())))
        .isInstanceOf(BadRequestException.class);

    var deployment = client.createDeployment(r -> r.apiId(apiId));
    client.createStage(r -> r.apiId(apiId).stageName("dev").deploymentId(deployment.deploymentId()));
    assertThatThrownBy(() -> client.createStage(r -> r.apiId(apiId).stageName("dev")))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> client.createStage(r -> r.apiId(apiId).stageName("auto").autoDeploy(true)))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("autoDeploy");
    assertThatThrownBy(() -> client.getStage(r -> r.apiId(apiId).stageName("nope")))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid Stage identifier specified nope");
  }

  @Test
  void getApisPagesWithNextToken() {
    List<String> ids = List.of("page-a", "page-b", "page-c").stream().map(n -> chatApi(n).apiId()).toList();
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String current = token;
      GetApisResponse page = client.getApis(r -> r.maxResults("2").nextToken(current));
      assertThat(page.items().size()).isLessThanOrEqualTo(2);
      page.items().stream().map(Api::apiId).forEach(seen::add);
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(pages).isGreaterThanOrEqualTo(2);
    assertThat(seen).containsAll(ids).doesNotHaveDuplicates();
    assertThatThrownBy(() -> client.getApis(r -> r.maxResults("0"))).isInstanceOf(BadRequestException.class);
  }
}
