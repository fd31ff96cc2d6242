package dev.apigw.node.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.apigateway.model.BasePathMapping;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.DomainName;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.QuotaPeriodType;
import software.amazon.awssdk.services.apigateway.model.UsagePlan;
import software.amazon.awssdk.services.apigateway.model.UsagePlanKey;

/** Keys, plans and domains written through one actor system are recovered from Cassandra by the next one. */
@ExtendWith(CassandraExtension.class)
class KeysAndDomainsRecoveryTest {

  @Test
  void everythingSurvivesANodeRestart() {
    String apiId;
    String keyId;
    String deletedKeyId;
    String planId;
    String value = "survivor-value-00000000001";
    try (TestNode first = TestNode.start();
        var client = first.client()) {
      apiId = client.createRestApi(r -> r.name("recovered")).id();
      keyId = client.createApiKey(r -> r.name("survivor").enabled(true).value(value)).id();
      deletedKeyId = client.createApiKey(r -> r.name("gone")).id();
      client.deleteApiKey(r -> r.apiKey(deletedKeyId));
      planId =
          client.createUsagePlan(
                  r -> r.name("durable").apiStages(s -> s.apiId(apiId).stage("prod"))
                      .quota(q -> q.limit(100).period(QuotaPeriodType.DAY)))
              .id();
      client.createUsagePlanKey(r -> r.usagePlanId(planId).keyId(keyId).keyType("API_KEY"));
      client.createDomainName(
          r -> r.domainName("recovered.example.com").regionalCertificateArn("arn:aws:acm:us-east-1:000000000000:certificate/r")
              .endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));
      client.createBasePathMapping(r -> r.domainName("recovered.example.com").basePath("v1").restApiId(apiId).stage("prod"));
    }
    try (TestNode second = TestNode.start();
        var client = second.client()) {
      var key = client.getApiKey(r -> r.apiKey(keyId).includeValue(true));
      assertThat(key.name()).isEqualTo("survivor");
      assertThat(key.value()).isEqualTo(value);
      assertThat(key.enabled()).isTrue();
      assertThatThrownBy(() -> client.getApiKey(r -> r.apiKey(deletedKeyId))).isInstanceOf(NotFoundException.class);
      assertThat(client.getApiKeysPaginator(r -> r.limit(500)).items().stream().map(ApiKey::id).toList())
          .contains(keyId).doesNotContain(deletedKeyId);
      // The value index recovered too: the value is still taken.
      assertThatThrownBy(() -> client.createApiKey(r -> r.name("copy").value(value))).isInstanceOf(ConflictException.class);

      var plan = client.getUsagePlan(r -> r.usagePlanId(planId));
      assertThat(plan.name()).isEqualTo("durable");
      assertThat(plan.quota().limit()).isEqualTo(100);
      assertThat(plan.apiStages()).singleElement().satisfies(s -> assertThat(s.apiId()).isEqualTo(apiId));
      assertThat(client.getUsagePlansPaginator(r -> r.limit(500)).items().stream().map(UsagePlan::id).toList()).contains(planId);
      assertThat(client.getUsagePlanKeys(r -> r.usagePlanId(planId)).items()).extracting(UsagePlanKey::id).containsExactly(keyId);

      var domain = client.getDomainName(r -> r.domainName("recovered.example.com"));
      assertThat(domain.endpointConfiguration().types()).containsExactly(EndpointType.REGIONAL);
      assertThat(client.getDomainNamesPaginator(r -> r.limit(500)).items().stream().map(DomainName::domainName).toList())
          .contains("recovered.example.com");
      assertThat(client.getBasePathMappings(r -> r.domainName("recovered.example.com")).items())
          .extracting(BasePathMapping::basePath, BasePathMapping::restApiId, BasePathMapping::stage)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("v1", apiId, "prod"));
    }
  }
}
