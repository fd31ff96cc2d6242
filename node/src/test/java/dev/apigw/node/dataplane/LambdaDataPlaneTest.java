package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.LambdaReply;
import dev.apigw.node.testing.LambdaTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * AWS_PROXY and AWS integrations through the data plane, against a Lambda-Invoke-compatible
 * server that checks the gateway's SigV4 signatures.
 */
class LambdaDataPlaneTest {
  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode()
      .withLambdaServer(LambdaDataPlaneTest::functions);

  private static void functions(LambdaTestServer lambda) {
    lambda.register("echo-event", event -> LambdaReply.proxy(201, Map.of("X-Fn", "yes", "Content-Type", "application/json"),
        event.toString()));
    lambda.register("garbage", event -> LambdaReply.raw("this is not a proxy response"));
    lambda.register("crash", event -> LambdaReply.unhandled("RuntimeException", "boom"));
    lambda.register("double", event -> {
      int n = event.get("n").asInt();
      if (n < 0) {
        return LambdaReply.unhandled("ValidationError", "Invalid n: " + n);
      }
      return LambdaReply.result(JsonNodeFactory.instance.objectNode().put("value", n * 2));
    });
  }

  private static String lambdaProxyApi(String function) {
    var api = gateway.client().createRestApi(r -> r.name("lambda-" + function).binaryMediaTypes("image/png"));
    String items = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("items")).id();
    String item = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(items).pathPart("{id}")).id();
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(item).httpMethod("ANY").authorizationType("NONE"));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(item).httpMethod("ANY").type(IntegrationType.AWS_PROXY)
        .integrationHttpMethod("POST").uri(LambdaTestServer.integrationUri(function)));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("v1").variables(Map.of("env", "test")));
    return api.id();
  }

  private static HttpResponse<String> served(java.util.function.Supplier<HttpResponse<String>> call) {
    return DataPlaneClient.await(call, r -> r.statusCode() != 404 && r.statusCode() != 403);
  }

  private static JsonNode json(String body) {
    return DataPlaneClient.json(body);
  }

  @Test
  void awsProxySendsTheVersion1EventAndReturnsTheFunctionsResponse() {
    String apiId = lambdaProxyApi("echo-event");
    var response = served(() -> gateway.dataPlane().call("PUT", apiId, "/v1/items/42?tag=a&tag=b", "{\"x\":1}",
        Map.of("Content-Type", "application/json", "X-Multi", "one")));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(response.headers().firstValue("X-Fn")).hasValue("yes");
    JsonNode event = json(response.body());
    assertThat(event.get("resource").asText()).isEqualTo("/items/{id}");
    assertThat(event.get("path").asText()).isEqualTo("/items/42");
    assertThat(event.get("httpMethod").asText()).isEqualTo("PUT");
    assertThat(event.get("pathParameters").get("id").asText()).isEqualTo("42");
    assertThat(event.get("queryStringParameters").get("tag").asText()).isEqualTo("b");
    assertThat(event.get("multiValueQueryStringParameters").get("tag")).hasSize(2);
    assertThat(event.get("headers").get("X-Multi").asText()).isEqualTo("one");
    assertThat(event.get("stageVariables").get("env").asText()).isEqualTo("test");
    assertThat(event.get("body").asText()).isEqualTo("{\"x\":1}");
    assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
    JsonNode ctx = event.get("requestContext");
    assertThat(ctx.get("stage").asText()).isEqualTo("v1");
    assertThat(ctx.get("apiId").asText()).isEqualTo(apiId);
    assertThat(ctx.get("resourcePath").asText()).isEqualTo("/items/{id}");
    assertThat(ctx.get("path").asText()).isEqualTo("/v1/items/42");
    assertThat(ctx.get("requestId").asText()).isEqualTo(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
    assertThat(ctx.get("identity").get("sourceIp").asText()).isEqualTo("127.0.0.1");
    // The test server verified the gateway's SigV4 signature (service lambda) before running the function.
    assertThat(gateway.lambda().invocations().get(gateway.lambda().invocations().size() - 1).header("Authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=test/");
  }

  @Test
  void binaryMediaTypesReachTheFunctionBase64Encoded() throws Exception {
    String apiId = lambdaProxyApi("echo-event");
    served(() -> gateway.dataPlane().call("GET", apiId, "/v1/items/1", null, Map.of()));
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
    var request = HttpRequest.newBuilder(gateway.node().dataPlaneUri().resolve("/v1/items/1"))
        .header("Host", apiId + ".execute-api.localhost")
        .header("Content-Type", "image/png")
        .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build();
    var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode event = json(response.body());
    assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
    assertThat(Base64.getDecoder().decode(event.get("body").asText())).isEqualTo(png);
  }

  @Test
  void malformedOutputAndFunctionErrorsAre502() {
    String garbage = lambdaProxyApi("garbage");
    var malformed = served(() -> gateway.dataPlane().call("GET", garbage, "/v1/items/1", null, Map.of()));
    assertThat(malformed.statusCode()).isEqualTo(502);
    assertThat(json(malformed.body()).get("message").asText()).isEqualTo("Internal server error");
    assertThat(malformed.headers().firstValue("x-amzn-ErrorType")).hasValue("InternalServerErrorException");

    String crash = lambdaProxyApi("crash");
    var crashed = served(() -> gateway.dataPlane().call("GET", crash, "/v1/items/1", null, Map.of()));
    assertThat(crashed.statusCode()).isEqualTo(502);
    assertThat(json(crashed.body()).get("message").asText()).isEqualTo("Internal server error");

    String missing = lambdaProxyApi("no-such-function");
    var unknown = served(() -> gateway.dataPlane().call("GET", missing, "/v1/items/1", null, Map.of()));
    assertThat(unknown.statusCode()).isEqualTo(500);
  }

  @Test
  void awsIntegrationMapsThePayloadAndFunctionErrorsThroughIntegrationResponses() {
    var api = gateway.client().createRestApi(r -> r.name("lambda-aws"));
    String calc = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("double")).id();
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(calc).httpMethod("POST").authorizationType("NONE"));
    gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(calc).httpMethod("POST").statusCode("200"));
    gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(calc).httpMethod("POST").statusCode("400"));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(calc).httpMethod("POST").type(IntegrationType.AWS)
        .integrationHttpMethod("POST").uri(LambdaTestServer.integrationUri("double"))
        .requestTemplates(Map.of("application/json", "{\"n\": $input.json('$.number')}")));
    gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(calc).httpMethod("POST").statusCode("200")
        .responseTemplates(Map.of("application/json", "{\"doubled\": $input.path('$.value')}")));
    gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(calc).httpMethod("POST").statusCode("400")
        .selectionPattern("Invalid.*")
        .responseTemplates(Map.of("application/json", "{\"error\": \"$input.path('$.errorMessage')\"}")));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("v1"));

    var ok = served(() -> gateway.dataPlane().call("POST", api.id(), "/v1/double", "{\"number\": 21}",
        Map.of("Content-Type", "application/json")));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(json(ok.body()).get("doubled").asInt()).isEqualTo(42);

    var invalid = gateway.dataPlane().call("POST", api.id(), "/v1/double", "{\"number\": -1}", Map.of("Content-Type", "application/json"));
    assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
    assertThat(json(invalid.body()).get("error").asText()).isEqualTo("Invalid n: -1");
  }
}
