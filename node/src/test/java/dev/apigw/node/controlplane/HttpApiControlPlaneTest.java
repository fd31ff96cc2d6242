package dev.apigw.node.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.TestNode;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ApiGatewayV2Exception;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizationType;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizerType;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.ConnectionType;
import software.amazon.awssdk.services.apigatewayv2.model.Cors;
import software.amazon.awssdk.services.apigatewayv2.model.Deployment;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.IpAddressType;
import software.amazon.awssdk.services.apigatewayv2.model.JWTConfiguration;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.apigatewayv2.model.Route;
import software.amazon.awssdk.services.apigatewayv2.model.RouteSettings;

/** apigatewayv2's HTTP API management operations, driven by the real AWS SDK against a real node on real Cassandra. */
@ExtendWith(CassandraExtension.class)
class HttpApiControlPlaneTest {
  static final String LAMBDA = "arn:aws:lambda:us-east-1:000000000000:function:hello";
  static final String AUTHORIZER_URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
      + "arn:aws:lambda:us-east-1:000000000000:function:auth/invocations";
  static TestNode node;
  static ApiGatewayV2Client client;

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

  @Test
  void quickCreateWiresAManagedLambdaIntegrationRouteAndAutoDeployedDefaultStage() {
    var api = client.createApi(r -> r.name("quick").protocolType(ProtocolType.HTTP).target(LAMBDA));
    String apiId = api.apiId();
    assertThat(api.protocolType()).isEqualTo(ProtocolType.HTTP);
    assertThat(api.routeSelectionExpression()).isEqualTo("$request.method $request.path");
    assertThat(api.apiKeySelectionExpression()).isEqualTo("$request.header.x-api-key");
    assertThat(api.disableExecuteApiEndpoint()).isFalse();
    assertThat(api.apiEndpoint()).isEqualTo("http://" + apiId + ".execute-api.localhost:" + node.dataPlanePort());

    var integration = client.getIntegrations(r -> r.apiId(apiId)).items().get(0);
    assertThat(integration.integrationType()).isEqualTo(IntegrationType.AWS_PROXY);
    assertThat(integration.integrationUri()).isEqualTo(LAMBDA);
    assertThat(integration.payloadFormatVersion()).isEqualTo("2.0");
    assertThat(integration.timeoutInMillis()).isEqualTo(30000);
    assertThat(integration.connectionType()).isEqualTo(ConnectionType.INTERNET);
    assertThat(integration.apiGatewayManaged()).isTrue();
    Route route = client.getRoutes(r -> r.apiId(apiId)).items().get(0);
    assertThat(route.routeKey()).isEqualTo("$default");
    assertThat(route.target()).isEqualTo("integrations/" + integration.integrationId());
    assertThat(route.apiGatewayManaged()).isTrue();
    var stage = client.getStage(r -> r.apiId(apiId).stageName("$default"));
    assertThat(stage.autoDeploy()).isTrue();
    assertThat(stage.apiGatewayManaged()).isTrue();
    Deployment deployment = client.getDeployments(r -> r.apiId(apiId)).items().get(0);
    assertThat(deployment.autoDeployed()).isTrue();
    assertThat(stage.deploymentId()).isEqualTo(deployment.deploymentId());
    assertThat(stage.lastDeploymentStatusMessage())
        .isEqualTo("Successfully deployed stage with deployment ID '" + deployment.deploymentId() + "'");

    var toUrl = client.createApi(r -> r.name("quick-http").protocolType(ProtocolType.HTTP)
        .target("http://127.0.0.1:9/backend").routeKey("GET /pets/{id}"));
    var httpIntegration = client.getIntegrations(r -> r.apiId(toUrl.apiId())).items().get(0);
    assertThat(httpIntegration.integrationType()).isEqualTo(IntegrationType.HTTP_PROXY);
    assertThat(httpIntegration.integrationMethod()).isEqualTo("ANY");
    assertThat(httpIntegration.payloadFormatVersion()).isEqualTo("1.0");
    assertThat(client.getRoutes(r -> r.apiId(toUrl.apiId())).items()).extracting(Route::routeKey)
        .containsExactly("GET /pets/{id}");

    bad(() -> client.createApi(r -> r.name("x").protocolType(ProtocolType.HTTP).routeKey("GET /a")),
        "routeKey is supported only with target (quick create)");
    bad(() -> client.createApi(r -> r.name("x").protocolType(ProtocolType.HTTP).target(LAMBDA).routeKey("GET pets")),
        "Invalid routeKey: GET pets (expected: $default or METHOD /path, e.g. GET /pets/{id} or ANY /files/{proxy+})");
  }

