package dev.apigw.node.dataplane.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.LambdaReply;
import dev.apigw.node.testing.LambdaTestServer;
import dev.apigw.node.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.AuthorizerType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

/**
 * REST API execution logs on a real node: stages switched to INFO / ERROR / data trace through the SDK's UpdateStage,
 * called by a real HTTP client, read back from the node's {@code execution.log}.
 */
class ExecutionLogTest {
  private static final Path LOGS = ExecutionLogFiles.directory("execution-logs");

  /** A backend that takes each connection and closes it at once: every request to it fails, quickly. */
  private static final int CLOSING_PORT = ExecutionLogFiles.closingServer();

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode().withBackend()
      .withLambdaServer(ExecutionLogTest::functions)
      .withConfig(Map.of("gateway.data-plane.execution-logs.directory", LOGS.toString()));

  @Test
  void infoLogsEachStepInOrderForMockAndHttpIntegrations() {
    String api = api("info");
    logging(api, op("/*/*/logging/loglevel", "INFO"));

    List<String> mock = logged(() -> call(api, "GET", "/mock", null, Map.of()));
    assertThat(mock).containsExactly(
        mock.get(0),
        "Verifying Usage Plan for request: " + rid(mock) + ". API Key:  API Stage: "
            + api + "/prod",
        "API Key authorized because method 'GET /mock' does not require API Key. Request will not contribute to"
            + " throttle or quota limits",
        "Usage Plan check succeeded for API Key and API Stage " + api + "/prod",
        "Starting execution for request: " + rid(mock),
        "HTTP Method: GET, Resource Path: /mock",
        "Method request path: {}",
        "Method request query string: {}",
        "Successfully completed execution",
        "Method completed with status: 200");
    assertThat(mock.get(0)).startsWith("Extended Request Id: ");

    List<String> http = logged(() -> call(api, "GET", "/pets?kind=dog", null, Map.of()));
    String uri = gateway.backend().url("/pets");
    assertThat(http.get(10)).matches("Received response\\. Status: 200, Integration latency: \\d+ ms");
    assertThat(http.subList(4, http.size())).containsExactly(
        "Starting execution for request: " + rid(http),
        "HTTP Method: GET, Resource Path: /pets",
        "Method request path: {}",
        "Method request query string: {kind=dog}",
        "Endpoint request URI: " + uri,
        "Sending request to " + uri,
        http.get(10),
        "Successfully completed execution",
        "Method completed with status: 200");

    // Lambda: the Invoke URL as AWS shows it.
    List<String> fn = logged(() -> call(api, "GET", "/fn", null, Map.of()));
    String invoke = "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/"
        + "arn:aws:lambda:us-east-1:123456789012:function:hello/invocations";
    assertThat(fn.subList(8, fn.size())).hasSize(5).startsWith("Endpoint request URI: " + invoke,
        "Sending request to " + invoke).endsWith("Successfully completed execution", "Method completed with status: 200");
    assertThat(fn.get(10)).matches("Received response\\. Status: 200, Integration latency: \\d+ ms");

    // Without a data trace: no headers and no bodies.
    assertThat(String.join("\n", mock) + String.join("\n", http) + String.join("\n", fn))
        .doesNotContain("headers", "body");
  }

  @Test
  void aDataTraceAddsHeadersAndBodiesTruncatedAndNeverACredential() {
    String api = api("trace");
    logging(api, op("/*/*/logging/loglevel", "INFO"), op("/*/*/logging/dataTrace", "true"));
    String token = "Bearer very-secret-token-0123456789";
    String key = "apikey-value-abcdefghijklmnop";
    List<String> lines = logged(() -> call(api, "POST", "/pets", "{\"name\":\"rex\"}",
        Map.of("Authorization", token, "x-api-key", key, "Content-Type", "application/json")));

    assertThat(lines).contains("Method request body before transformations: {\"name\":\"rex\"}",
        "Endpoint request body after transformations: {\"name\":\"rex\"}");
    assertThat(lines).anyMatch(l -> l.startsWith("Method request headers: {") && l.contains("Authorization=****6789")
        && l.contains("x-api-key=****mnop"));
    assertThat(lines).anyMatch(l -> l.startsWith("Endpoint request headers: {"));
    assertThat(lines).anyMatch(l -> l.startsWith("Endpoint response headers: {") && l.contains("X-Backend=echo"));
    assertThat(lines).anyMatch(l -> l.startsWith("Endpoint response body before transformations: {\"method\":\"POST\""));
    assertThat(lines).anyMatch(l -> l.startsWith("Method response body after transformations: {\"method\":\"POST\""));
    assertThat(lines).anyMatch(l -> l.startsWith("Method response headers: {Content-Type=application/json"));
    assertThat(lines).endsWith("Successfully completed execution", "Method completed with status: 200");

    // A body over AWS's 1 KB event limit is cut, one line per event whatever the body holds.
    String big = "{\"text\":\"" + "x".repeat(3000) + "\\n\"}\n";
    List<String> cut = logged(() -> call(api, "POST", "/pets", big, Map.of("Content-Type", "application/json")));
    String before = cut.stream().filter(l -> l.startsWith("Method request body before")).findFirst().orElseThrow();
    assertThat(before).endsWith(" [TRUNCATED]").hasSizeLessThan(1100);

    String file = read();
    assertThat(file).doesNotContain("very-secret-token", key);
  }

