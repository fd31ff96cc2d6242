package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.MockApis;
import dev.apigw.node.testing.TestNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.model.Op;

/**
 * Deployments and stage changes made through one node are served by the other (two nodes, one
 * cluster); a node that starts later serves what was deployed before it started.
 */
class ConfigPropagationTest {
  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.cluster(2);

  @Test
  void deploymentsAndStageUpdatesReachEveryNodeAndLateJoinersLoadThemBeforeReady() {
    String apiId = MockApis.hello(gateway.client(), "propagation", "{\"v\": \"$stageVariables.v\"}");
    gateway.client().createDeployment(r -> r.restApiId(apiId).stageName("live").variables(Map.of("v", "one")));
    var onB = new DataPlaneClient(gateway.node(1).dataPlaneUri());
    var first = DataPlaneClient.await(() -> onB.call("GET", apiId, "/live/hello", null, Map.of()),
        r -> r.statusCode() == 200);
    assertThat(first.body()).isEqualTo("{\"v\": \"one\"}");

    gateway.client().updateStage(r -> r.restApiId(apiId).stageName("live")
        .patchOperations(p -> p.op(Op.REPLACE).path("/variables/v").value("two")));
    var second = DataPlaneClient.await(() -> onB.call("GET", apiId, "/live/hello", null, Map.of()),
        r -> r.body().contains("two"));
    assertThat(second.body()).isEqualTo("{\"v\": \"two\"}");

    gateway.client().deleteStage(r -> r.restApiId(apiId).stageName("live"));
    var gone = DataPlaneClient.await(() -> onB.call("GET", apiId, "/live/hello", null, Map.of()),
        r -> r.statusCode() == 403);
    assertThat(gone.statusCode()).isEqualTo(403);

    String before = MockApis.hello(gateway.client(), "propagation", "{\"late\": true}");
    gateway.client().createDeployment(r -> r.restApiId(before).stageName("s"));
    try (TestNode late = TestNode.startJoining(gateway.node(0))) {
      // Ready means loaded: the very first request is served, no waiting.
      var response = new DataPlaneClient(late.dataPlaneUri()).call("GET", before, "/s/hello", null, Map.of());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"late\": true}");
    }
  }

  @Test
  void flushStageCacheThroughOneNodeEmptiesTheOthersCache() {
    // Each answer names its own request: a cached one repeats an earlier request's id.
    String apiId = MockApis.hello(gateway.client(), "cached", "{\"id\": \"$context.requestId\"}");
    gateway.client().createDeployment(r -> r.restApiId(apiId).stageName("c"));
    gateway.client().updateStage(r -> r.restApiId(apiId).stageName("c")
        .patchOperations(p -> p.op(Op.REPLACE).path("/cacheClusterEnabled").value("true")));
    var onB = new DataPlaneClient(gateway.node(1).dataPlaneUri());
    String[] last = {""};
    var cached = DataPlaneClient.await(() -> onB.call("GET", apiId, "/c/hello", null, Map.of()), r -> {
      boolean repeated = r.statusCode() == 200 && r.body().equals(last[0]);
      last[0] = r.body();
      return repeated;
    });
    assertThat(cached.body()).as("node b answers from its cache").isEqualTo(last[0]);

    // Through node a's management API. Flushes reach the other nodes at most once, over a topic that learns of
    // node b's subscription by gossip a few seconds after the cluster formed (CacheFlushes): a flush sent before
    // that is not seen by b, so the flush is sent again while b still answers from its cache.
    var fresh = DataPlaneClient.await(() -> {
      gateway.client().flushStageCache(r -> r.restApiId(apiId).stageName("c"));
      return onB.call("GET", apiId, "/c/hello", null, Map.of());
    }, r -> r.statusCode() == 200 && !r.body().equals(cached.body()));
    assertThat(fresh.body()).isNotEqualTo(cached.body());
  }
}
