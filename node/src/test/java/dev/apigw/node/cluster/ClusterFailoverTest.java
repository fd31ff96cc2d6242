package dev.apigw.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.TestNode;
import dev.apigw.persistence.restapi.RestApiEntity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.model.GetRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.RestApi;

/**
 * Three nodes in one JVM on one Cassandra form a cluster; APIs written through one node are read
 * through the others; when the node hosting an API's entity leaves, the entity starts again on a
 * remaining node from the journal, with its state intact.
 */
@ExtendWith(CassandraExtension.class)
class ClusterFailoverTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void apisSurviveTheNodeThatHostsThem() throws Exception {
    List<TestNode> nodes = new ArrayList<>();
    try {
      TestNode seed = TestNode.startSeed();
      nodes.add(seed);
      // The two others join at once, as they would when a cluster scales out; on their own threads, since two
      // blocking starts on the common pool (2 threads here) would starve the nodes' start-up continuations there.
      ExecutorService starters = Executors.newFixedThreadPool(2);
      try {
        var second = CompletableFuture.supplyAsync(() -> TestNode.startJoining(seed), starters);
        var third = CompletableFuture.supplyAsync(() -> TestNode.startJoining(seed), starters);
        nodes.add(second.get());
        nodes.add(third.get());
      } finally {
        starters.shutdown();
      }
      for (TestNode node : nodes) {
        await("3 members Up as seen by " + node.system().address(), () -> upMembers(node) == 3);
      }

      List<String> ids = new ArrayList<>();
      try (var client = seed.client()) {
        for (int i = 0; i < 5; i++) {
          int n = i;
          ids.add(client.createRestApi(r -> r.name("clustered-" + n).description("api " + n)).id());
        }
      }
      for (TestNode reader : nodes.subList(1, 3)) {
        try (var client = reader.client()) {
          for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            assertThat(client.getRestApi(r -> r.restApiId(id)).name()).isEqualTo("clustered-" + i);
          }
          var listed = client.getRestApisPaginator(r -> r.limit(500)).items().stream().map(RestApi::id).toList();
          assertThat(listed).containsAll(ids);
        }
      }

      String id = ids.get(0);
      TestNode host = hostOf(nodes, id).orElseThrow(() -> new AssertionError("no node hosts entity " + id));
      List<TestNode> remaining = new ArrayList<>(nodes);
      remaining.remove(host);
      host.close(); // graceful: coordinated shutdown hands its shards off and leaves the cluster
      nodes.remove(host);
      for (TestNode node : remaining) {
        await("2 members Up as seen by " + node.system().address(), () -> upMembers(node) == 2 && memberCount(node) == 2);
      }

      for (TestNode reader : remaining) {
        try (var client = reader.client()) {
          GetRestApiResponse recovered = client.getRestApi(r -> r.restApiId(id));
          assertThat(recovered.name()).isEqualTo("clustered-0");
          assertThat(recovered.description()).isEqualTo("api 0");
        }
      }
      // The entity now runs on a node that is still there: it moved and recovered from the journal.
      assertThat(hostOf(remaining, id)).isPresent();
      try (var client = remaining.get(0).client()) {
        String added = client.createRestApi(r -> r.name("after-leave")).id();
        var listed = client.getRestApisPaginator(r -> r.limit(500)).items().stream().map(RestApi::id).toList();
        assertThat(listed).containsAll(ids).contains(added);
      }
    } finally {
      for (TestNode node : nodes) {
        node.close();
      }
    }
  }

  private static long upMembers(TestNode node) {
    return StreamSupport.stream(Cluster.get(node.system()).state().getMembers().spliterator(), false)
        .filter(m -> m.status() == MemberStatus.up())
        .count();
  }

  private static long memberCount(TestNode node) {
    return StreamSupport.stream(Cluster.get(node.system()).state().getMembers().spliterator(), false).count();
  }

  /** The node whose shard region currently runs the REST API entity {@code id}. */
  private static Optional<TestNode> hostOf(List<TestNode> nodes, String id) {
    for (TestNode node : nodes) {
      var system = node.system();
      ShardRegion.CurrentShardRegionState state =
          AskPattern.<org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery, ShardRegion.CurrentShardRegionState>ask(
                  ClusterSharding.get(system).shardState(),
                  replyTo -> new GetShardRegionState(RestApiEntity.ENTITY_KEY, replyTo),
                  Duration.ofSeconds(5),
                  system.scheduler())
              .toCompletableFuture()
              .join();
      boolean hosts = state.getShards().stream().anyMatch(shard -> shard.getEntityIds().contains(id));
      if (hosts) {
        return Optional.of(node);
      }
    }
    return Optional.empty();
  }

  /** Polls {@code condition} every 100 ms until it holds; fails after {@link #WAIT}. */
  private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + WAIT + ": " + what);
      }
      Thread.sleep(100);
    }
  }
}