  @Test
  void errorLogsOnlyAFailedRequestAndOffLogsNothing() {
    String api = api("errors");
    logging(api, op("/*/*/logging/loglevel", "ERROR"));
    List<String> failed = logged(() -> call(api, "GET", "/down", null, Map.of()));
    assertThat(failed).containsExactly(
        "Execution failed due to configuration error: Invalid endpoint address",
        "Gateway response type: INTEGRATION_FAILURE with status code: 502",
        "Method completed with status: 502");
    String fine = rid(call(api, "GET", "/mock", null, Map.of()));

    String off = api("off");
    String unlogged = rid(call(off, "GET", "/down", null, Map.of()));
    // The writer keeps order: once a later failure is in the file, the earlier requests would be too.
    logged(() -> call(api, "GET", "/down", null, Map.of()));
    assertThat(read()).doesNotContain("(" + fine + ")", "(" + unlogged + ")");

    // A method's own level overrides the stage's: /mock OFF on an INFO stage.
    String mixed = api("mixed");
    logging(mixed, op("/*/*/logging/loglevel", "INFO"), op("/~1mock/GET/logging/loglevel", "OFF"));
    logged(() -> call(mixed, "GET", "/pets", null, Map.of()));
    String quiet = rid(call(mixed, "GET", "/mock", null, Map.of()));
    logged(() -> call(mixed, "GET", "/pets", null, Map.of()));
    assertThat(read()).doesNotContain("(" + quiet + ")");
  }

  @Test
  void aLambdaAuthorizerLogsItsStartAndOutcome() {
    ApiGatewayClient c = gateway.client();
    String api = api("authorized");
    var authorizer = c.createAuthorizer(r -> r.restApiId(api).name("gate").type(AuthorizerType.TOKEN)
        .authorizerUri(LambdaTestServer.integrationUri("gate")).identitySource("method.request.header.Authorization")
        .authorizerResultTtlInSeconds(0));
    String mock = c.getResources(r -> r.restApiId(api)).items().stream().filter(res -> "/mock".equals(res.path()))
        .findFirst().orElseThrow().id();
    c.updateMethod(r -> r.restApiId(api).resourceId(mock).httpMethod("GET").patchOperations(
        op("/authorizationType", "CUSTOM"), op("/authorizerId", authorizer.id())));
    c.createDeployment(r -> r.restApiId(api).stageName("prod"));
    logging(api, op("/*/*/logging/loglevel", "INFO"));

    List<String> allowed = logged(() -> call(api, "GET", "/mock", null, Map.of("Authorization", "allow-0123456789")));
    assertThat(allowed.subList(1, 3)).containsExactly(
        "Starting authorizer: " + authorizer.id() + " for request: " + rid(allowed),
        "Successfully completed authorizer execution");
    assertThat(allowed).endsWith("Method completed with status: 200");

    List<String> refused = logged(() -> call(api, "GET", "/mock", null, Map.of("Authorization", "nope-0123456789")));
    assertThat(refused.subList(1, refused.size())).containsExactly(
        "Starting authorizer: " + authorizer.id() + " for request: " + refused.get(1).substring(
            refused.get(1).lastIndexOf(' ') + 1),
        "Unauthorized request: " + refused.get(1).substring(refused.get(1).lastIndexOf(' ') + 1),
        "Gateway response type: UNAUTHORIZED with status code: 401",
        "Method completed with status: 401");
    assertThat(read()).doesNotContain("allow-0123456789", "nope-0123456789");
  }

  // --- helpers

  private static void functions(LambdaTestServer lambda) {
    lambda.register("hello", event -> LambdaReply.proxy(200, Map.of(), "hi"));
    // A TOKEN authorizer: "allow-..." may call anything, any other token is Unauthorized.
    lambda.register("gate", event -> {
      if (!event.get("authorizationToken").asText().startsWith("allow-")) {
        return LambdaReply.unhandled("Error", "Unauthorized");
      }
      var out = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("principalId", "me");
      out.putObject("policyDocument").put("Version", "2012-10-17").putArray("Statement").addObject()
          .put("Action", "execute-api:Invoke").put("Effect", "Allow").put("Resource", "*");
      return LambdaReply.result(out);
    });
  }

