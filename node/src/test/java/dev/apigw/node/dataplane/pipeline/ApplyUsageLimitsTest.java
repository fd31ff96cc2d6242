package dev.apigw.node.dataplane.pipeline;

import static dev.apigw.node.dataplane.pipeline.Exchanges.deployment;
import static dev.apigw.node.dataplane.pipeline.Exchanges.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.dataplane.responses.GatewayError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.junit.jupiter.api.Test;

class ApplyUsageLimitsTest {
  private final RestExchange ex = Exchanges.matched(HttpRequest.GET("/prod/pets/7"), "/pets/7",
      deployment("dep0000001", method("GET", "NONE", false), new Exchanges.Answering("ok")));

  @Test
  void checksTheStageResourceAndVerb() {
    List<String> checked = new ArrayList<>();
    new ApplyUsageLimits((apiId, stage, resourcePath, verb, admitted) -> {
      checked.add(apiId + " " + stage.stageName() + " " + resourcePath + " " + verb + " " + admitted);
      return CompletableFuture.completedFuture(null);
    }).apply(ex).toCompletableFuture().join();
    assertThat(checked).containsExactly(Exchanges.API_ID + " prod /pets/{id} GET null");
  }

  @Test
  void aRefusalFailsTheStep() {
    var step = new ApplyUsageLimits((apiId, stage, resourcePath, verb, admitted) ->
        CompletableFuture.failedFuture(new GatewayError("THROTTLED", "Too Many Requests")));
    assertThatThrownBy(() -> step.apply(ex).toCompletableFuture().join()).hasCauseInstanceOf(GatewayError.class);
  }
}
