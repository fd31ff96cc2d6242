package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.TestNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Op;

/**
 * The REST data plane end to end: APIs built and deployed with the real AWS SDK, called by a real
 * HTTP client, integrations reaching a real HTTP backend.
 */
class RestDataPlaneTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode().withBackend();

  /** An API with ANY /{proxy+} -> HTTP_PROXY to the backend, deployed to {@code stage}. */
  private static String proxyApi(String stage, String uri) {
    var api = gateway.client().createRestApi(r -> r.name("proxy"));
    String proxy = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("{proxy+}")).id();
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(proxy).httpMethod("ANY").authorizationType("NONE")
        .requestParameters(Map.of("method.request.path.proxy", true)));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(proxy).httpMethod("ANY").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("ANY").uri(uri)
        .requestParameters(Map.of("integration.request.path.proxy", "method.request.path.proxy")));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName(stage));
    return api.id();
  }

  private static HttpResponse<String> served(String method, String apiId, String stageAndPath, String body,
      Map<String, String> headers) {
    return DataPlaneClient.await(() -> gateway.dataPlane().call(method, apiId, stageAndPath, body, headers),
        r -> !"MissingAuthenticationTokenException".equals(r.headers().firstValue("x-amzn-ErrorType").orElse(""))
            && r.statusCode() != 404);
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  private static void assertError(HttpResponse<String> response, int status, String type, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
    assertThat(json(response).get("message").asText()).isEqualTo(message);
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(response.headers().firstValue("x-amz-apigw-id")).isPresent();
  }

  @Test
  void httpProxyPassesMethodPathQueryHeadersAndBodyBothWays() {
    String apiId = proxyApi("prod", gateway.backend().url("/{proxy}"));
    var response = served("POST", apiId, "/prod/pets/42?x=1&x=2&y=%20z", "{\"name\":\"rex\"}",
        Map.of("Content-Type", "application/json", "X-Custom", "abc", "traceparent",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "Cache-Control", "max-age=60,no-cache"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode echo = json(response);
    assertThat(echo.get("method").asText()).isEqualTo("POST");
    assertThat(echo.get("path").asText()).isEqualTo("/pets/42?x=1&x=2&y=%20z");
    assertThat(echo.get("body").asText()).isEqualTo("{\"name\":\"rex\"}");
    assertThat(echo.get("headers").get("x-custom").asText()).isEqualTo("abc");
    assertThat(echo.get("headers").get("content-type").asText()).startsWith("application/json");
    assertThat(echo.get("headers").get("traceparent").asText())
        .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    assertThat(echo.get("headers").get("x-amzn-trace-id").asText()).startsWith("Root=1-");
    // Header values reach the backend as the client sent them (not re-rendered from a parsed model).
    assertThat(echo.get("headers").get("cache-control").asText()).isEqualTo("max-age=60,no-cache");
    assertThat(response.headers().firstValue("X-Backend")).hasValue("echo");
    // The backend's Date and Server come back once each, though the backend connection reads them raw.
    assertThat(response.headers().allValues("Server")).singleElement().asString().startsWith("pekko-http/");
    assertThat(response.headers().allValues("Date")).singleElement().asString().endsWith(" GMT");
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(response.headers().firstValue("x-amz-apigw-id")).isPresent();

    var pathStyle = gateway.dataPlane().pathStyle("GET", apiId, "prod", "/a/b%2Fc", null, Map.of());
    assertThat(pathStyle.statusCode()).isEqualTo(200);
    assertThat(json(pathStyle).get("path").asText()).isEqualTo("/a/b/c");
  }

  @Test
  void unknownApiStagePathAndMethodGetAwsErrors() {
    String apiId = proxyApi("prod", gateway.backend().url("/{proxy}"));
    served("GET", apiId, "/prod/ready", null, Map.of());
    assertError(gateway.dataPlane().call("GET", "zzzzzzzzzz", "/prod/x", null, Map.of()), 404, "NotFoundException", "Not Found");
    assertError(gateway.dataPlane().call("GET", apiId, "/nostage/x", null, Map.of()), 403,
        "MissingAuthenticationTokenException", "Missing Authentication Token");
    // The root resource has no method.
    assertError(gateway.dataPlane().call("GET", apiId, "/prod", null, Map.of()), 403,
        "MissingAuthenticationTokenException", "Missing Authentication Token");
  }

  @Test
  void integrationTimeoutIs504AndUnreachableBackendIs502() {
    var api = gateway.client().createRestApi(r -> r.name("failing"));
    String slow = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("slow")).id();
    String down = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("down")).id();
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(slow).httpMethod("GET").authorizationType("NONE"));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(slow).httpMethod("GET").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("GET").uri(gateway.backend().url("/slow/3000")).timeoutInMillis(200));
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(down).httpMethod("GET").authorizationType("NONE"));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(down).httpMethod("GET").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("GET").uri("http://127.0.0.1:1/nothing"));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("prod"));

    long start = System.nanoTime();
    var timedOut = served("GET", api.id(), "/prod/slow", null, Map.of());
    assertError(timedOut, 504, "InternalServerErrorException", "Endpoint request timed out");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
    assertError(gateway.dataPlane().call("GET", api.id(), "/prod/down", null, Map.of()), 502,
        "InternalServerErrorException", "Internal server error");
  }

  @Test
  void oversizedBodyIs413AndTheNodeKeepsServing() {
    String apiId = proxyApi("prod", gateway.backend().url("/{proxy}"));
    served("GET", apiId, "/prod/ok", null, Map.of());
    String big = "x".repeat(10 * 1024 * 1024 + 1);
    var response = gateway.dataPlane().call("POST", apiId, "/prod/upload", big, Map.of("Content-Type", "text/plain"));
    assertError(response, 413, "RequestTooLargeException", "Request Too Long");
    var ok = gateway.dataPlane().call("POST", apiId, "/prod/upload", "small", Map.of("Content-Type", "text/plain"));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(json(ok).get("body").asText()).isEqualTo("small");
  }

  @Test
  void mockIntegrationRendersTemplatesWithInputContextAndStageVariables() {
    var api = gateway.client().createRestApi(r -> r.name("mock"));
    String pets = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("pets")).id();
    String petId = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(pets).pathPart("{petId}")).id();
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(petId).httpMethod("GET").authorizationType("NONE"));
    gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(petId).httpMethod("GET").statusCode("200")
        .responseParameters(Map.of("method.response.header.X-Pet", false)));
    gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(petId).httpMethod("GET").statusCode("404"));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(petId).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json",
            "#if($input.params('petId') == \"0\"){\"statusCode\": 404}#else{\"statusCode\": 200}#end")));
    gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(petId).httpMethod("GET").statusCode("200")
        .responseParameters(Map.of("method.response.header.X-Pet", "'mock'"))
        .responseTemplates(Map.of("application/json",
            "{\"id\": \"$input.params('petId')\", \"q\": \"$input.params('q')\", \"stage\": \"$context.stage\","
                + " \"path\": \"$context.resourcePath\", \"color\": \"$stageVariables.color\","
                + " \"requestId\": \"$context.requestId\"}")));
    gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(petId).httpMethod("GET").statusCode("404")
        .selectionPattern("404").responseTemplates(Map.of("application/json", "{\"error\": \"no such pet\"}")));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("test").variables(Map.of("color", "blue")));

    var response = served("GET", api.id(), "/test/pets/7?q=fluffy", null, Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("id").asText()).isEqualTo("7");
    assertThat(body.get("q").asText()).isEqualTo("fluffy");
    assertThat(body.get("stage").asText()).isEqualTo("test");
    assertThat(body.get("path").asText()).isEqualTo("/pets/{petId}");
    assertThat(body.get("color").asText()).isEqualTo("blue");
    assertThat(body.get("requestId").asText()).isEqualTo(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
    assertThat(response.headers().firstValue("X-Pet")).hasValue("mock");

    var missing = gateway.dataPlane().call("GET", api.id(), "/test/pets/0", null, Map.of());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).get("error").asText()).isEqualTo("no such pet");

    // A stage variable change is served without a new deployment.
    gateway.client().updateStage(r -> r.restApiId(api.id()).stageName("test")
        .patchOperations(p -> p.op(Op.REPLACE).path("/variables/color").value("green")));
    var recolored = DataPlaneClient.await(() -> gateway.dataPlane().call("GET", api.id(), "/test/pets/7", null, Map.of()),
        r -> r.body().contains("green"));
    assertThat(json(recolored).get("color").asText()).isEqualTo("green");
  }

  @Test
  void httpIntegrationMapsRequestAndResponseAndSelectsByStatus() {
    var api = gateway.client().createRestApi(r -> r.name("http"));
    String orders = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("orders")).id();
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST").authorizationType("NONE")
        .requestParameters(Map.of("method.request.header.X-Tenant", false)));
    gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST").statusCode("201"));
    gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST").statusCode("400"));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST").type(IntegrationType.HTTP)
        .integrationHttpMethod("PUT").uri(gateway.backend().url("/status/${stageVariables.code}"))
        .requestParameters(Map.of("integration.request.header.X-Tenant-Id", "method.request.header.X-Tenant",
            "integration.request.querystring.source", "'gateway'"))
        .requestTemplates(Map.of("application/json", "{\"item\": $input.json('$.name'), \"n\": $input.path('$.count')}"))
        .passthroughBehavior("NEVER"));
    gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST").statusCode("201")
        .responseTemplates(Map.of("application/json", "{\"sent\": $input.json('$.body'), \"status\": $input.path('$.status')}")));
    gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST").statusCode("400")
        .selectionPattern("4\\d{2}").responseTemplates(Map.of("application/json", "{\"rejected\": true}")));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("ok").variables(Map.of("code", "200")));
    gateway.client().createStage(r -> r.restApiId(api.id()).stageName("bad")
        .deploymentId(gateway.client().getStage(s -> s.restApiId(api.id()).stageName("ok")).deploymentId())
        .variables(Map.of("code", "422")));

    var created = served("POST", api.id(), "/ok/orders", "{\"name\": \"tea\", \"count\": 3}",
        Map.of("Content-Type", "application/json", "X-Tenant", "t1"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode sent = json(created);
    assertThat(sent.get("status").asInt()).isEqualTo(200);
    assertThat(sent.get("sent").asText()).isEqualTo("{\"item\": \"tea\", \"n\": 3}");

    var rejected = served("POST", api.id(), "/bad/orders", "{\"name\": \"tea\", \"count\": 3}",
        Map.of("Content-Type", "application/json"));
    assertThat(rejected.statusCode()).isEqualTo(400);
    assertThat(json(rejected).get("rejected").asBoolean()).isTrue();

    // NEVER: a content type without a template is refused.
    assertError(gateway.dataPlane().call("POST", api.id(), "/ok/orders", "name=tea", Map.of("Content-Type", "text/plain")),
        415, "UnsupportedMediaTypeException", "Unsupported Media Type");
  }

  @Test
  void templateOverridesReachTheBackendAndTheClient() {
    var api = gateway.client().createRestApi(r -> r.name("overrides"));
    String items = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId())
        .pathPart("items")).id();
    String item = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(items).pathPart("{id}")).id();
    // POST /items/{id}: the request template overrides a mapped header, query parameter and path parameter, and adds
    // a header built from two inputs (AWS's many-to-one mapping).
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(item).httpMethod("POST").authorizationType("NONE")
        .requestParameters(Map.of("method.request.path.id", true)));
    gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(item).httpMethod("POST").statusCode("200"));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(item).httpMethod("POST").type(IntegrationType.HTTP)
        .integrationHttpMethod("POST").uri(gateway.backend().url("/echo/{id}"))
        .requestParameters(Map.of("integration.request.path.id", "method.request.path.id",
            "integration.request.header.X-Mapped", "'mapped'", "integration.request.querystring.q", "'mapped'"))
        .requestTemplates(Map.of("application/json", """
            #set($context.requestOverride.header.X-Mapped = "overridden")
            #set($context.requestOverride.header.X-Sum = "$input.params('a')-$input.path('$.b')")
            #set($context.requestOverride.header.Content-Type = "application/vnd.items+json")
            #set($context.requestOverride.querystring.q = "over")
            #set($context.requestOverride.path.id = "p-$input.params('id')")
            {"b": $input.json('$.b')}""")));
    gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(item).httpMethod("POST").statusCode("200"));
    // GET /items: the response template overrides the status and a mapped header when the backend's answer says so.
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(items).httpMethod("GET").authorizationType("NONE"));
    gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(items).httpMethod("GET").statusCode("200")
        .responseParameters(Map.of("method.response.header.X-Reason", false)));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(items).httpMethod("GET").type(IntegrationType.HTTP)
        .integrationHttpMethod("GET").uri(gateway.backend().url("/echo"))
        .requestParameters(Map.of("integration.request.querystring.mode", "method.request.querystring.mode")));
    gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(items).httpMethod("GET").statusCode("200")
        .responseParameters(Map.of("method.response.header.X-Reason", "'mapped'"))
        .responseTemplates(Map.of("application/json", """
            #set($echo = $input.path('$'))
            #if($echo.query.contains("fail"))
            #set($context.responseOverride.status = 422)
            #set($context.responseOverride.header.X-Reason = "failed $echo.method")
            #set($context.responseOverride.header.Content-Type = "application/problem+json")
            #end
            {"integrationStatus": $context.integration.status}""")));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("v1"));

    var sent = served("POST", api.id(), "/v1/items/7?a=1", "{\"b\": 2}", Map.of("Content-Type", "application/json"));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    JsonNode echo = json(sent);
    assertThat(echo.get("path").asText()).isEqualTo("/echo/p-7?q=over");
    assertThat(echo.get("query").asText()).isEqualTo("q=over");
    assertThat(echo.get("headers").get("x-mapped").asText()).isEqualTo("overridden");
    assertThat(echo.get("headers").get("x-sum").asText()).isEqualTo("1-2");
    assertThat(echo.get("headers").get("content-type").asText()).isEqualTo("application/vnd.items+json");
    assertThat(echo.get("body").asText()).isEqualTo("{\"b\": 2}");

    var fine = served("GET", api.id(), "/v1/items?mode=ok", null, Map.of());
    assertThat(fine.statusCode()).as(fine.body()).isEqualTo(200);
    assertThat(fine.headers().firstValue("X-Reason")).hasValue("mapped");
    assertThat(json(fine).get("integrationStatus").asInt()).isEqualTo(200);
    var failed = gateway.dataPlane().call("GET", api.id(), "/v1/items?mode=fail", null, Map.of());
    assertThat(failed.statusCode()).as(failed.body()).isEqualTo(422);
    assertThat(failed.headers().allValues("X-Reason")).containsExactly("failed GET");
    assertThat(failed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(failed).get("integrationStatus").asInt()).isEqualTo(200);
  }

  @Test
  void anOverrideSetTwiceIsAConfigurationError() {
    var api = gateway.client().createRestApi(r -> r.name("twice"));
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
        .authorizationType("NONE"));
    gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
        .statusCode("200"));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
        .type(IntegrationType.MOCK).requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
        .statusCode("200").responseTemplates(Map.of("application/json", "#if($input.params('twice') == 'yes')"
            + "#set($context.responseOverride.status = 400)#end#set($context.responseOverride.status = 401){}")));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("v1"));

    var once = served("GET", api.id(), "/v1/", null, Map.of());
    assertThat(once.statusCode()).as(once.body()).isEqualTo(401);
    assertError(gateway.dataPlane().call("GET", api.id(), "/v1/?twice=yes", null, Map.of()), 500,
        "InternalServerErrorException", "Internal server error");
  }

  @Test
  void requestValidationAndCustomGatewayResponses() {
    var api = gateway.client().createRestApi(r -> r.name("validated"));
    String pets = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("pets")).id();
    gateway.client().createModel(r -> r.restApiId(api.id()).name("Pet").contentType("application/json").schema(
        "{\"$schema\": \"http://json-schema.org/draft-04/schema#\", \"type\": \"object\","
            + " \"required\": [\"name\"], \"properties\": {\"name\": {\"type\": \"string\"}}}"));
    String validator = gateway.client().createRequestValidator(r -> r.restApiId(api.id()).name("all")
        .validateRequestBody(true).validateRequestParameters(true)).id();
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("POST").authorizationType("NONE")
        .requestValidatorId(validator).requestModels(Map.of("application/json", "Pet"))
        .requestParameters(Map.of("method.request.querystring.owner", true)));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("POST").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("POST").uri(gateway.backend().url("/pets")));
    gateway.client().putGatewayResponse(r -> r.restApiId(api.id()).responseType("MISSING_AUTHENTICATION_TOKEN").statusCode("404")
        .responseParameters(Map.of("gatewayresponse.header.X-Why", "'no route'"))
        .responseTemplates(Map.of("application/json", "{\"error\": $context.error.messageString, \"type\": \"$context.error.responseType\"}")));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("prod"));

    var ok = served("POST", api.id(), "/prod/pets?owner=ann", "{\"name\": \"rex\"}", Map.of("Content-Type", "application/json"));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(json(ok).get("body").asText()).isEqualTo("{\"name\": \"rex\"}");

    assertError(gateway.dataPlane().call("POST", api.id(), "/prod/pets", "{\"name\": \"rex\"}", Map.of("Content-Type", "application/json")),
        400, "BadRequestException", "Missing required request parameters: [owner]");
    assertError(gateway.dataPlane().call("POST", api.id(), "/prod/pets?owner=ann", "{\"name\": 7}",
            Map.of("Content-Type", "application/json")),
        400, "BadRequestException", "Invalid request body");

    var custom = gateway.dataPlane().call("GET", api.id(), "/prod/nothing", null, Map.of());
    assertThat(custom.statusCode()).isEqualTo(404);
    assertThat(custom.headers().firstValue("X-Why")).hasValue("no route");
    assertThat(custom.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
    assertThat(json(custom).get("error").asText()).isEqualTo("Missing Authentication Token");
    assertThat(json(custom).get("type").asText()).isEqualTo("MISSING_AUTHENTICATION_TOKEN");
  }

  @Test
  void customDomainNamesRouteByBasePathMapping() {
    String apiId = proxyApi("prod", gateway.backend().url("/{proxy}"));
    String domain = "api" + System.nanoTime() + ".example.com";
    gateway.client().createDomainName(r -> r.domainName(domain).regionalCertificateArn(
        "arn:aws:acm:us-east-1:000000000000:certificate/abc").endpointConfiguration(e -> e.types(software.amazon.awssdk.services.apigateway.model.EndpointType.REGIONAL)));
    gateway.client().createBasePathMapping(r -> r.domainName(domain).basePath("shop").restApiId(apiId).stage("prod"));
    gateway.client().createBasePathMapping(r -> r.domainName(domain).basePath("(none)").restApiId(apiId));

    var mapped = DataPlaneClient.await(() -> gateway.dataPlane().callHost("GET", domain, "/shop/items/1", null, Map.of()),
        r -> r.statusCode() == 200);
    assertThat(mapped.statusCode()).as(mapped.body()).isEqualTo(200);
    assertThat(json(mapped).get("path").asText()).isEqualTo("/items/1");
    // The (none) mapping names no stage: the first path part is the stage.
    var unstaged = gateway.dataPlane().callHost("GET", domain, "/prod/other", null, Map.of());
    assertThat(json(unstaged).get("path").asText()).isEqualTo("/other");

    gateway.client().deleteBasePathMapping(r -> r.domainName(domain).basePath("(none)"));
    var unmapped = DataPlaneClient.await(() -> gateway.dataPlane().callHost("GET", domain, "/prod/other", null, Map.of()),
        r -> r.statusCode() == 403);
    assertError(unmapped, 403, "ForbiddenException", "Forbidden");
  }

  @Test
  void aCustomDomainServesOnlyItsMappedApisAndADisabledDefaultEndpointIsForbidden() {
    String mappedApi = proxyApi("prod", gateway.backend().url("/{proxy}"));
    String otherApi = proxyApi("prod", gateway.backend().url("/{proxy}"));
    String domain = "only" + System.nanoTime() + ".example.com";
    gateway.client().createDomainName(r -> r.domainName(domain).regionalCertificateArn(
        "arn:aws:acm:us-east-1:000000000000:certificate/abc").endpointConfiguration(e -> e.types(software.amazon.awssdk.services.apigateway.model.EndpointType.REGIONAL)));
    gateway.client().createBasePathMapping(r -> r.domainName(domain).basePath("shop").restApiId(mappedApi).stage("prod"));
    DataPlaneClient.await(() -> gateway.dataPlane().callHost("GET", domain, "/shop/items/1", null, Map.of()),
        r -> r.statusCode() == 200);

    // Path style through the custom domain's host does not reach an API the domain does not map.
    var detour = gateway.dataPlane().callHost("GET", domain, "/restapis/" + otherApi + "/prod/_user_request_/items/1",
        null, Map.of());
    assertError(detour, 403, "ForbiddenException", "Forbidden");

    // With its default endpoint off, the API answers only through its custom domain.
    gateway.client().updateRestApi(r -> r.restApiId(mappedApi).patchOperations(p -> p.op("replace")
        .path("/disableExecuteApiEndpoint").value("true")));
    var byHost = DataPlaneClient.await(() -> gateway.dataPlane().call("GET", mappedApi, "/prod/items/1", null, Map.of()),
        r -> r.statusCode() == 403);
    assertError(byHost, 403, "ForbiddenException", "Forbidden");
    assertError(gateway.dataPlane().pathStyle("GET", mappedApi, "prod", "/items/1", null, Map.of()), 403,
        "ForbiddenException", "Forbidden");
    assertThat(gateway.dataPlane().callHost("GET", domain, "/shop/items/1", null, Map.of()).statusCode()).isEqualTo(200);
    assertThat(gateway.dataPlane().call("GET", otherApi, "/prod/items/1", null, Map.of()).statusCode()).isEqualTo(200);
  }

  @Test
  void anImportedOpenApiDefinitionIsServedOnceDeployed() {
    String openApi = """
        openapi: 3.0.1
        info: {title: imported, version: '1'}
        paths:
          /greet/{name}:
            get:
              parameters:
                - {name: name, in: path, required: true, schema: {type: string}}
              responses:
                '200': {description: ok}
              x-amazon-apigateway-integration:
                type: mock
                requestTemplates: {application/json: '{"statusCode": 200}'}
                responses:
                  default:
                    statusCode: '200'
                    responseTemplates: {application/json: '{"hello": "$input.params(''name'')"}'}
          /echo/{proxy+}:
            x-amazon-apigateway-any-method:
              parameters:
                - {name: proxy, in: path, required: true, schema: {type: string}}
              x-amazon-apigateway-integration:
                type: http_proxy
                httpMethod: ANY
                uri: BACKEND/{proxy}
                requestParameters: {integration.request.path.proxy: method.request.path.proxy}
        """.replace("BACKEND", gateway.backend().url(""));
    String apiId = gateway.client().importRestApi(r -> r.body(software.amazon.awssdk.core.SdkBytes.fromUtf8String(openApi))).id();
    gateway.client().createDeployment(r -> r.restApiId(apiId).stageName("v1"));
    var greet = served("GET", apiId, "/v1/greet/ada", null, Map.of());
    assertThat(greet.statusCode()).as(greet.body()).isEqualTo(200);
    assertThat(json(greet).get("hello").asText()).isEqualTo("ada");
    var echo = gateway.dataPlane().call("DELETE", apiId, "/v1/echo/x/y", null, Map.of());
    assertThat(echo.statusCode()).as(echo.body()).isEqualTo(200);
    assertThat(json(echo).get("method").asText()).isEqualTo("DELETE");
    assertThat(json(echo).get("path").asText()).isEqualTo("/x/y");
  }

  private void cacheSetting(String apiId, String stage, String path, String value) {
    gateway.client().updateStage(r -> r.restApiId(apiId).stageName(stage)
        .patchOperations(p -> p.op(Op.REPLACE).path(path).value(value)));
  }

  /** GET or POST {@code /c{path}} with an {@code X-Tag} the echo backend sends back: an old tag is a cache hit. */
  private static String tagOf(String verb, String apiId, String path, String tag, Map<String, String> more) {
    var headers = new java.util.HashMap<>(more);
    headers.put("X-Tag", tag);
    var response = gateway.dataPlane().call(verb, apiId, "/c" + path, verb.equals("POST") ? "{}" : null, headers);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).get("headers").get("x-tag").asText();
  }

  /** Calls until {@code done} holds for the tag answered to a fresh tag (stage changes reach the node asynchronously). */
  private static String awaitTag(String apiId, String path, Map<String, String> headers,
      java.util.function.BiPredicate<String, String> done) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    int n = 0;
    while (true) {
      String sent = "probe-" + n++;
      String got = tagOf("GET", apiId, path, sent, headers);
      if (done.test(sent, got) || System.nanoTime() > deadline) {
        assertThat(done.test(sent, got)).as("sent %s, got %s", sent, got).isTrue();
        return got;
      }
      TestNode.sleep(50);
    }
  }

  @Test
  void stageCacheAnswersGetsByResourcePathAndCacheKeysUntilFlushed() {
    var api = gateway.client().createRestApi(r -> r.name("cached"));
    String items = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("items")).id();
    String item = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(items).pathPart("{id}")).id();
    for (String verb : java.util.List.of("GET", "POST")) {
      gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(item).httpMethod(verb).authorizationType("NONE")
          .requestParameters(Map.of("method.request.path.id", true)));
      gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(item).httpMethod(verb).type(IntegrationType.HTTP_PROXY)
          .integrationHttpMethod(verb).uri(gateway.backend().url("/items/{id}"))
          .requestParameters(Map.of("integration.request.path.id", "method.request.path.id"))
          .cacheKeyParameters("method.request.path.id"));
    }
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("c"));
    String apiId = api.id();
    cacheSetting(apiId, "c", "/cacheClusterEnabled", "true");
    // Caching is on once a fresh tag comes back with an earlier one.
    awaitTag(apiId, "/items/0", Map.of(), (sent, got) -> !sent.equals(got));

    assertThat(tagOf("GET", apiId, "/items/1", "a", Map.of())).isEqualTo("a");
    assertThat(tagOf("GET", apiId, "/items/1", "b", Map.of())).as("a hit").isEqualTo("a");
    assertThat(tagOf("GET", apiId, "/items/1?q=other", "c", Map.of())).as("q is not a cache key").isEqualTo("a");
    assertThat(tagOf("GET", apiId, "/items/2", "d", Map.of())).as("the id is").isEqualTo("d");
    assertThat(tagOf("POST", apiId, "/items/1", "e", Map.of())).isEqualTo("e");
    assertThat(tagOf("POST", apiId, "/items/1", "f", Map.of())).as("only GETs cache by default").isEqualTo("f");
    // Asking for a fresh response needs authorization by default; without it the header is ignored.
    assertThat(tagOf("GET", apiId, "/items/1", "g", Map.of("Cache-Control", "max-age=0"))).isEqualTo("a");

    gateway.client().flushStageCache(r -> r.restApiId(apiId).stageName("c"));
    awaitTag(apiId, "/items/1", Map.of(), (sent, got) -> !got.equals("a"));

    // With a stage default of its own (*/*), caching is on where it says so.
    cacheSetting(apiId, "c", "/*/*/caching/enabled", "true");
    cacheSetting(apiId, "c", "/*/*/caching/requireAuthorizationForCacheControl", "false");
    String fresh = awaitTag(apiId, "/items/1", Map.of("Cache-Control", "max-age=0"), String::equals);
    assertThat(tagOf("GET", apiId, "/items/1", "later", Map.of())).as("the fresh response was cached").isEqualTo(fresh);
    cacheSetting(apiId, "c", "/*/*/caching/requireAuthorizationForCacheControl", "true");
    cacheSetting(apiId, "c", "/*/*/caching/unauthorizedCacheControlHeaderStrategy", "FAIL_WITH_403");
    var refused = DataPlaneClient.await(() -> gateway.dataPlane().call("GET", apiId, "/c/items/1", null,
        Map.of("Cache-Control", "max-age=0")), r -> r.statusCode() == 403);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);

    cacheSetting(apiId, "c", "/~1items~1{id}/GET/caching/ttlInSeconds", "0");
    awaitTag(apiId, "/items/1", Map.of(), String::equals);
  }
}