  /** An API with GET /mock (MOCK), GET and POST /pets (HTTP to the backend's echo) and GET /down (a failing backend). */
  private static String api(String name) {
    ApiGatewayClient c = gateway.client();
    var api = c.createRestApi(r -> r.name(name));
    String mock = resource(c, api.id(), api.rootResourceId(), "mock");
    method(c, api.id(), mock, "GET");
    c.putIntegration(r -> r.restApiId(api.id()).resourceId(mock).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    c.putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(mock).httpMethod("GET").statusCode("200")
        .responseTemplates(Map.of("application/json", "{\"hello\": \"world\"}")));
    String pets = resource(c, api.id(), api.rootResourceId(), "pets");
    for (String verb : List.of("GET", "POST")) {
      method(c, api.id(), pets, verb);
      c.putIntegration(r -> r.restApiId(api.id()).resourceId(pets).httpMethod(verb).type(IntegrationType.HTTP)
          .integrationHttpMethod(verb).uri(gateway.backend().url("/pets")));
      c.putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(pets).httpMethod(verb).statusCode("200"));
    }
    String down = resource(c, api.id(), api.rootResourceId(), "down");
    method(c, api.id(), down, "GET");
    c.putIntegration(r -> r.restApiId(api.id()).resourceId(down).httpMethod("GET").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("GET").uri("http://127.0.0.1:" + CLOSING_PORT + "/nothing"));
    String fn = resource(c, api.id(), api.rootResourceId(), "fn");
    method(c, api.id(), fn, "GET");
    c.putIntegration(r -> r.restApiId(api.id()).resourceId(fn).httpMethod("GET").type(IntegrationType.AWS_PROXY)
        .integrationHttpMethod("POST").uri(LambdaTestServer.integrationUri("hello")));
    c.createDeployment(r -> r.restApiId(api.id()).stageName("prod"));
    return api.id();
  }

  private static String resource(ApiGatewayClient c, String api, String parent, String part) {
    return c.createResource(r -> r.restApiId(api).parentId(parent).pathPart(part)).id();
  }

  private static void method(ApiGatewayClient c, String api, String resource, String verb) {
    c.putMethod(r -> r.restApiId(api).resourceId(resource).httpMethod(verb).authorizationType("NONE"));
    c.putMethodResponse(r -> r.restApiId(api).resourceId(resource).httpMethod(verb).statusCode("200"));
  }

  private static PatchOperation op(String path, String value) {
    return PatchOperation.builder().op(Op.REPLACE).path(path).value(value).build();
  }

  private static void logging(String api, PatchOperation... ops) {
    gateway.client().updateStage(r -> r.restApiId(api).stageName("prod").patchOperations(ops));
  }

  private static HttpResponse<String> call(String api, String verb, String path, String body,
      Map<String, String> headers) {
    return gateway.dataPlane().call(verb, api, "/prod" + path, body, headers);
  }

  private static String rid(HttpResponse<String> response) {
    return response.headers().firstValue("x-amzn-RequestId").orElseThrow();
  }

  /** The request id a request's lines carry (read back from the "Starting execution" line or any). */
  private static String rid(List<String> lines) {
    for (String l : lines) {
      if (l.startsWith("Starting execution for request: ")) {
        return l.substring("Starting execution for request: ".length());
      }
    }
    throw new AssertionError("no Starting execution line in " + lines);
  }

  /**
   * Calls until a call's execution log is in the file (stage settings reach the node asynchronously), and answers its
   * events: the text after {@code (requestId) }, checking each line's group and id on the way.
   */
  private static List<String> logged(Supplier<HttpResponse<String>> call) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (true) {
      HttpResponse<String> response = call.get();
      String id = rid(response);
      for (int i = 0; i < 10; i++) {
        List<String> events = events(id);
        if (events.stream().anyMatch(e -> e.startsWith("Method completed with status: "))) {
          return events;
        }
        TestNode.sleep(100);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no execution log for " + id + " in:\n" + read());
      }
    }
  }

  private static List<String> events(String requestId) {
    List<String> events = new ArrayList<>();
    String marker = " (" + requestId + ") ";
    for (String line : read().split("\n")) {
      int at = line.indexOf(marker);
      if (at > 0) {
        assertThat(line.substring(0, at)).matches("\\S+Z API-Gateway-Execution-Logs_[a-z0-9]{10}/prod");
        events.add(line.substring(at + marker.length()));
      }
    }
    return events;
  }

  private static String read() {
    return ExecutionLogFiles.read(LOGS);
  }
}
