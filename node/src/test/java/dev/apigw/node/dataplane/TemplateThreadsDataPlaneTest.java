package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.model.GatewayResponseType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * Mapping templates (integration and customised gateway response templates) render on their own threads ({@code
 * gateway.templates.dispatcher}): renders that run to their time budget hold those, never the default dispatcher's, which here has two threads (the node's default on two cores),
 * fewer than the runaway renders in flight. A proxy request is then answered at once, not after a render's budget.
 */
class TemplateThreadsDataPlaneTest {
  private static final Duration BUDGET = Duration.ofSeconds(4);
  /** Loops until the render's budget stops it. */
  private static final String LOOPS = "#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])"
      + "#set($x = $c)#end#end#end{\"done\": true}";

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode().withBackend().withConfig(Map.of(
      "gateway.templates.time-budget", BUDGET.toMillis() + "ms",
      "pekko.actor.default-dispatcher.fork-join-executor.parallelism-min", 2,
      "pekko.actor.default-dispatcher.fork-join-executor.parallelism-max", 2));

  @Test
  void runawayIntegrationTemplatesDoNotHoldUpProxyRequests() throws Exception {
    String bomb = bombApi();
    await(bomb, "/v1/ping");
    proxiedAtOnceWhile(bomb, "/v1/t", 500);
  }

  @Test
  void runawayGatewayResponseTemplatesDoNotHoldUpProxyRequests() throws Exception {
    var api = gateway.client().createRestApi(r -> r.name("bomb-responses"));
    mockMethod(api.id(), api.rootResourceId(), "ping", "{\"ok\": true}");
    // An unknown path's 403 (MISSING_AUTHENTICATION_TOKEN) renders the API's own DEFAULT_4XX template.
    gateway.client().putGatewayResponse(r -> r.restApiId(api.id()).responseType(GatewayResponseType.DEFAULT_4_XX)
        .responseTemplates(Map.of("application/json", LOOPS)));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("v1"));
    await(api.id(), "/v1/ping");
    proxiedAtOnceWhile(api.id(), "/v1/nowhere", 403); // the render stopped: AWS's default body instead
  }

  /**
   * Keeps 4 requests to {@code bombPath} in flight (each renders until its budget stops it, answered {@code status}),
   * and meanwhile expects proxy requests answered at once.
   */
  private static void proxiedAtOnceWhile(String bombApi, String bombPath, int status) throws Exception {
    String proxy = proxyApi();
    await(proxy, "/v1/hello");
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<Timed>> bombs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        bombs.add(CompletableFuture.supplyAsync(() -> timed(bombApi, bombPath), callers));
      }
      Thread.sleep(500); // the renders are running now
      for (int i = 0; i < 3; i++) {
        Timed proxied = timed(proxy, "/v1/hello");
        assertThat(proxied.response().statusCode()).as(proxied.response().body()).isEqualTo(200);
        assertThat(DataPlaneClient.json(proxied.response().body()).get("path").asText()).isEqualTo("/hello");
        // Held up behind the renders, it would wait for one to reach its budget (3.5 s from here).
        assertThat(proxied.took()).isLessThan(Duration.ofMillis(1500));
      }
      for (var stopped : bombs) {
        Timed t = stopped.get();
        assertThat(t.response().statusCode()).as(t.response().body()).isEqualTo(status);
        assertThat(t.took()).isLessThan(BUDGET.multipliedBy(4));
      }
    } finally {
      callers.shutdown();
    }
  }

  private record Timed(HttpResponse<String> response, Duration took) {}

  private static Timed timed(String apiId, String path) {
    long start = System.nanoTime();
    var response = gateway.dataPlane().call("GET", apiId, path, null, Map.of());
    return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
  }

  private static void await(String apiId, String path) {
    DataPlaneClient.await(() -> gateway.dataPlane().call("GET", apiId, path, null, Map.of()),
        r -> r.statusCode() != 404 && r.statusCode() != 403);
  }

  /** GET /ping answers at once; GET /t's response template loops until its budget stops it. */
  private static String bombApi() {
    var api = gateway.client().createRestApi(r -> r.name("bomb"));
    mockMethod(api.id(), api.rootResourceId(), "ping", "{\"ok\": true}");
    mockMethod(api.id(), api.rootResourceId(), "t", LOOPS);
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("v1"));
    return api.id();
  }

  private static void mockMethod(String apiId, String parentId, String path, String responseTemplate) {
    String resource = gateway.client().createResource(r -> r.restApiId(apiId).parentId(parentId).pathPart(path)).id();
    gateway.client().putMethod(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").authorizationType("NONE"));
    gateway.client().putMethodResponse(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").statusCode("200"));
    gateway.client().putIntegration(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET")
        .type(IntegrationType.MOCK).requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    gateway.client().putIntegrationResponse(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET")
        .statusCode("200").responseTemplates(Map.of("application/json", responseTemplate)));
  }

  /** ANY /{proxy+} -> HTTP_PROXY to the test backend, which echoes what it received. */
  private static String proxyApi() {
    var api = gateway.client().createRestApi(r -> r.name("proxy"));
    String proxy = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId())
        .pathPart("{proxy+}")).id();
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(proxy).httpMethod("ANY").authorizationType("NONE")
        .requestParameters(Map.of("method.request.path.proxy", true)));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(proxy).httpMethod("ANY")
        .type(IntegrationType.HTTP_PROXY).integrationHttpMethod("ANY").uri(gateway.backend().url("/{proxy}"))
        .requestParameters(Map.of("integration.request.path.proxy", "method.request.path.proxy")));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("v1"));
    return api.id();
  }
}
