package dev.apigw.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.TestNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * Three gateway nodes in one JVM on one Cassandra serve one API key whose usage plan allows
 * {@value #RATE} requests/s (burst {@value #BURST}); clients call all three data planes at once,
 * far above the rate. The key's single, cluster-wide bucket admits about what a token bucket
 * admits, whichever nodes the requests reach; every refusal is AWS's 429.
 */
@ExtendWith(CassandraExtension.class)
class ClusterThrottleTest {
  private static final int RATE = 20;
  private static final int BURST = 10;
  private static final long LOAD_MILLIS = 4_000;

  @Test
  void oneKeysBucketIsSharedByEveryNode() throws Exception {
    List<TestNode> nodes = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(6);
    try {
      TestNode seed = TestNode.startSeed();
      nodes.add(seed);
      // Started on our own threads: two blocking starts on the common pool (2 threads here) would starve the
      // nodes' own start-up continuations that run there, and neither would get ready.
      var second = CompletableFuture.supplyAsync(() -> TestNode.startJoining(seed), clients);
      var third = CompletableFuture.supplyAsync(() -> TestNode.startJoining(seed), clients);
      nodes.add(second.get());
      nodes.add(third.get());

      String apiId;
      String key;
      try (var client = seed.client()) {
        var api = client.createRestApi(r -> r.name("throttled"));
        String res = client.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("t")).id();
        client.putMethod(r -> r.restApiId(api.id()).resourceId(res).httpMethod("GET").authorizationType("NONE")
            .apiKeyRequired(true));
        client.putIntegration(r -> r.restApiId(api.id()).resourceId(res).httpMethod("GET").type(IntegrationType.MOCK)
            .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
        client.putMethodResponse(r -> r.restApiId(api.id()).resourceId(res).httpMethod("GET").statusCode("200"));
        client.putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(res).httpMethod("GET").statusCode("200")
            .responseTemplates(Map.of("application/json", "ok")));
        client.createDeployment(r -> r.restApiId(api.id()).stageName("prod"));
        var created = client.createApiKey(r -> r.name("shared").enabled(true));
        var plan = client.createUsagePlan(r -> r.name("slow").apiStages(s -> s.apiId(api.id()).stage("prod"))
            .throttle(t -> t.rateLimit((double) RATE).burstLimit(BURST)));
        client.createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(created.id()).keyType("API_KEY"));
        apiId = api.id();
        key = created.value();
      }
      Map<String, String> headers = Map.of("x-api-key", key);
      for (TestNode node : nodes) {
        var gateway = new DataPlaneClient(node.dataPlaneUri());
        // A cluster that has just formed may miss a change announcement (the topic's subscribers are still being
        // gossiped); the node then picks the API up at its periodic resync (30 s).
        var first = DataPlaneClient.await(() -> gateway.call("GET", apiId, "/prod/t", null, headers),
            r -> r.statusCode() == 200 || r.statusCode() == 429, java.time.Duration.ofSeconds(60));
        assertThat(first.statusCode()).as(first.body()).isIn(200, 429);
      }
      Thread.sleep(1000L * BURST / RATE + 200); // the probes above took tokens: let the bucket fill again

      AtomicInteger admitted = new AtomicInteger();
      AtomicInteger[] perNode = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
      AtomicInteger unexpected = new AtomicInteger();
      long start = System.nanoTime();
      long end = start + LOAD_MILLIS * 1_000_000;
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < 6; c++) {
        int n = c % 3;
        var gateway = new DataPlaneClient(nodes.get(n).dataPlaneUri());
        running.add(clients.submit(() -> {
          while (System.nanoTime() < end) {
            HttpResponse<String> r = gateway.call("GET", apiId, "/prod/t", null, headers);
            if (r.statusCode() == 200) {
              admitted.incrementAndGet();
              perNode[n].incrementAndGet();
            } else if (r.statusCode() != 429
                || !"TooManyRequestsException".equals(r.headers().firstValue("x-amzn-ErrorType").orElse(""))
                || !r.body().contains("Too Many Requests")) {
              unexpected.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double bound = BURST + RATE * seconds;
      assertThat(unexpected.get()).isZero();
      // Tokens are taken from the one bucket before they are served, so no more than the bucket's
      // output is admitted; leases may strand a few tokens on a node, so allow some shortfall.
      assertThat(admitted.get()).as("admitted in %.1f s (bucket bound %.0f)", seconds, bound)
          .isLessThanOrEqualTo((int) Math.ceil(bound) + RATE / 2)
          .isGreaterThanOrEqualTo((int) (0.6 * RATE * seconds));
      for (AtomicInteger count : perNode) {
        assertThat(count.get()).as("every node admits some requests").isPositive();
      }
    } finally {
      clients.shutdownNow();
      for (TestNode node : nodes) {
        node.close();
      }
    }
  }
}
