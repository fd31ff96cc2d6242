package dev.apigw.node.dataplane.pipeline;

import static dev.apigw.node.dataplane.pipeline.Exchanges.deployment;
import static dev.apigw.node.dataplane.pipeline.Exchanges.method;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.dataplane.cache.StageCache;
import dev.apigw.node.dataplane.cache.StageCacheSettings;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.snapshot.CompiledDeployment;
import dev.apigw.node.dataplane.snapshot.LiveApi;
import dev.apigw.node.dataplane.snapshot.LiveStage;
import dev.apigw.protocol.restapi.MethodSetting;
import dev.apigw.protocol.restapi.Stage;
import java.time.Instant;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ServeFromStageCacheTest {
  private static final ActorTestKit kit = ActorTestKit.create();
  private final StageCache cache = new StageCache(kit.system(), new StageCacheSettings(10_000_000), 3000, 1_000_000);
  private final ServeFromStageCache step = new ServeFromStageCache(cache);
  private final CompiledDeployment deployment =
      deployment("dep0000001", method("GET", "NONE", false), new Exchanges.Answering("ok"));

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private RestExchange exchange(HttpRequest http, String strategy) {
    MethodSetting all = new MethodSetting(null, null, null, null, null, true, 60, null, true, strategy);
    Stage stage = new Stage("prod", "dep0000001", null, Instant.EPOCH, Instant.EPOCH, Map.of(), Map.of("*/*", all),
        true, "0.5", false, null, null, Map.of());
    LiveApi api = new LiveApi(Exchanges.restApi("HEADER"), Map.of("prod", new LiveStage(stage, deployment, null)));
    RestExchange ex = Exchanges.exchange(http, Exchanges.address("prod", "/pets/7"));
    new ResolveStage(id -> api, () -> 50.0).apply(ex);
    new MatchMethod().apply(ex);
    return ex;
  }

  private static String body(HttpResponse response) {
    return ((HttpEntity.Strict) response.entity()).getData().decodeString(UTF_8);
  }

  @Test
  void aMissKeepsTheIntegrationsAnswerAndTheNextRequestIsAHit() {
    RestExchange first = exchange(HttpRequest.GET("/prod/pets/7"), null);
    assertThat(step.apply(first).toCompletableFuture().join()).isNull();
    assertThat(first.responseHooks()).hasSize(1);
    first.responseHooks().get(0).apply(HttpResponse.create().withEntity("cached")).toCompletableFuture().join();

    RestExchange second = exchange(HttpRequest.GET("/prod/pets/7"), null);
    HttpResponse hit = step.apply(second).toCompletableFuture().join();
    assertThat(body(hit)).isEqualTo("cached");
    assertThat(second.responseHooks()).isEmpty();
  }

  @Test
  void anUnauthorizedMaxAgeZeroFailsWith403WhenTheStageSaysSo() {
    RestExchange ex = exchange(HttpRequest.GET("/prod/pets/7").addHeader(RawHeader.create("Cache-Control", "max-age=0")),
        "FAIL_WITH_403");
    assertThatThrownBy(() -> step.apply(ex)).isInstanceOfSatisfying(GatewayError.class,
        e -> assertThat(e.status()).isEqualTo(403));
  }
}