  @Test
  void everyChangeAutoDeploysAndManualStagesStay() {
    String apiId = client.createApi(r -> r.name("auto").protocolType(ProtocolType.HTTP)).apiId();
    client.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));
    assertThat(client.getStage(r -> r.apiId(apiId).stageName("$default")).deploymentId())
        .as("nothing to deploy without routes").isNull();
    var backend = client.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
        .integrationUri("https://backend.example/{proxy}").integrationMethod("ANY")
        .requestParameters(Map.of("append:header.x-trace", "$context.requestId", "overwrite:path", "/v2$request.path",
            "remove:querystring.debug", "''"))
        .responseParameters(Map.of("404", Map.of("overwrite:statuscode", "410", "append:header.x-gone", "yes"))));
    assertThat(backend.payloadFormatVersion()).isEqualTo("1.0");
    assertThat(backend.responseParameters().get("404")).containsEntry("overwrite:statuscode", "410");
    assertThat(client.getDeployments(r -> r.apiId(apiId)).items()).isEmpty();

    String target = "integrations/" + backend.integrationId();
    client.createRoute(r -> r.apiId(apiId).routeKey("ANY /files/{proxy+}").target(target));
    String first = client.getStage(r -> r.apiId(apiId).stageName("$default")).deploymentId();
    assertThat(first).isNotNull();
    client.createStage(r -> r.apiId(apiId).stageName("manual").deploymentId(first)
        .defaultRouteSettings(RouteSettings.builder().throttlingBurstLimit(10).throttlingRateLimit(5.0).build())
        .routeSettings(Map.of("ANY /files/{proxy+}", RouteSettings.builder().throttlingBurstLimit(2).build()))
        .accessLogSettings(a -> a.destinationArn("arn:aws:logs:us-east-1:000000000000:log-group:http")
            .format("$context.requestId $context.status")));

    client.updateApi(r -> r.apiId(apiId).corsConfiguration(Cors.builder().allowOrigins("https://app.example")
        .allowMethods("GET", "POST").allowCredentials(true).maxAge(600).build()));
    String second = client.getStage(r -> r.apiId(apiId).stageName("$default")).deploymentId();
    assertThat(second).isNotEqualTo(first);
    var manual = client.getStage(r -> r.apiId(apiId).stageName("manual"));
    assertThat(manual.deploymentId()).isEqualTo(first);
    assertThat(manual.autoDeploy()).isFalse();
    assertThat(manual.defaultRouteSettings().throttlingRateLimit()).isEqualTo(5.0);
    assertThat(manual.routeSettings().get("ANY /files/{proxy+}").throttlingBurstLimit()).isEqualTo(2);
    assertThat(manual.accessLogSettings().format()).isEqualTo("$context.requestId $context.status");
    assertThat(client.getApi(r -> r.apiId(apiId)).corsConfiguration().allowOrigins())
        .containsExactly("https://app.example");

    client.deleteCorsConfiguration(r -> r.apiId(apiId));
    assertThat(client.getApi(r -> r.apiId(apiId)).corsConfiguration()).isNull();
    String third = client.getStage(r -> r.apiId(apiId).stageName("$default")).deploymentId();
    assertThat(third).isNotIn(first, second);
    assertThat(client.getDeployments(r -> r.apiId(apiId)).items()).extracting(Deployment::autoDeployed)
        .containsOnly(true).hasSize(3);

    client.updateStage(r -> r.apiId(apiId).stageName("manual").autoDeploy(true));
    assertThat(client.getStage(r -> r.apiId(apiId).stageName("manual")).deploymentId())
        .as("turning autoDeploy on deploys the current definition").isNotEqualTo(first);
  }

  @Test
  void routesAndAuthorizersAreCheckedLikeAws() {
    String apiId = client.createApi(r -> r.name("auth").protocolType(ProtocolType.HTTP)).apiId();
    var jwt = client.createAuthorizer(r -> r.apiId(apiId).name("cognito").authorizerType(AuthorizerType.JWT)
        .jwtConfiguration(JWTConfiguration.builder().issuer("https://issuer.example").audience("app").build()));
    assertThat(jwt.identitySource()).containsExactly("$request.header.Authorization");
    assertThat(jwt.jwtConfiguration().audience()).containsExactly("app");
    var lambda = client.createAuthorizer(r -> r.apiId(apiId).name("lambda").authorizerType(AuthorizerType.REQUEST)
        .authorizerUri(AUTHORIZER_URI).authorizerPayloadFormatVersion("2.0").enableSimpleResponses(true)
        .identitySource("$request.header.X-Token").authorizerResultTtlInSeconds(300));
    assertThat(lambda.enableSimpleResponses()).isTrue();

    var scoped = client.createRoute(r -> r.apiId(apiId).routeKey("GET /pets/{petId}")
        .authorizationType(AuthorizationType.JWT).authorizerId(jwt.authorizerId()).authorizationScopes("pets:read"));
    assertThat(scoped.authorizationScopes()).containsExactly("pets:read");
    client.createRoute(r -> r.apiId(apiId).routeKey("POST /pets")
        .authorizationType(AuthorizationType.CUSTOM).authorizerId(lambda.authorizerId()));
    client.createRoute(r -> r.apiId(apiId).routeKey("ANY /").authorizationType(AuthorizationType.AWS_IAM));

    bad(() -> client.createRoute(r -> r.apiId(apiId).routeKey("GET /a")
            .authorizationType(AuthorizationType.JWT).authorizerId(lambda.authorizerId())),
        "Invalid authorizerId: " + lambda.authorizerId()
            + " (expected: a JWT authorizer of this API for authorizationType JWT)");
    bad(() -> client.createRoute(r -> r.apiId(apiId).routeKey("GET /b").authorizationScopes("x")),
        "authorizationScopes are supported only for authorizationType JWT (the route has NONE)");
    for (String key : List.of("GET", "FETCH /pets", "GET pets", "GET /a//b", "GET /{proxy+}/x", "GET /{a}/{a}",
        "$connect", "GET /pe{t}s")) {
      assertThatThrownBy(() -> client.createRoute(r -> r.apiId(apiId).routeKey(key)))
          .as(key).isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid routeKey: " + key);
    }
    bad(() -> client.updateAuthorizer(r -> r.apiId(apiId).authorizerId(lambda.authorizerId())
            .authorizerPayloadFormatVersion("1.0")),
        "enableSimpleResponses is supported only with authorizerPayloadFormatVersion 2.0");
    bad(() -> client.updateAuthorizer(r -> r.apiId(apiId).authorizerId(jwt.authorizerId())
            .authorizerType(AuthorizerType.REQUEST)),
        "Invalid authorizerUri: null");
    assertThat(client.updateAuthorizer(r -> r.apiId(apiId).authorizerId(lambda.authorizerId())
        .authorizerResultTtlInSeconds(60)).authorizerResultTtlInSeconds()).isEqualTo(60);
    bad(() -> client.createAuthorizer(r -> r.apiId(apiId).name("x").authorizerType(AuthorizerType.REQUEST)
            .authorizerUri(AUTHORIZER_URI).authorizerPayloadFormatVersion("2.0").authorizerResultTtlInSeconds(3601)),
        "Invalid authorizerResultTtlInSeconds: 3601 (expected: 0-3600)");
    bad(() -> client.createAuthorizer(r -> r.apiId(apiId).name("x").authorizerType(AuthorizerType.REQUEST)
            .authorizerUri(AUTHORIZER_URI)),
        "authorizerPayloadFormatVersion is required for REQUEST authorizers (expected: 1.0 or 2.0)");
    bad(() -> client.createAuthorizer(r -> r.apiId(apiId).name("x").authorizerType(AuthorizerType.JWT)),
        "jwtConfiguration with an issuer is required for JWT authorizers");
    bad(() -> client.deleteAuthorizer(r -> r.apiId(apiId).authorizerId(jwt.authorizerId())), "is used by route");
  }

  @Test
  void integrationsAndCorsAreCheckedLikeAws() {
    String apiId = client.createApi(r -> r.name("checks").protocolType(ProtocolType.HTTP)).apiId();
    bad(() -> client.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.MOCK)),
        "Integration type MOCK is not supported for HTTP APIs (expected: AWS_PROXY or HTTP_PROXY)");
    bad(() -> client.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP)
        .integrationUri("https://a.example").integrationMethod("GET")), "Integration type HTTP is not supported");
    bad(() -> client.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
        .integrationUri(LAMBDA)), "payloadFormatVersion is required for AWS_PROXY integrations");
    bad(() -> client.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
        .integrationUri("https://a.example").integrationMethod("GET").timeoutInMillis(30001)),
        "Invalid timeoutInMillis: 30001 (expected: 50-30000)");
    bad(() -> client.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
        .integrationUri("https://a.example").integrationMethod("GET").payloadFormatVersion("2.0")),
        "Invalid payloadFormatVersion: 2.0 for integrationType HTTP_PROXY (expected: 1.0)");
    bad(() -> client.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
        .integrationUri("https://a.example").integrationMethod("GET")
        .requestParameters(Map.of("overwrite:header.Content-Length", "1"))),
        "Invalid mapping expression specified: overwrite:header.Content-Length. Header Content-Length is reserved");
    bad(() -> client.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
        .integrationUri("https://a.example").integrationMethod("GET")
        .requestParameters(Map.of("rewrite:header.x", "1"))), "Invalid requestParameters key: rewrite:header.x");
    bad(() -> client.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
        .integrationUri("https://a.example").integrationMethod("GET")
        .responseParameters(Map.of("200", Map.of("overwrite:path", "/x")))),
        "Invalid responseParameters.200 key: overwrite:path");
    var lambda = client.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
        .integrationUri(LAMBDA).payloadFormatVersion("1.0").timeoutInMillis(5000));
    assertThat(lambda.integrationMethod()).isEqualTo("POST");
    assertThat(client.updateIntegration(r -> r.apiId(apiId).integrationId(lambda.integrationId())
        .payloadFormatVersion("2.0")).payloadFormatVersion()).isEqualTo("2.0");
    bad(() -> client.updateIntegration(r -> r.apiId(apiId).integrationId(lambda.integrationId())
        .integrationType(IntegrationType.HTTP_PROXY)),
        "Invalid integrationUri: " + LAMBDA + " for integrationType HTTP_PROXY (expected: an http(s) URL)");
    bad(() -> client.createIntegrationResponse(r -> r.apiId(apiId).integrationId(lambda.integrationId())
        .integrationResponseKey("$default")), "Integration responses are supported only for WebSocket APIs");

    bad(() -> client.createApi(r -> r.name("cors").protocolType(ProtocolType.HTTP)
            .corsConfiguration(Cors.builder().allowOrigins("*").allowCredentials(true).build())),
        "allowCredentials is not supported with allowOrigins '*'");
    bad(() -> client.updateApi(r -> r.apiId(apiId).corsConfiguration(Cors.builder().maxAge(86401).build())),
        "Invalid corsConfiguration.maxAge: 86401 (expected: -1 to 86400)");
    bad(() -> client.createStage(r -> r.apiId(apiId).stageName("s")
            .defaultRouteSettings(RouteSettings.builder().dataTraceEnabled(true).build())),
        "defaultRouteSettings.dataTraceEnabled is not supported for HTTP APIs");
  }

  static final String PETSTORE = """
      openapi: "3.0.1"
      info:
        title: petstore
        version: "1.0"
      servers:
        - url: https://pets.example/v1
      x-amazon-apigateway-cors:
        allowOrigins: ["https://app.example"]
        allowMethods: ["GET", "POST"]
        maxAge: 300
      security:
        - cognito: ["pets:read"]
      paths:
        /pets:
          get:
            operationId: listPets
            x-amazon-apigateway-integration:
              type: http_proxy
              httpMethod: GET
              uri: https://backend.example/pets
              payloadFormatVersion: 1.0
              requestParameters:
                append:header.x-source: gateway
          post:
            security:
              - lambda: []
            x-amazon-apigateway-integration:
              type: aws_proxy
              httpMethod: POST
              uri: arn:aws:lambda:us-east-1:000000000000:function:hello
              payloadFormatVersion: "2.0"
              timeoutInMillis: 5000
        /pets/{petId}:
          x-amazon-apigateway-any-method:
            security:
              - sigv4: []
            x-amazon-apigateway-integration:
              type: aws_proxy
              uri: arn:aws:lambda:us-east-1:000000000000:function:hello
              payloadFormatVersion: "2.0"
        /$default:
          x-amazon-apigateway-any-method:
            isDefaultRoute: true
            security: []
            x-amazon-apigateway-integration:
              type: http_proxy
              httpMethod: ANY
              uri: https://backend.example
      components:
        securitySchemes:
          cognito:
            type: oauth2
            flows: {}
            x-amazon-apigateway-authorizer:
              type: jwt
              identitySource: $request.header.Authorization
              jwtConfiguration:
                issuer: https://issuer.example
                audience: ["app"]
          lambda:
            type: apiKey
            name: X-Token
            in: header
            x-amazon-apigateway-authorizer:
              type: request
              identitySource: $request.header.X-Token
              authorizerUri: %s
              authorizerPayloadFormatVersion: "2.0"
              enableSimpleResponses: true
          sigv4:
            type: apiKey
            name: Authorization
            in: header
            x-amazon-apigateway-authtype: awsSigv4
      """.formatted(AUTHORIZER_URI);

  @Test
  void importExportReimportRoundTrips() {
    var imported = client.importApi(r -> r.body(PETSTORE).basepath("prepend"));
    String apiId = imported.apiId();
    assertThat(imported.name()).isEqualTo("petstore");
    assertThat(imported.protocolType()).isEqualTo(ProtocolType.HTTP);
    assertThat(imported.corsConfiguration().allowOrigins()).containsExactly("https://app.example");
    var routes = client.getRoutes(r -> r.apiId(apiId)).items();
    assertThat(routes).extracting(Route::routeKey)
        .containsExactlyInAnyOrder("GET /v1/pets", "POST /v1/pets", "ANY /v1/pets/{petId}", "$default");
    Route list = routes.stream().filter(r -> r.routeKey().equals("GET /v1/pets")).findFirst().orElseThrow();
    assertThat(list.authorizationType()).isEqualTo(AuthorizationType.JWT);
    assertThat(list.authorizationScopes()).containsExactly("pets:read");
    assertThat(list.operationName()).isEqualTo("listPets");
    assertThat(routes).filteredOn(r -> r.routeKey().equals("ANY /v1/pets/{petId}"))
        .extracting(Route::authorizationType).containsExactly(AuthorizationType.AWS_IAM);
    assertThat(routes).filteredOn(r -> r.routeKey().equals("$default"))
        .extracting(Route::authorizationType).containsExactly(AuthorizationType.NONE);
    var integration = client.getIntegration(r -> r.apiId(apiId).integrationId(list.target().substring(13)));
    assertThat(integration.payloadFormatVersion()).isEqualTo("1.0");
    assertThat(integration.requestParameters()).containsEntry("append:header.x-source", "gateway");
    assertThat(client.getAuthorizers(r -> r.apiId(apiId)).items()).extracting(a -> a.name())
        .containsExactlyInAnyOrder("cognito", "lambda");

    String yaml = client.exportApi(r -> r.apiId(apiId).specification("OAS30").outputType("YAML")).body().asUtf8String();
    assertThat(yaml).contains("x-amazon-apigateway-integration", "isDefaultRoute: true", "x-amazon-apigateway-cors",
        "/v1/pets/{petId}", "type: jwt");
    client.reimportApi(r -> r.apiId(apiId).body(yaml).failOnWarnings(true));
    String again = client.exportApi(r -> r.apiId(apiId).specification("OAS30").outputType("YAML")).body().asUtf8String();
    assertThat(again).isEqualTo(yaml);
    assertThat(client.getRoutes(r -> r.apiId(apiId)).items()).hasSize(4);
    String json = client.exportApi(r -> r.apiId(apiId).specification("OAS30").outputType("JSON")
        .includeExtensions(false)).body().asUtf8String();
    assertThat(json).startsWith("{").doesNotContain("x-amazon-apigateway-integration");

    String mock = """
        openapi: "3.0.1"
        info: {title: mock, version: "1"}
        paths:
          /pets:
            get:
              responses: {default: {description: ok}}
              x-amazon-apigateway-integration: {type: mock}
        """;
    bad(() -> client.importApi(r -> r.body(mock).failOnWarnings(true)),
        "Integration type MOCK at paths./pets.get is not supported for HTTP APIs");
    var warned = client.importApi(r -> r.body(mock));
    assertThat(warned.warnings()).anySatisfy(w -> assertThat(w).contains("Integration type MOCK"));
    assertThat(client.getRoutes(r -> r.apiId(warned.apiId())).items()).extracting(Route::target).containsOnlyNulls();
    bad(() -> client.importApi(r -> r.body("swagger: \"2.0\"\ninfo: {title: t, version: v}\npaths: {}")),
        "HTTP APIs support only OpenAPI 3.0 definitions");
    bad(() -> client.importApi(r -> r.body(PETSTORE.replace("timeoutInMillis: 5000", "timeoutInMillis: 60000"))),
        "Invalid OpenAPI input at paths./pets.post.x-amazon-apigateway-integration: Invalid timeoutInMillis: 60000");
    bad(() -> client.exportApi(r -> r.apiId(apiId).specification("RAML").outputType("YAML")),
        "Invalid specification: RAML (expected: OAS30)");
  }

  @Test
  void tagsApisStagesAndDomainNamesThroughV2Tags() {
    String apiId = client.createApi(r -> r.name("tagged").protocolType(ProtocolType.HTTP).target(LAMBDA)
        .tags(Map.of("team", "a"))).apiId();
    String apiArn = "arn:aws:apigateway:us-east-1::/apis/" + apiId;
    client.tagResource(r -> r.resourceArn(apiArn).tags(Map.of("env", "prod", "team", "b")));
    assertThat(client.getTags(r -> r.resourceArn(apiArn)).tags()).isEqualTo(Map.of("env", "prod", "team", "b"));
    assertThat(client.getApi(r -> r.apiId(apiId)).tags()).isEqualTo(Map.of("env", "prod", "team", "b"));
    client.untagResource(r -> r.resourceArn(apiArn).tagKeys("team", "absent"));
    assertThat(client.getApi(r -> r.apiId(apiId)).tags()).isEqualTo(Map.of("env", "prod"));

    // The quick-created $default stage cannot be modified, but it can be tagged.
    String stageArn = apiArn + "/stages/$default";
    String served = client.getStage(r -> r.apiId(apiId).stageName("$default")).deploymentId();
    client.tagResource(r -> r.resourceArn(stageArn).tags(Map.of("tier", "gold")));
    var stage = client.getStage(r -> r.apiId(apiId).stageName("$default"));
    assertThat(stage.tags()).isEqualTo(Map.of("tier", "gold"));
    assertThat(stage.deploymentId()).as("tags deploy nothing").isEqualTo(served);
    assertThat(client.getTags(r -> r.resourceArn(stageArn)).tags()).isEqualTo(Map.of("tier", "gold"));

    client.createDomainName(r -> r.domainName("tags.v2.example.com").domainNameConfigurations(c -> c
        .certificateArn("arn:aws:acm:us-east-1:000000000000:certificate/abc")));
    String domainArn = "arn:aws:apigateway:us-east-1::/domainnames/tags.v2.example.com";
    client.tagResource(r -> r.resourceArn(domainArn).tags(Map.of("owner", "web")));
    assertThat(client.getDomainName(r -> r.domainName("tags.v2.example.com")).tags()).isEqualTo(Map.of("owner", "web"));

    assertThatThrownBy(() -> client.getTags(r -> r.resourceArn("arn:aws:apigateway:us-east-1::/apis/zzzzzzzzzz")))
        .isInstanceOf(software.amazon.awssdk.services.apigatewayv2.model.NotFoundException.class);
    assertThatThrownBy(() -> client.tagResource(r -> r.resourceArn(apiArn + "/stages/nope").tags(Map.of("a", "b"))))
        .isInstanceOf(software.amazon.awssdk.services.apigatewayv2.model.NotFoundException.class);
    bad(() -> client.getTags(r -> r.resourceArn("arn:aws:apigateway:us-east-1::/apis/" + apiId + "/routes/x")),
        "Invalid resource ARN");
    Map<String, String> many = new java.util.HashMap<>();
    for (int i = 0; i < 50; i++) {
      many.put("k" + i, "v");
    }
    bad(() -> client.tagResource(r -> r.resourceArn(apiArn).tags(many)), "Too many tags: 51 (expected: at most 50)");
    bad(() -> client.tagResource(r -> r.resourceArn(apiArn).tags(Map.of("k".repeat(129), "v"))), "Invalid tag key");
    bad(() -> client.tagResource(r -> r.resourceArn(apiArn).tags(Map.of("k", "v".repeat(257)))), "Invalid tag value");
    assertThat(client.getTags(r -> r.resourceArn(apiArn)).tags()).isEqualTo(Map.of("env", "prod"));
  }

  @Test
  void updateApiChangesTheQuickCreateTargetAndManagedResourcesAreGuarded() {
    String apiId = client.createApi(r -> r.name("retarget").protocolType(ProtocolType.HTTP).target(LAMBDA)).apiId();
    String first = client.getStage(r -> r.apiId(apiId).stageName("$default")).deploymentId();
    var updated = client.updateApi(r -> r.apiId(apiId).target("http://127.0.0.1:9/new").routeKey("GET /pets")
        .credentialsArn("arn:aws:iam::000000000000:role/invoker").description("moved"));
    assertThat(updated.description()).isEqualTo("moved");
    var integration = client.getIntegrations(r -> r.apiId(apiId)).items().get(0);
    assertThat(integration.integrationType()).isEqualTo(IntegrationType.HTTP_PROXY);
    assertThat(integration.integrationUri()).isEqualTo("http://127.0.0.1:9/new");
    assertThat(integration.integrationMethod()).isEqualTo("ANY");
    assertThat(integration.payloadFormatVersion()).isEqualTo("1.0");
    assertThat(integration.credentialsArn()).isEqualTo("arn:aws:iam::000000000000:role/invoker");
    assertThat(integration.apiGatewayManaged()).isTrue();
    Route route = client.getRoutes(r -> r.apiId(apiId)).items().get(0);
    assertThat(route.routeKey()).isEqualTo("GET /pets");
    assertThat(client.getStage(r -> r.apiId(apiId).stageName("$default")).deploymentId())
        .as("one automatic deployment of the change").isNotEqualTo(first);

    // AWS: a managed integration can be updated but not deleted; a managed route keeps its key; the stage is fixed.
    client.updateIntegration(r -> r.apiId(apiId).integrationId(integration.integrationId()).timeoutInMillis(5000));
    bad(() -> client.deleteIntegration(r -> r.apiId(apiId).integrationId(integration.integrationId())),
        "Cannot delete an integration managed by API Gateway");
    bad(() -> client.updateRoute(r -> r.apiId(apiId).routeId(route.routeId()).routeKey("GET /cats")),
        "Cannot change the route key of a route managed by API Gateway");
    client.updateRoute(r -> r.apiId(apiId).routeId(route.routeId()).authorizationType(AuthorizationType.NONE));
    bad(() -> client.updateStage(r -> r.apiId(apiId).stageName("$default").description("x")),
        "Cannot modify the $default stage managed by API Gateway");

    String plain = client.createApi(r -> r.name("plain").protocolType(ProtocolType.HTTP)).apiId();
    bad(() -> client.updateApi(r -> r.apiId(plain).target(LAMBDA)), "was not created with a target (quick create)");
    bad(() -> client.updateApi(r -> r.apiId(apiId).routeKey("GET pets")), "Invalid routeKey: GET pets");
    String ws = client.createApi(r -> r.name("ws").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    bad(() -> client.updateApi(r -> r.apiId(ws).target(LAMBDA)), "target is supported only for HTTP APIs");
  }

  @Test
  void ipAddressTypeIsIpv4UnlessSetAndUpdatable() {
    var plain = client.createApi(r -> r.name("v4").protocolType(ProtocolType.HTTP));
    assertThat(plain.ipAddressType()).isEqualTo(IpAddressType.IPV4);
    var dual = client.createApi(r -> r.name("dual").protocolType(ProtocolType.HTTP).target(LAMBDA)
        .ipAddressType(IpAddressType.DUALSTACK));
    assertThat(client.getApi(r -> r.apiId(dual.apiId())).ipAddressType()).isEqualTo(IpAddressType.DUALSTACK);
    assertThat(client.updateApi(r -> r.apiId(dual.apiId()).description("kept")).ipAddressType())
        .as("an update without it keeps it").isEqualTo(IpAddressType.DUALSTACK);
    assertThat(client.updateApi(r -> r.apiId(plain.apiId()).ipAddressType(IpAddressType.DUALSTACK)).ipAddressType())
        .isEqualTo(IpAddressType.DUALSTACK);
    var ws = client.createApi(r -> r.name("ws-dual").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action").ipAddressType(IpAddressType.DUALSTACK));
    assertThat(client.getApis(r -> { }).items()).filteredOn(a -> a.apiId().equals(ws.apiId()))
        .extracting(a -> a.ipAddressType()).containsExactly(IpAddressType.DUALSTACK);
    bad(() -> client.createApi(r -> r.name("x").protocolType(ProtocolType.HTTP).ipAddressType("ipv6")),
        "Invalid ipAddressType: ipv6 (expected: ipv4 or dualstack)");
    bad(() -> client.updateApi(r -> r.apiId(ws.apiId()).ipAddressType("both")), "Invalid ipAddressType: both");
  }

  /** A 400 BadRequestException whose message contains {@code message}, as AWS answers bad input. */
  static void bad(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(BadRequestException.class)
        .satisfies(e -> assertThat(((ApiGatewayV2Exception) e).statusCode()).isEqualTo(400))
        .hasMessageContaining(message);
  }
}
