package dev.apigw.node.controlplane.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.RawHttp;
import dev.apigw.node.testing.TestNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;

/** {@code /tags/{arn}} for API keys, usage plans and domain names through the real AWS SDK (REST APIs and stages: RestApiOperationsTest). */
@ExtendWith(CassandraExtension.class)
class TagControlPlaneTest {
  private static final String PREFIX = "arn:aws:apigateway:us-east-1::";
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

  private void tagsRoundTrip(String arn, Map<String, String> initial) {
    assertThat(client.getTags(r -> r.resourceArn(arn)).tags()).isEqualTo(initial);
    client.tagResource(r -> r.resourceArn(arn).tags(Map.of("team", "edge", "cost", "42")));
    var expected = new java.util.HashMap<>(initial);
    expected.putAll(Map.of("team", "edge", "cost", "42"));
    assertThat(client.getTags(r -> r.resourceArn(arn)).tags()).isEqualTo(expected);
    client.untagResource(r -> r.resourceArn(arn).tagKeys("cost", "absent"));
    expected.remove("cost");
    assertThat(client.getTags(r -> r.resourceArn(arn)).tags()).isEqualTo(expected);
  }

  @Test
  void tagsApiKeys() {
    var key = client.createApiKey(r -> r.name("tagged").tags(Map.of("team", "core")));
    String arn = PREFIX + "/apikeys/" + key.id();
    tagsRoundTrip(arn, Map.of("team", "core"));
    assertThat(client.getApiKey(r -> r.apiKey(key.id())).tags()).containsExactlyEntriesOf(Map.of("team", "edge"));
  }

  @Test
  void tagsUsagePlans() {
    var plan = client.createUsagePlan(r -> r.name("tagged"));
    tagsRoundTrip(PREFIX + "/usageplans/" + plan.id(), Map.of());
    assertThat(client.getUsagePlan(r -> r.usagePlanId(plan.id())).tags()).containsEntry("team", "edge");
  }

  @Test
  void tagsDomainNames() {
    client.createDomainName(
        r -> r.domainName("tagged.example.com").regionalCertificateArn("arn:aws:acm:us-east-1:000000000000:certificate/x")
            .endpointConfiguration(e -> e.types(EndpointType.REGIONAL)).tags(Map.of("a", "b")));
    tagsRoundTrip(PREFIX + "/domainnames/tagged.example.com", Map.of("a", "b"));
  }

  @Test
  void refusesUnknownResourcesAndBadTags() {
    assertThatThrownBy(() -> client.getTags(r -> r.resourceArn(PREFIX + "/apikeys/zzzzzzzzzz")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client.tagResource(r -> r.resourceArn(PREFIX + "/usageplans/zzzzzzzzzz").tags(Map.of("a", "b"))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client.getTags(r -> r.resourceArn("not-an-arn")))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid resource ARN");
    // A kind without a tag store is refused with a message saying so; v2 APIs share the ARN namespace.
    assertThatThrownBy(() -> client.getTags(r -> r.resourceArn(PREFIX + "/sdktypes/java")))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("not supported");
    assertThatThrownBy(() -> client.getTags(r -> r.resourceArn(PREFIX + "/apis/abcdef1234")))
        .isInstanceOf(NotFoundException.class);
    var key = client.createApiKey(r -> r.name("bad-tags"));
    assertThatThrownBy(() -> client.tagResource(r -> r.resourceArn(PREFIX + "/apikeys/" + key.id()).tags(Map.of("aws:x", "y"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("reserved");
    var untagAll =
        RawHttp.signed("DELETE", node.managementUri().resolve("/tags/" + URLEncoder.encode(PREFIX + "/apikeys/" + key.id(), StandardCharsets.UTF_8)), null);
    assertThat(untagAll.statusCode()).as(untagAll.body()).isEqualTo(400);
    assertThat(untagAll.body()).contains("tagKeys is required");
  }
}
