package dev.apigw.node.dataplane.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.Test;

/**
 * Three actor systems in this JVM form a Pekko cluster (no Cassandra: buckets are soft state); one throttler per node
 * draws on one bucket under load well above its rate from every node. Cluster-wide, the nodes admit no more than the
 * bucket lets out (burst + rate x elapsed) and not much less, and every node gets a share.
 */
class ThrottleClusterTest {
  private static final Limit LIMIT = new Limit(200, 50);
  private static final Duration LOAD = Duration.ofSeconds(3);
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void threeNodesTogetherAdmitWhatTheBucketLetsOut() throws Exception {
    long setup = System.nanoTime();
    int seedPort = freePort();
    List<ActorSystem<Void>> nodes = new ArrayList<>();
    try {
      nodes.add(node(seedPort));
      nodes.add(node(freePort()));
      nodes.add(node(freePort()));
      var seed = Cluster.get(nodes.get(0)).selfMember().address();
      for (ActorSystem<Void> node : nodes) {
        Cluster.get(node).manager().tell(Join.create(seed));
      }
      for (ActorSystem<Void> node : nodes) {
        await("3 members Up as seen by " + node.address(), () -> upMembers(node) == 3);
      }
      List<Throttler> throttlers = new ArrayList<>();
      for (ActorSystem<Void> node : nodes) {
        ThrottleBucket.init(node);
        throttlers.add(Throttler.create(node, ThrottleSettings.from(node.settings().config())));
      }
      // Start the bucket's shard and entity first, so that no lease waits for shard allocation.
      ThrottleBucket.Status before = ClusterSharding.get(nodes.get(1))
          .entityRefFor(ThrottleBucket.ENTITY_KEY, "load")
          .<ThrottleBucket.Status>ask(ThrottleBucket.GetStatus::new, WAIT)
          .toCompletableFuture()
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(before.limit()).as("no limit before the first lease").isNull();

      System.out.printf("throttle cluster: formed in %.1f s%n", (System.nanoTime() - setup) / 1e9);
      List<Load> loads = throttlers.stream().map(Load::new).toList();
      long start = System.nanoTime();
      List<Thread> drivers = loads.stream().map(load -> new Thread(load::run, "load")).toList();
      drivers.forEach(Thread::start);
      for (Thread driver : drivers) {
        driver.join(WAIT.toMillis());
      }
      long loadNanos = System.nanoTime() - start;
      for (Load load : loads) {
        await("every request answered", () -> load.pending.get() == 0);
      }
      double elapsedSeconds = (System.nanoTime() - start) / 1e9;

      long admitted = loads.stream().mapToLong(load -> load.admitted.get()).sum();
      long offered = loads.stream().mapToLong(load -> load.offered.get()).sum();
      double bound = LIMIT.burst() + LIMIT.rate() * elapsedSeconds;
      double expected = Math.min(offered, LIMIT.burst() + LIMIT.rate() * loadNanos / 1e9);
      System.out.printf("throttle cluster: offered %d, admitted %d (%s per node) in %.2f s; bound %.0f%n", offered,
          admitted, loads.stream().map(load -> load.admitted.get()).toList(), elapsedSeconds, bound);

      assertThat(offered).as("offered load well above the rate").isGreaterThan(2 * (long) bound);
      assertThat((double) admitted).as("cluster-wide admissions within the token bucket's output")
          .isLessThanOrEqualTo(bound + 1);
      assertThat((double) admitted).as("and not far below it").isGreaterThanOrEqualTo(0.8 * expected);
      for (Load load : loads) {
        assertThat(load.admitted.get()).as("every node admits some").isPositive();
        assertThat(load.rejected.get()).as("every node throttles some").isPositive();
      }
    } finally {
      long stopping = System.nanoTime();
      nodes.forEach(ActorSystem::terminate);
      for (ActorSystem<Void> node : nodes) {
        node.getWhenTerminated().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
      System.out.printf("throttle cluster: stopped in %.1f s%n", (System.nanoTime() - stopping) / 1e9);
    }
  }

  /** One node's offered load: two requests every ~2 ms (about 1000/s) for {@link #LOAD}. */
  private static final class Load {
    final Throttler throttler;
    final AtomicLong offered = new AtomicLong();
    final AtomicLong admitted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong pending = new AtomicLong();

    Load(Throttler throttler) {
      this.throttler = throttler;
    }

    void run() {
      long end = System.nanoTime() + LOAD.toNanos();
      while (System.nanoTime() < end) {
        for (int i = 0; i < 2; i++) {
          offered.incrementAndGet();
          pending.incrementAndGet();
          throttler.acquire("load", LIMIT).whenComplete((admission, error) -> {
            if (error == null && admission.admitted()) {
              admitted.incrementAndGet();
            } else {
              rejected.incrementAndGet();
            }
            pending.decrementAndGet();
          });
        }
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static ActorSystem<Void> node(int port) {
    Config config = ConfigFactory.parseMap(Map.of(
            "pekko.actor.provider", "cluster",
            "pekko.remote.artery.canonical.hostname", "127.0.0.1",
            "pekko.remote.artery.canonical.port", port,
            // Several nodes in one JVM: one Cluster MBean each instead of a warning per node.
            "pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on",
            // Fail-open is not under test here: only a stall of seconds would make a node stop asking the owner.
            "gateway.throttle.max-wait", "5s",
            // All nodes stop at once: none is left to confirm the others' exit, so do not wait 10 s for it.
            "pekko.coordinated-shutdown.phases.cluster-exiting.timeout", "1s"))
        .withFallback(ConfigFactory.load())
        .resolve();
    return ActorSystem.create(Behaviors.empty(), "throttle", config);
  }

  private static long upMembers(ActorSystem<?> node) {
    return StreamSupport.stream(Cluster.get(node).state().getMembers().spliterator(), false)
        .filter(m -> m.status() == MemberStatus.up())
        .count();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + WAIT + ": " + what);
      }
      Thread.sleep(50);
    }
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
