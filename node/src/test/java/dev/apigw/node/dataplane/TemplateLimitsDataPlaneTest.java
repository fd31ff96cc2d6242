package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.LambdaReply;
import dev.apigw.node.testing.LambdaTestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * Templates, author-written regexes and models cannot hold a node: a render past its time or size
 * budget and a selection pattern that backtracks catastrophically answer AWS's 500 within a bounded
 * time, other APIs keep being served meanwhile, and a model that refs itself does not overflow the stack.
 */
class TemplateLimitsDataPlaneTest {
  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode()
      .withLambdaServer(lambda -> lambda.register("fail-with",
          event -> LambdaReply.unhandled("Error", event.path("message").asText())));

  /** A MOCK API: GET /ping answers {"ok": true}; GET /t renders {@code responseTemplate}. */
  private static String mockApi(String name, String responseTemplate) {
    var api = gateway.client().createRestApi(r -> r.name(name));
    mockMethod(api.id(), api.rootResourceId(), "ping", "{\"ok\": true}");
    mockMethod(api.id(), api.rootResourceId(), "t", responseTemplate);
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("v1"));
    served(api.id(), "/v1/ping");
    return api.id();
  }

  private static void mockMethod(String apiId, String parentId, String path, String responseTemplate) {
    String resource = gateway.client().createResource(r -> r.restApiId(apiId).parentId(parentId).pathPart(path)).id();
    gateway.client().putMethod(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").authorizationType("NONE"));
    gateway.client().putMethodResponse(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").statusCode("200"));
    gateway.client().putIntegration(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    gateway.client().putIntegrationResponse(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").statusCode("200")
        .responseTemplates(Map.of("application/json", responseTemplate)));
  }

  /** Waits for the deployment to be served, then returns the answer. */
  private static HttpResponse<String> served(String apiId, String path) {
    return DataPlaneClient.await(() -> gateway.dataPlane().call("GET", apiId, path, null, Map.of()),
        r -> r.statusCode() != 404 && r.statusCode() != 403);
  }

  private static void assertInternalServerError(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InternalServerErrorException");
    assertThat(DataPlaneClient.json(response.body()).get("message").asText()).isEqualTo("Internal server error");
  }

  private record Timed(HttpResponse<String> response, Duration took) {}

  private static Timed timed(String apiId, String path) {
    long start = System.nanoTime();
    var response = gateway.dataPlane().call("GET", apiId, path, null, Map.of());
    return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
  }

  @Test
  void nestedForeachStopsAt500WithinSecondsWhileOtherApisAreServed() throws Exception {
    String loops = mockApi("loops", "#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])"
        + "#set($x = $c)#end#end#end{\"done\": true}");
    String other = mockApi("other", "{\"fine\": true}");

    CompletableFuture<Timed> slow = CompletableFuture.supplyAsync(() -> timed(loops, "/v1/t"));
    var fine = gateway.dataPlane().call("GET", other, "/v1/t", null, Map.of());
    assertThat(fine.statusCode()).as(fine.body()).isEqualTo(200);
    assertThat(DataPlaneClient.json(fine.body()).get("fine").asBoolean()).isTrue();

    Timed stopped = slow.get();
    assertInternalServerError(stopped.response());
    assertThat(stopped.took()).isLessThan(Duration.ofSeconds(10));
    // The node still serves the looping API's other methods.
    assertThat(gateway.dataPlane().call("GET", loops, "/v1/ping", null, Map.of()).statusCode()).isEqualTo(200);
  }

  @Test
  void aTemplateThatBuildsAHugeStringAnswers500() {
    String doubling = mockApi("doubling", "#set($s = $input.params('s'))#foreach($i in [1..40])#set($s = \"$s$s\")#end$s");
    Timed doubled = timed(doubling, "/v1/t?s=aaaaaaaaaa");
    assertInternalServerError(doubled.response());
    assertThat(doubled.took()).isLessThan(Duration.ofSeconds(10));

    String repeat = mockApi("repeat", "$input.params('s').repeat(2000000000)");
    Timed repeated = timed(repeat, "/v1/t?s=ab");
    assertInternalServerError(repeated.response());
    assertThat(repeated.took()).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aSelectionPatternThatBacktracksCatastrophicallyAnswers500Quickly() {
    var api = gateway.client().createRestApi(r -> r.name("backtracking"));
    String fn = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("fn")).id();
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(fn).httpMethod("POST").authorizationType("NONE"));
    gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(fn).httpMethod("POST").statusCode("200"));
    gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(fn).httpMethod("POST").statusCode("400"));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(fn).httpMethod("POST").type(IntegrationType.AWS)
        .integrationHttpMethod("POST").uri(LambdaTestServer.integrationUri("fail-with")));
    gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(fn).httpMethod("POST").statusCode("200"));
    // Java's engine tries every split of the error message among the 20 groups: minutes on 40 characters.
    gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(fn).httpMethod("POST").statusCode("400")
        .selectionPattern("(.*a){20}"));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("v1"));
    Map<String, String> json = Map.of("Content-Type", "application/json");

    // The regex budget is wall time (100 ms): a first match run by the interpreter on a busy machine, or one that a
    // collector pause interrupts, may miss it (500), so a 400 is awaited rather than expected of the first call.
    var short400 = DataPlaneClient.await(() -> gateway.dataPlane().call("POST", api.id(), "/v1/fn",
        "{\"message\": \"" + "a".repeat(20) + "\"}", json), r -> r.statusCode() == 400);
    assertThat(short400.statusCode()).as(short400.body()).isEqualTo(400);

    long start = System.nanoTime();
    var evil = gateway.dataPlane().call("POST", api.id(), "/v1/fn", "{\"message\": \"" + "a".repeat(40) + "!\"}", json);
    assertInternalServerError(evil);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aModelThatRefsItselfAnswers500InsteadOfOverflowingTheStack() {
    var api = gateway.client().createRestApi(r -> r.name("self-ref"));
    gateway.client().createModel(r -> r.restApiId(api.id()).name("Loop").contentType("application/json")
        .schema("{\"$ref\": \"https://apigateway.amazonaws.com/restapis/" + api.id() + "/models/Loop\"}"));
    String validator = gateway.client().createRequestValidator(r -> r.restApiId(api.id()).name("body")
        .validateRequestBody(true)).id();
    mockMethod(api.id(), api.rootResourceId(), "ping", "{\"ok\": true}");
    String loop = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId())
        .pathPart("loop")).id();
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(loop).httpMethod("POST").authorizationType("NONE")
        .requestValidatorId(validator).requestModels(Map.of("application/json", "Loop")));
    gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(loop).httpMethod("POST").statusCode("200"));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(loop).httpMethod("POST").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(loop).httpMethod("POST").statusCode("200"));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("v1"));
    served(api.id(), "/v1/ping");

    var looped = gateway.dataPlane().call("POST", api.id(), "/v1/loop", "{\"a\": 1}",
        Map.of("Content-Type", "application/json"));
    assertInternalServerError(looped);
    assertThat(gateway.dataPlane().call("GET", api.id(), "/v1/ping", null, Map.of()).statusCode()).isEqualTo(200);
  }
}
