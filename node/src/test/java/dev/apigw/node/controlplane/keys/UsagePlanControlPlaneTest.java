package dev.apigw.node.controlplane.keys;

import static dev.apigw.node.controlplane.keys.ApiKeyControlPlaneTest.assertError;
import static dev.apigw.node.controlplane.keys.ApiKeyControlPlaneTest.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.RawHttp;
import dev.apigw.node.testing.TestNode;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiStage;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.apigateway.model.QuotaPeriodType;
import software.amazon.awssdk.services.apigateway.model.QuotaSettings;
import software.amazon.awssdk.services.apigateway.model.ThrottleSettings;
import software.amazon.awssdk.services.apigateway.model.UsagePlan;
import software.amazon.awssdk.services.apigateway.model.UsagePlanKey;

/** Usage plans, usage plan keys and usage through the real AWS SDK against a real node on real Cassandra. */
@ExtendWith(CassandraExtension.class)
class UsagePlanControlPlaneTest {
  private static TestNode node;
  private static ApiGatewayClient client;
  private static String apiId;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    client = node.client();
    apiId = client.createRestApi(r -> r.name("metered")).id();
  }

  @AfterAll
  static void stop() {
    client.close();
    node.close();
  }

  private static ApiStage stage(String stage) {
    return ApiStage.builder().apiId(apiId).stage(stage).build();
  }

  private static PatchOperation op(Op op, String path, String value) {
    return PatchOperation.builder().op(op).path(path).value(value).build();
  }

  private static String newKey(String name) {
    return client.createApiKey(r -> r.name(name).enabled(true)).id();
  }

  @Test
  void createsGetsAndListsAPlanWithEverySetting() {
    var created =
        client.createUsagePlan(
            r -> r.name("gold").description("gold tier")
                .apiStages(
                    ApiStage.builder().apiId(apiId).stage("prod")
                        .throttle(Map.of("/pets/GET", ThrottleSettings.builder().burstLimit(5).rateLimit(2.5).build()))
                        .build())
                .throttle(t -> t.burstLimit(100).rateLimit(50.0))
                .quota(q -> q.limit(10000).offset(2).period(QuotaPeriodType.WEEK))
                .tags(Map.of("tier", "gold")));
    assertThat(created.id()).matches("[a-z0-9]{10}");
    assertThat(created.name()).isEqualTo("gold");
    assertThat(created.apiStages()).singleElement().satisfies(s -> {
      assertThat(s.apiId()).isEqualTo(apiId);
      assertThat(s.stage()).isEqualTo("prod");
      assertThat(s.throttle().get("/pets/GET").burstLimit()).isEqualTo(5);
      assertThat(s.throttle().get("/pets/GET").rateLimit()).isEqualTo(2.5);
    });
    assertThat(created.throttle().burstLimit()).isEqualTo(100);
    assertThat(created.throttle().rateLimit()).isEqualTo(50.0);
    assertThat(created.quota()).isEqualTo(QuotaSettings.builder().limit(10000).offset(2).period(QuotaPeriodType.WEEK).build());
    assertThat(created.tags()).containsEntry("tier", "gold");

    assertThat(client.getUsagePlan(r -> r.usagePlanId(created.id())).name()).isEqualTo("gold");
    assertThat(allPlans().stream().map(UsagePlan::id)).contains(created.id());
  }

  @Test
  void pagesPlans() {
    List<String> ids = List.of("p1", "p2", "p3").stream().map(n -> client.createUsagePlan(r -> r.name(n)).id()).toList();
    List<String> seen = new ArrayList<>();
    String position = null;
    int pages = 0;
    do {
      String from = position;
      var page = client.getUsagePlans(r -> r.limit(2).position(from));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      page.items().forEach(p -> seen.add(p.id()));
      position = page.position();
      pages++;
    } while (position != null && pages < 1000);
    assertThat(seen).containsSubsequence(ids).doesNotHaveDuplicates();
  }

  @Test
  void validatesSettings() {
    assertThatThrownBy(() -> client.createUsagePlan(r -> r.name("bad").throttle(t -> t.burstLimit(-1))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("burstLimit: -1 (expected: >= 0)");
    assertThatThrownBy(() -> client.createUsagePlan(r -> r.name("bad").throttle(t -> t.rateLimit(-0.5))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("rateLimit");
    assertThatThrownBy(() -> client.createUsagePlan(r -> r.name("bad").quota(q -> q.limit(-1).period(QuotaPeriodType.DAY))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("quota.limit");
    assertThatThrownBy(() -> client.createUsagePlan(r -> r.name("bad").quota(q -> q.limit(1).offset(1).period(QuotaPeriodType.DAY))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("quota.offset");
    assertThatThrownBy(() -> client.createUsagePlan(r -> r.name("bad").quota(q -> q.limit(1).offset(7).period(QuotaPeriodType.WEEK))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("quota.offset");
    assertThatThrownBy(() -> client.createUsagePlan(r -> r.name("bad").apiStages(stage("prod"), stage("prod"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Duplicate API stage");
    // Stages do not exist yet in this gateway: the API id is what is checked.
    assertThatThrownBy(() -> client.createUsagePlan(r -> r.name("bad").apiStages(ApiStage.builder().apiId("zzzzzzzzzz").stage("prod").build())))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid API identifier specified");

    URI plans = node.managementUri().resolve("/usageplans");
    assertError(RawHttp.signed("POST", plans, "{}"), 400, "name is required");
    var badPeriod = RawHttp.signed("POST", plans, "{\"name\":\"x\",\"quota\":{\"limit\":1,\"period\":\"YEAR\"}}");
    assertThat(badPeriod.statusCode()).isEqualTo(400);
    assertThat(badPeriod.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
    assertThat(badPeriod.body()).contains("'createUsagePlanInput.quota.period'");
    assertError(RawHttp.signed("POST", plans, "{\"name\":\"x\",\"throttle\":{\"burstLimit\":1.5}}"), 400, "burstLimit");
    assertError(RawHttp.signed("POST", plans, "{\"name\":\"x\",\"throttle\":{\"rateLimit\":\"fast\"}}"), 400, "rateLimit");
    assertError(RawHttp.signed("POST", plans,
        "{\"name\":\"x\",\"apiStages\":[{\"apiId\":\"" + apiId + "\",\"stage\":\"s\",\"throttle\":{\"pets\":{}}}]}"), 400, "method throttle key");
  }

  @Test
  void updatesWithPatchOperations() {
    var plan = client.createUsagePlan(r -> r.name("silver"));
    var updated =
        client.updateUsagePlan(
            r -> r.usagePlanId(plan.id())
                .patchOperations(
                    replace("/name", "silver-2"), replace("/description", "d"),
                    replace("/throttle/burstLimit", "20"), replace("/throttle/rateLimit", "10.5"),
                    replace("/quota/limit", "500"), replace("/quota/period", "MONTH"), replace("/quota/offset", "3"),
                    op(Op.ADD, "/apiStages", apiId + ":beta"),
                    replace("/apiStages/" + apiId + ":beta/throttle/~1pets/GET/rateLimit", "1.5"),
                    replace("/apiStages/" + apiId + ":beta/throttle/~1pets/GET/burstLimit", "3")));
    assertThat(updated.name()).isEqualTo("silver-2");
    assertThat(updated.description()).isEqualTo("d");
    assertThat(updated.throttle().burstLimit()).isEqualTo(20);
    assertThat(updated.throttle().rateLimit()).isEqualTo(10.5);
    assertThat(updated.quota()).isEqualTo(QuotaSettings.builder().limit(500).offset(3).period(QuotaPeriodType.MONTH).build());
    assertThat(updated.apiStages()).singleElement().satisfies(s -> {
      assertThat(s.stage()).isEqualTo("beta");
      assertThat(s.throttle().get("/pets/GET")).isEqualTo(ThrottleSettings.builder().burstLimit(3).rateLimit(1.5).build());
    });
    var fetched = client.getUsagePlan(r -> r.usagePlanId(plan.id()));
    assertThat(fetched.apiStages()).isEqualTo(updated.apiStages());
    assertThat(fetched.throttle()).isEqualTo(updated.throttle());
    assertThat(fetched.quota()).isEqualTo(updated.quota());

    var removed =
        client.updateUsagePlan(
            r -> r.usagePlanId(plan.id())
                .patchOperations(op(Op.REMOVE, "/apiStages/" + apiId + ":beta/throttle/~1pets/GET", null),
                    op(Op.REMOVE, "/apiStages", apiId + ":beta"), op(Op.REMOVE, "/quota", null)));
    assertThat(removed.apiStages()).isEmpty();
    assertThat(removed.quota()).isNull();

    assertThatThrownBy(() -> client.updateUsagePlan(r -> r.usagePlanId(plan.id()).patchOperations(replace("/quota/period", "YEAR"))))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> client.updateUsagePlan(r -> r.usagePlanId(plan.id()).patchOperations(replace("/throttle/burstLimit", "-3"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("burstLimit: -3 (expected: >= 0)");
    assertThatThrownBy(() -> client.updateUsagePlan(r -> r.usagePlanId(plan.id()).patchOperations(replace("/nope", "x"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid patch path '/nope'");
    assertThatThrownBy(() -> client.updateUsagePlan(r -> r.usagePlanId(plan.id()).patchOperations(op(Op.ADD, "/apiStages", "zzzzzzzzzz:prod"))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client.updateUsagePlan(r -> r.usagePlanId(plan.id()).patchOperations(op(Op.ADD, "/apiStages", "no-colon"))))
        .isInstanceOf(BadRequestException.class);
    assertThat(client.getUsagePlan(r -> r.usagePlanId(plan.id())).name()).isEqualTo("silver-2");
  }

  @Test
  void deletesOnlyPlansWithoutStages() {
    var plan = client.createUsagePlan(r -> r.name("doomed").apiStages(stage("prod")));
    assertThatThrownBy(() -> client.deleteUsagePlan(r -> r.usagePlanId(plan.id())))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("API stages");
    client.updateUsagePlan(r -> r.usagePlanId(plan.id()).patchOperations(op(Op.REMOVE, "/apiStages", apiId + ":prod")));
    client.deleteUsagePlan(r -> r.usagePlanId(plan.id()));
    assertThatThrownBy(() -> client.getUsagePlan(r -> r.usagePlanId(plan.id())))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid Usage Plan ID specified");
    assertThat(allPlans().stream().map(UsagePlan::id)).doesNotContain(plan.id());
    assertThatThrownBy(() -> client.deleteUsagePlan(r -> r.usagePlanId(plan.id()))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client.getUsagePlan(r -> r.usagePlanId("BAD!"))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void managesUsagePlanKeys() {
    var plan = client.createUsagePlan(r -> r.name("keyed"));
    String k1 = newKey("plan-key-1");
    String k2 = newKey("plan-key-2");
    var created = client.createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(k1).keyType("API_KEY"));
    assertThat(created.id()).isEqualTo(k1);
    assertThat(created.type()).isEqualTo("API_KEY");
    assertThat(created.name()).isEqualTo("plan-key-1");
    assertThat(created.value()).isEqualTo(client.getApiKey(r -> r.apiKey(k1).includeValue(true)).value());
    client.createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(k2).keyType("API_KEY"));

    assertThatThrownBy(() -> client.createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(k1).keyType("API_KEY")))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> client.createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId("zzzzzzzzzz").keyType("API_KEY")))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid API Key identifier specified");
    assertThatThrownBy(() -> client.createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(k1).keyType("OTHER")))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> client.createUsagePlanKey(r -> r.usagePlanId("zzzzzzzzzz").keyId(k1).keyType("API_KEY")))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid Usage Plan ID specified");

    assertThat(client.getUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(k2)).name()).isEqualTo("plan-key-2");
    var page1 = client.getUsagePlanKeys(r -> r.usagePlanId(plan.id()).limit(1));
    assertThat(page1.items()).extracting(UsagePlanKey::id).containsExactly(k1);
    var page2 = client.getUsagePlanKeys(r -> r.usagePlanId(plan.id()).limit(1).position(page1.position()));
    assertThat(page2.items()).extracting(UsagePlanKey::id).containsExactly(k2);
    assertThat(page2.position()).isNull();
    assertThat(client.getUsagePlanKeys(r -> r.usagePlanId(plan.id()).nameQuery("plan-key-2")).items())
        .extracting(UsagePlanKey::id).containsExactly(k2);

    assertThat(client.getUsagePlans(r -> r.keyId(k1)).items()).extracting(UsagePlan::id).containsExactly(plan.id());

    client.deleteUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(k1));
    assertThatThrownBy(() -> client.getUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(k1)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client.deleteUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(k1)))
        .isInstanceOf(NotFoundException.class);
    assertThat(client.getUsagePlans(r -> r.keyId(k1)).items()).isEmpty();

    // Deleting an API key removes it from its plans, as in AWS.
    client.deleteApiKey(r -> r.apiKey(k2));
    assertThat(client.getUsagePlanKeys(r -> r.usagePlanId(plan.id())).items()).isEmpty();
    assertThatThrownBy(() -> client.getUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(k2)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void refusesAKeyInTwoPlansThatShareAStage() {
    var first = client.createUsagePlan(r -> r.name("first").apiStages(stage("shared")));
    var second = client.createUsagePlan(r -> r.name("second").apiStages(stage("shared"), stage("other")));
    var third = client.createUsagePlan(r -> r.name("third").apiStages(stage("third-only")));
    String key = newKey("shared-key");
    client.createUsagePlanKey(r -> r.usagePlanId(first.id()).keyId(key).keyType("API_KEY"));
    assertThatThrownBy(() -> client.createUsagePlanKey(r -> r.usagePlanId(second.id()).keyId(key).keyType("API_KEY")))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(apiId + ":shared");
    // A plan with other stages is fine: a key may be in several plans.
    client.createUsagePlanKey(r -> r.usagePlanId(third.id()).keyId(key).keyType("API_KEY"));
    assertThat(client.getUsagePlans(r -> r.keyId(key)).items()).extracting(UsagePlan::id).containsExactlyInAnyOrder(first.id(), third.id());
    // Adding the shared stage to the third plan would put the key twice on it.
    assertThatThrownBy(() -> client.updateUsagePlan(r -> r.usagePlanId(third.id()).patchOperations(op(Op.ADD, "/apiStages", apiId + ":shared"))))
        .isInstanceOf(ConflictException.class);
    assertThat(client.getUsagePlan(r -> r.usagePlanId(third.id())).apiStages()).extracting(ApiStage::stage).containsExactly("third-only");
  }

  @Test
  void reportsUsagePerKeyAndDay() {
    var plan = client.createUsagePlan(r -> r.name("usage").quota(q -> q.limit(1000).period(QuotaPeriodType.DAY)));
    String k1 = newKey("usage-1");
    String k2 = newKey("usage-2");
    client.createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(k1).keyType("API_KEY"));
    client.createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(k2).keyType("API_KEY"));

    var usage = client.getUsage(r -> r.usagePlanId(plan.id()).startDate("2026-11-01").endDate("2026-11-03"));
    assertThat(usage.usagePlanId()).isEqualTo(plan.id());
    assertThat(usage.startDate()).isEqualTo("2026-11-01");
    assertThat(usage.endDate()).isEqualTo("2026-11-03");
    assertThat(usage.items()).containsOnlyKeys(k1, k2);
    assertThat(usage.items().get(k1)).containsExactly(List.of(0L, 1000L), List.of(0L, 1000L), List.of(0L, 1000L));

    var one = client.getUsage(r -> r.usagePlanId(plan.id()).startDate("2026-11-01").endDate("2026-11-01").keyId(k2));
    assertThat(one.items()).containsOnlyKeys(k2);
    var paged = client.getUsage(r -> r.usagePlanId(plan.id()).startDate("2026-11-01").endDate("2026-11-01").limit(1));
    assertThat(paged.items()).containsOnlyKeys(k1);
    assertThat(paged.position()).isEqualTo(k2);

    assertThatThrownBy(() -> client.getUsage(r -> r.usagePlanId(plan.id()).startDate("2026-11-03").endDate("2026-11-01")))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> client.getUsage(r -> r.usagePlanId(plan.id()).startDate("01/11/2026").endDate("2026-11-01")))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> client.getUsage(r -> r.usagePlanId("zzzzzzzzzz").startDate("2026-11-01").endDate("2026-11-01")))
        .isInstanceOf(NotFoundException.class);
    assertError(RawHttp.signed("GET", node.managementUri().resolve("/usageplans/" + plan.id() + "/usage?endDate=2026-11-01"), null),
        400, "startDate is required");

    // UpdateUsage sets the remaining quota of the current period; the answer is the key's usage in it, up to today.
    var updated = client.updateUsage(r -> r.usagePlanId(plan.id()).keyId(k1).patchOperations(replace("/remaining", "5")));
    assertThat(updated.usagePlanId()).isEqualTo(plan.id());
    assertThat(updated.startDate()).isEqualTo(updated.endDate()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
    assertThat(updated.items()).containsOnlyKeys(k1);
    assertThat(updated.items().get(k1)).containsExactly(List.of(0L, 5L));
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    assertThat(client.getUsage(r -> r.usagePlanId(plan.id()).startDate(today).endDate(today)).items())
        .containsEntry(k1, List.of(List.of(0L, 5L))).containsEntry(k2, List.of(List.of(0L, 1000L)));

    assertThatThrownBy(() -> client.updateUsage(r -> r.usagePlanId("zzzzzzzzzz").keyId(k1).patchOperations(replace("/remaining", "5"))))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid Usage Plan ID specified");
    String outsider = newKey("usage-outsider");
    assertThatThrownBy(() -> client.updateUsage(r -> r.usagePlanId(plan.id()).keyId(outsider).patchOperations(replace("/remaining", "5"))))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid Usage Plan Key identifier specified");
    assertThatThrownBy(() -> client.updateUsage(r -> r.usagePlanId(plan.id()).keyId(k1).patchOperations(replace("/used", "5"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid patch path '/used'").hasMessageContaining("/remaining");
    assertThatThrownBy(() -> client.updateUsage(r -> r.usagePlanId(plan.id()).keyId(k1).patchOperations(op(Op.ADD, "/remaining", "5"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("op 'add'");
    assertThatThrownBy(() -> client.updateUsage(r -> r.usagePlanId(plan.id()).keyId(k1).patchOperations(replace("/remaining", "-1"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("expected: an integer >= 0");
    assertThatThrownBy(() -> client.updateUsage(r -> r.usagePlanId(plan.id()).keyId(k1).patchOperations(replace("/remaining", "lots"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid value for /remaining: lots");
    assertThatThrownBy(() -> client.updateUsage(r -> r.usagePlanId(plan.id()).keyId(k1)))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("needs a patch operation");
    var unlimited = client.createUsagePlan(r -> r.name("no-quota"));
    client.createUsagePlanKey(r -> r.usagePlanId(unlimited.id()).keyId(k2).keyType("API_KEY"));
    assertThatThrownBy(() -> client.updateUsage(r -> r.usagePlanId(unlimited.id()).keyId(k2).patchOperations(replace("/remaining", "5"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("has no quota");
  }

  private static List<UsagePlan> allPlans() {
    return client.getUsagePlansPaginator(r -> r.limit(500)).items().stream().toList();
  }
}
