package dev.apigw.node.controlplane.keys;

import static dev.apigw.node.controlplane.keys.ApiKeyControlPlaneTest.replace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.dataplane.throttle.QuotaDecision;
import dev.apigw.node.dataplane.throttle.QuotaLeases;
import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.TestNode;
import dev.apigw.protocol.keys.QuotaSettings;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.QuotaPeriodType;

/**
 * Requests counted through {@link QuotaLeases} on a real node show in GetUsage, UpdateUsage changes
 * what is left, and both survive a node restart (Cassandra journal).
 */
@ExtendWith(CassandraExtension.class)
class QuotaUsageTest {
  private static final QuotaSettings QUOTA = new QuotaSettings(20, 0, "DAY");

  private static List<List<Long>> today(ApiGatewayClient client, String planId, String keyId) {
    String day = LocalDate.now(ZoneOffset.UTC).toString();
    return client.getUsage(r -> r.usagePlanId(planId).keyId(keyId).startDate(day).endDate(day)).items().get(keyId);
  }

  /** Waits until the node gave its unused lease back (leases expire after about a second). */
  private static void awaitUsage(ApiGatewayClient client, String planId, String keyId, List<Long> expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!List.of(expected).equals(today(client, planId, keyId)) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(today(client, planId, keyId)).containsExactly(expected);
  }

  private static QuotaDecision consume(QuotaLeases leases, String planId, String keyId) throws Exception {
    return leases.consume(planId, keyId, QUOTA).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void countedRequestsShowInGetUsageAndSurviveARestart() throws Exception {
    String planId;
    String keyId;
    try (TestNode first = TestNode.start();
        var client = first.client()) {
      keyId = client.createApiKey(r -> r.name("metered").enabled(true)).id();
      planId = client.createUsagePlan(r -> r.name("metered").quota(q -> q.limit(20).period(QuotaPeriodType.DAY))).id();
      String plan = planId;
      String key = keyId;
      client.createUsagePlanKey(r -> r.usagePlanId(plan).keyId(key).keyType("API_KEY"));

      var leases = new QuotaLeases(first.system(), Duration.ofSeconds(5));
      for (int i = 0; i < 7; i++) {
        assertThat(consume(leases, planId, keyId).allowed()).isTrue();
      }
      awaitUsage(client, planId, keyId, List.of(7L, 13L));

      var updated = client.updateUsage(r -> r.usagePlanId(plan).keyId(key).patchOperations(replace("/remaining", "3")));
      assertThat(updated.items().get(keyId)).last().isEqualTo(List.of(7L, 3L));
      int allowed = 0;
      for (int i = 0; i < 5; i++) {
        if (consume(leases, planId, keyId).allowed()) {
          allowed++;
        }
      }
      assertThat(allowed).as("only the 3 left after UpdateUsage").isEqualTo(3);
      assertThat(today(client, planId, keyId)).containsExactly(List.of(10L, 0L));
      leases.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    try (TestNode second = TestNode.start();
        var client = second.client()) {
      assertThat(today(client, planId, keyId)).containsExactly(List.of(10L, 0L));
      var leases = new QuotaLeases(second.system(), Duration.ofSeconds(5));
      assertThat(consume(leases, planId, keyId)).isEqualTo(QuotaDecision.EXHAUSTED);
      String plan = planId;
      String key = keyId;
      client.updateUsage(r -> r.usagePlanId(plan).keyId(key).patchOperations(replace("/remaining", "4")));
      assertThat(today(client, planId, keyId)).containsExactly(List.of(10L, 4L));
    }
  }
}
