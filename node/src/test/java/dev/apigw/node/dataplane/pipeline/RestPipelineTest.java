package dev.apigw.node.dataplane.pipeline;

import static dev.apigw.node.dataplane.pipeline.Exchanges.deployment;
import static dev.apigw.node.dataplane.pipeline.Exchanges.method;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.dataplane.cache.StageCache;
import dev.apigw.node.dataplane.cache.StageCacheSettings;
import dev.apigw.node.dataplane.observability.CompletedRequest;
import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.snapshot.LiveApi;
import dev.apigw.node.dataplane.snapshot.LiveStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The loop, end to end without a server: steps in order, refusals rendered, ids on every answer, one report each. */
class RestPipelineTest {
  private static final ActorTestKit kit = ActorTestKit.create();
  private final List<CompletedRequest> reported = new ArrayList<>();
  private final List<Invocation> invoked = new ArrayList<>();
  private final LiveApi api = Exchanges.api(new LiveStage(Exchanges.stage("prod", Map.of("color", "blue"), null),
      deployment("dep0000001", method("GET", "NONE", false), new dev.apigw.node.dataplane.integration.IntegrationPlan() {
        @Override
        public CompletionStage<HttpResponse> invoke(Invocation invocation) {
          invoked.add(invocation);
          return CompletableFuture.completedFuture(HttpResponse.create().withEntity("pet " + invocation.request()
              .pathParameters().get("id")));
        }
      }), null));
  private final List<String> usageChecks = new ArrayList<>();
  private final RestPipeline pipeline = new RestPipeline(kit.system(), "000000000000", reported::add,
      new RestPipeline.Parts(id -> id.equals(Exchanges.API_ID) ? api : null, null, null,
          (value, apiId, stage) -> null,
          (apiId, stage, path, verb, admitted) -> {
            usageChecks.add(verb + " " + path);
            return "/pets".equals(path)
                ? CompletableFuture.failedFuture(new GatewayError("THROTTLED", "Too Many Requests"))
                : CompletableFuture.completedFuture(null);
          },
          new StageCache(kit.system(), new StageCacheSettings(1_000_000), 1000, 1_000_000), null, 1024, 1000,
          Runnable::run));

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private HttpResponse serve(HttpRequest http, String stage, String path) {
    return pipeline.serve(http, Exchanges.address(stage, path)).toCompletableFuture().join();
  }

  private static String body(HttpResponse r) {
    return ((HttpEntity.Strict) r.entity()).getData().decodeString(UTF_8);
  }

  @Test
  void aMatchedRequestReachesTheIntegrationWithItsContext() {
    HttpResponse r = serve(HttpRequest.GET("/prod/pets/7"), "prod", "/pets/7");
    assertThat(r.status().intValue()).isEqualTo(200);
    assertThat(body(r)).isEqualTo("pet 7");
    assertThat(r.getHeader("x-amzn-RequestId")).isPresent();
    assertThat(r.getHeader("x-amz-apigw-id")).isPresent();
    assertThat(usageChecks).containsExactly("GET /pets/{id}");
    Invocation inv = invoked.get(0);
    assertThat(inv.stageVariables()).containsEntry("color", "blue");
    assertThat(inv.context()).containsEntry("stage", "prod").containsEntry("deploymentId", "dep0000001")
        .containsEntry("requestId", r.getHeader("x-amzn-RequestId").get().value());
    assertThat(reported).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(200);
      assertThat(c.resourcePath()).isEqualTo("/pets/{id}");
      assertThat(c.integrationLatencyMillis()).isGreaterThanOrEqualTo(0);
    });
  }

  @Test
  void aRefusalIsRenderedAsAwsGatewayResponseAndStopsThePipeline() {
    HttpResponse r = serve(HttpRequest.GET("/prod/cats"), "prod", "/cats");
    assertThat(r.status().intValue()).isEqualTo(403);
    assertThat(body(r)).contains("Missing Authentication Token");
    assertThat(r.getHeader("x-amzn-ErrorType").get().value()).isEqualTo("MissingAuthenticationTokenException");
    assertThat(usageChecks).isEmpty();
    assertThat(invoked).isEmpty();
    assertThat(reported).singleElement().satisfies(c -> assertThat(c.error().responseType())
        .isEqualTo("MISSING_AUTHENTICATION_TOKEN"));
  }

  @Test
  void aStepThatFailsLaterEndsTheRequestBeforeTheIntegration() {
    HttpResponse r = serve(HttpRequest.GET("/prod/pets"), "prod", "/pets");
    assertThat(r.status().intValue()).isEqualTo(429);
    assertThat(body(r)).contains("Too Many Requests");
    assertThat(usageChecks).containsExactly("GET /pets");
    assertThat(invoked).isEmpty();
  }
}
