package dev.apigw.node.controlplane.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.RawHttp;
import dev.apigw.node.testing.TestNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.GetApiKeysResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.apigateway.model.StageKey;

/** API keys through the real AWS SDK against a real node on real Cassandra. */
@ExtendWith(CassandraExtension.class)
class ApiKeyControlPlaneTest {
  private static TestNode node;
  private static ApiGatewayClient client;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    client = node.client();
  }

  @AfterAll
  static void stop() {
    client.close();
    node.close();
  }

  static PatchOperation replace(String path, String value) {
    return PatchOperation.builder().op(Op.REPLACE).path(path).value(value).build();
  }

  @Test
  void createsWithAwsDefaultsAndAGeneratedValue() {
    Instant before = Instant.now().minusSeconds(1);
    var created = client.createApiKey(r -> r.name("defaults"));
    assertThat(created.id()).matches("[a-z0-9]{10}");
    assertThat(created.value()).matches("[A-Za-z0-9]{40}");
    assertThat(created.enabled()).isFalse();
    assertThat(created.createdDate()).isBetween(before, Instant.now().plusSeconds(1));
    assertThat(created.lastUpdatedDate()).isEqualTo(created.createdDate());
    assertThat(created.stageKeys()).isEmpty();
    assertThat(client.createApiKey(r -> r.name("other")).value()).isNotEqualTo(created.value());
  }

  @Test
  void returnsTheValueOnlyWhenAskedFor() {
    var created =
        client.createApiKey(
            r -> r.name("partner").description("for partners").enabled(true).value("partner-value-000000000001")
                .customerId("cust-1").generateDistinctId(true)
                .stageKeys(StageKey.builder().restApiId("api0000001").stageName("prod").build())
                .tags(Map.of("team", "core")));
    assertThat(created.value()).isEqualTo("partner-value-000000000001");
    assertThat(created.enabled()).isTrue();
    assertThat(created.customerId()).isEqualTo("cust-1");
    assertThat(created.stageKeys()).containsExactly("api0000001/prod");
    assertThat(created.tags()).containsEntry("team", "core");

    assertThat(client.getApiKey(r -> r.apiKey(created.id())).value()).isNull();
    assertThat(client.getApiKey(r -> r.apiKey(created.id()).includeValue(false)).value()).isNull();
    var withValue = client.getApiKey(r -> r.apiKey(created.id()).includeValue(true));
    assertThat(withValue.value()).isEqualTo("partner-value-000000000001");
    assertThat(withValue.description()).isEqualTo("for partners");

    assertThat(allKeys(false)).filteredOn(k -> k.id().equals(created.id())).singleElement()
        .satisfies(k -> assertThat(k.value()).isNull());
    assertThat(allKeys(true)).filteredOn(k -> k.id().equals(created.id())).singleElement()
        .satisfies(k -> assertThat(k.value()).isEqualTo("partner-value-000000000001"));
  }

  @Test
  void refusesADuplicateValue() {
    client.createApiKey(r -> r.name("first").value("duplicate-value-0000000001"));
    assertThatThrownBy(() -> client.createApiKey(r -> r.name("second").value("duplicate-value-0000000001")))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("API Key value already exists");
    assertThat(allKeys(false).stream().map(ApiKey::name)).doesNotContain("second");
  }

  @Test
  void deletingAKeyFreesItsValue() {
    var key = client.createApiKey(r -> r.name("recycled").value("recycled-value-0000000001"));
    client.deleteApiKey(r -> r.apiKey(key.id()));
    assertThatThrownBy(() -> client.getApiKey(r -> r.apiKey(key.id())))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Invalid API Key identifier specified");
    assertThatThrownBy(() -> client.deleteApiKey(r -> r.apiKey(key.id()))).isInstanceOf(NotFoundException.class);
    assertThat(allKeys(false).stream().map(ApiKey::id)).doesNotContain(key.id());
    assertThat(client.createApiKey(r -> r.name("again").value("recycled-value-0000000001")).id()).isNotEqualTo(key.id());
  }

  @Test
  void filtersByNamePrefixAndCustomer() {
    client.createApiKey(r -> r.name("filter-alpha").customerId("cust-filter"));
    client.createApiKey(r -> r.name("filter-beta"));
    client.createApiKey(r -> r.name("nofilter"));
    var byName = client.getApiKeysPaginator(r -> r.nameQuery("filter-").limit(500)).items().stream().map(ApiKey::name).toList();
    assertThat(byName).contains("filter-alpha", "filter-beta").doesNotContain("nofilter");
    var byCustomer = client.getApiKeysPaginator(r -> r.customerId("cust-filter").limit(500)).items().stream().map(ApiKey::name).toList();
    assertThat(byCustomer).containsExactly("filter-alpha");
  }

  @Test
  void pagesWithLimitAndPosition() {
    List<String> ids = List.of("page-1", "page-2", "page-3").stream().map(n -> client.createApiKey(r -> r.name(n)).id()).toList();
    List<String> seen = new ArrayList<>();
    String position = null;
    int pages = 0;
    do {
      String from = position;
      GetApiKeysResponse page = client.getApiKeys(r -> r.limit(2).position(from));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      page.items().forEach(k -> seen.add(k.id()));
      position = page.position();
      pages++;
    } while (position != null && pages < 1000);
    assertThat(seen).containsSubsequence(ids).doesNotHaveDuplicates();
    assertThat(pages).isGreaterThanOrEqualTo(2);
  }

  @Test
  void updatesWithPatchOperations() {
    var key = client.createApiKey(r -> r.name("before").customerId("c1"));
    var updated =
        client.updateApiKey(
            r -> r.apiKey(key.id())
                .patchOperations(
                    replace("/name", "after"), replace("/description", "described"), replace("/enabled", "true"),
                    replace("/customerId", "c2"),
                    PatchOperation.builder().op(Op.ADD).path("/stages").value("api0000001/beta").build()));
    assertThat(updated.name()).isEqualTo("after");
    assertThat(updated.description()).isEqualTo("described");
    assertThat(updated.enabled()).isTrue();
    assertThat(updated.customerId()).isEqualTo("c2");
    assertThat(updated.stageKeys()).containsExactly("api0000001/beta");
    assertThat(updated.value()).isNull();
    assertThat(updated.createdDate()).isEqualTo(key.createdDate());
    var fetched = client.getApiKey(r -> r.apiKey(key.id()).includeValue(true));
    assertThat(fetched.name()).isEqualTo("after");
    assertThat(fetched.value()).isEqualTo(key.value());

    assertThatThrownBy(() -> client.updateApiKey(r -> r.apiKey(key.id()).patchOperations(replace("/value", "x".repeat(30)))))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("Invalid patch path '/value' specified for op 'replace'");
    assertThatThrownBy(() -> client.updateApiKey(r -> r.apiKey(key.id()).patchOperations(replace("/enabled", "maybe"))))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(
            () -> client.updateApiKey(
                r -> r.apiKey(key.id()).patchOperations(PatchOperation.builder().op(Op.MOVE).path("/name").from("/description").build())))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> client.updateApiKey(r -> r.apiKey("zzzzzzzzzz").patchOperations(replace("/name", "x"))))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void unknownKeysAreNotFound() {
    assertThatThrownBy(() -> client.getApiKey(r -> r.apiKey("zzzzzzzzzz")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Invalid API Key identifier specified");
    assertThatThrownBy(() -> client.getApiKey(r -> r.apiKey("NOT-AN-ID"))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client.deleteApiKey(r -> r.apiKey("zzzzzzzzzz"))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void badBodiesGetBadRequest() {
    URI apikeys = node.managementUri().resolve("/apikeys");
    assertError(RawHttp.signed("POST", apikeys, "{\"name\": "), 400, "Could not parse request body into json");
    assertError(RawHttp.signed("POST", apikeys, "{\"value\":\"short\"}"), 400, "at least 20");
    assertError(RawHttp.signed("POST", apikeys, "{\"value\":\"" + "x".repeat(129) + "\"}"), 400, "at most 128");
    assertError(RawHttp.signed("POST", apikeys, "{\"enabled\":\"yes\"}"), 400, "enabled");
    assertError(RawHttp.signed("POST", apikeys, "{\"stageKeys\":[{\"restApiId\":\"a\"}]}"), 400, "stageName");
    assertError(RawHttp.signed("POST", apikeys, "{\"tags\":{\"aws:x\":\"y\"}}"), 400, "reserved");
    var key = client.createApiKey(r -> r.name("patched-raw"));
    URI one = node.managementUri().resolve("/apikeys/" + key.id());
    assertError(RawHttp.signed("PATCH", one, "{\"patchOperations\":[{\"op\":\"upsert\",\"path\":\"/name\"}]}"), 400,
        "Invalid patch operation specified");
    assertError(RawHttp.signed("PATCH", one, "{\"patchOperations\":\"nope\"}"), 400, "patchOperations");
    assertError(RawHttp.signed("GET", node.managementUri().resolve("/apikeys?limit=0"), null), 400, "Invalid limit");
    assertError(RawHttp.signed("GET", node.managementUri().resolve("/apikeys?position=nowhere"), null), 400, "Invalid position");
  }

  private static List<ApiKey> allKeys(boolean includeValues) {
    return client.getApiKeysPaginator(r -> r.limit(500).includeValues(includeValues)).items().stream().toList();
  }

  static void assertError(HttpResponse<String> response, int status, String messagePart) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(status == 400 ? "BadRequestException" : "NotFoundException");
    assertThat(response.body()).startsWith("{\"message\":").contains(messagePart);
  }
}
