package dev.apigw.node.controlplane.restapi;

import static dev.apigw.node.controlplane.restapi.RestApiOperationsTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.TestBackend;
import dev.apigw.node.testing.TestNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.TestInvokeMethodResponse;

/**
 * TestInvokeMethod through the real AWS SDK: the API's current definition (never deployed here) runs through the REST
 * pipeline, skipping authorization and API keys as at AWS, with mapping templates (MOCK) and a real backend
 * (HTTP_PROXY).
 */
@ExtendWith(CassandraExtension.class)
class TestInvokeMethodTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestNode node;
  private static ApiGatewayClient client;
  private static TestBackend backend;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    client = node.client();
    backend = TestBackend.start();
  }

  @AfterAll
  static void stop() {
    client.close();
    node.close();
    backend.close();
  }

  @Test
  void mockMethodRunsItsTemplatesWithoutAuthorizationOrApiKey() {
    var api = client.createRestApi(r -> r.name("test-invoke-mock"));
    String pets = client.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("pets")).id();
    String pet = client.createResource(r -> r.restApiId(api.id()).parentId(pets).pathPart("{id}")).id();
    // A real request would need a signature and an API key: TestInvokeMethod skips both, as AWS does.
    client.putMethod(r -> r.restApiId(api.id()).resourceId(pet).httpMethod("GET").authorizationType("AWS_IAM")
        .apiKeyRequired(true));
    client.putIntegration(r -> r.restApiId(api.id()).resourceId(pet).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    client.putMethodResponse(r -> r.restApiId(api.id()).resourceId(pet).httpMethod("GET").statusCode("200")
        .responseParameters(Map.of("method.response.header.X-Pet", true)));
    client.putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(pet).httpMethod("GET").statusCode("200")
        .responseParameters(Map.of("method.response.header.X-Pet", "'fluffy'"))
        .responseTemplates(Map.of("application/json",
            "{\"id\": \"$input.params('id')\", \"q\": \"$input.params('q')\", \"color\": \"$stageVariables.color\","
                + " \"stage\": \"$context.stage\", \"tag\": \"$input.params('X-Tag')\"}")));

    TestInvokeMethodResponse answer = client.testInvokeMethod(r -> r.restApiId(api.id()).resourceId(pet)
        .httpMethod("GET").pathWithQueryString("/pets/42?q=small").headers(Map.of("X-Tag", "t1"))
        .stageVariables(Map.of("color", "blue")));

    assertThat(answer.status()).isEqualTo(200);
    JsonNode body = json(answer.body());
    assertThat(body.get("id").asText()).isEqualTo("42");
    assertThat(body.get("q").asText()).isEqualTo("small");
    assertThat(body.get("color").asText()).isEqualTo("blue");
    assertThat(body.get("stage").asText()).isEqualTo("test-invoke-stage");
    assertThat(body.get("tag").asText()).isEqualTo("t1");
    assertThat(answer.headers()).containsEntry("X-Pet", "fluffy").containsEntry("Content-Type", "application/json");
    assertThat(answer.multiValueHeaders()).containsEntry("X-Pet", List.of("fluffy"));
    assertThat(answer.latency()).isGreaterThanOrEqualTo(0);
    assertThat(answer.log())
        .startsWith("Execution log for request ")
        .contains(" : HTTP Method: GET, Resource Path: /pets/42")
        .contains(" : Method request path: {id=42}")
        .contains(" : Method request query string: {q=small}")
        .contains(" : Method request headers: {X-Tag=t1}")
        .contains(" : Method request body before transformations: \n")
        .contains(" : Method response body after transformations: {\"id\": \"42\", \"q\": \"small\"")
        .contains(" : Successfully completed execution")
        .endsWith(" : Method completed with status: 200\n")
        // The test skips API keys, so AWS's test log has no usage plan lines (nor the Extended Request Id).
        .doesNotContain("Usage Plan", "Extended Request Id");
    assertThat(line(answer, "Method response headers: ")).contains("X-Pet=fluffy", "Content-Type=application/json");
    // AWS's test log format: a header line, then "<date> : <event>" per event, one event per line.
    List<String> lines = answer.log().lines().toList();
    assertThat(lines.get(0)).isEqualTo("Execution log for request " + answer.headers().get("x-amzn-RequestId"));
    assertThat(lines.subList(1, lines.size()))
        .allMatch(l -> l.matches("[A-Z][a-z]{2} [A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2} UTC \\d{4} : .*"), "dated");
    assertThat(lines.get(1)).endsWith(" : Starting execution for request: " + answer.headers().get("x-amzn-RequestId"));
  }

  @Test
  void httpProxyMethodReachesTheBackendAndShowsItsResponse() {
    var api = client.createRestApi(r -> r.name("test-invoke-proxy"));
    String echo = client.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("echo")).id();
    String proxy = client.createResource(r -> r.restApiId(api.id()).parentId(echo).pathPart("{proxy+}")).id();
    client.putMethod(r -> r.restApiId(api.id()).resourceId(proxy).httpMethod("POST").authorizationType("NONE")
        .requestParameters(Map.of("method.request.path.proxy", true)));
    client.putIntegration(r -> r.restApiId(api.id()).resourceId(proxy).httpMethod("POST").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("POST").uri(backend.url("/{proxy}"))
        .requestParameters(Map.of("integration.request.path.proxy", "method.request.path.proxy")));

    TestInvokeMethodResponse answer = client.testInvokeMethod(r -> r.restApiId(api.id()).resourceId(proxy)
        .httpMethod("POST").pathWithQueryString("/echo/a/b?x=1").body("{\"hello\":\"world\"}")
        .headers(Map.of("Content-Type", "application/json", "Authorization", "Bearer secret-token"))
        .multiValueHeaders(Map.of("X-Multi", List.of("one", "two"))));

    assertThat(answer.status()).isEqualTo(200);
    JsonNode body = json(answer.body());
    assertThat(body.get("method").asText()).isEqualTo("POST");
    assertThat(body.get("path").asText()).isEqualTo("/a/b?x=1");
    assertThat(body.get("query").asText()).isEqualTo("x=1");
    assertThat(body.get("body").asText()).isEqualTo("{\"hello\":\"world\"}");
    var received = backend.received().stream().filter(r -> r.target().equals("/a/b?x=1")).findFirst().orElseThrow();
    assertThat(received.headers().stream().map(h -> h.toLowerCase(java.util.Locale.ROOT)))
        .contains("x-multi: one", "x-multi: two");
    assertThat(answer.headers()).containsEntry("X-Backend", "echo").containsEntry("Content-Type", "application/json");
    assertThat(answer.log())
        .contains(" : HTTP Method: POST, Resource Path: /echo/a/b")
        .contains(" : Method request path: {proxy=a/b}")
        .contains(" : Endpoint request URI: " + backend.url("/a/b?x=1"))
        .contains(" : Method request body before transformations: {\"hello\":\"world\"}")
        .contains(" : Endpoint request body after transformations: {\"hello\":\"world\"}")
        .contains(" : Sending request to " + backend.url("/a/b?x=1"))
        .contains(" : Successfully completed execution")
        .contains(" : Method completed with status: 200");
    assertThat(line(answer, "Received response. "))
        .matches(".* : Received response\\. Status: 200, Integration latency: \\d+ ms");
    assertThat(line(answer, "Method response headers: ")).contains("X-Backend=echo");
    // Credentials in headers are masked in the log (the echo backend's body shows them, as it would): AWS's
    // "****" and the last 4 characters.
    for (String headers : List.of("Method request headers: ", "Endpoint request headers: ")) {
      assertThat(line(answer, headers)).contains("Authorization=****oken").doesNotContain("secret-token");
    }
  }

  @Test
  void unknownResourceOrMethodIsAwsNotFound() {
    var api = client.createRestApi(r -> r.name("test-invoke-missing"));
    failure(NotFoundException.class, () -> client.testInvokeMethod(r -> r.restApiId(api.id())
        .resourceId(api.rootResourceId()).httpMethod("GET")), 404, "NotFoundException",
        "Invalid Method identifier specified");
    failure(NotFoundException.class, () -> client.testInvokeMethod(r -> r.restApiId(api.id())
        .resourceId("zzzzzzzzzz").httpMethod("GET")), 404, "NotFoundException",
        "Invalid Resource identifier specified");
  }

  /** The log's line of the event starting with {@code event}. */
  private static String line(TestInvokeMethodResponse answer, String event) {
    return answer.log().lines().filter(l -> l.contains(" : " + event)).findFirst()
        .orElseThrow(() -> new AssertionError("no \"" + event + "\" in " + answer.log()));
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
