package dev.apigw.node.dataplane.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendSettingsTest {
  private static final String NLB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/orders/0123abcd";

  @Test
  void vpcLinkTargetsMapLoadBalancerArnsToAddresses() {
    var targets = BackendSettings.targets(" " + NLB + "=10.0.3.7:8080 , arn:aws:x=[::1]:9000,");
    assertThat(targets).isEqualTo(Map.of(NLB, new BackendSettings.Address("10.0.3.7", 8080),
        "arn:aws:x", new BackendSettings.Address("::1", 9000)));
    assertThat(BackendSettings.targets("")).isEmpty();
  }

  @Test
  void aTargetWithoutAddressOrPortIsRefusedAtStart() {
    assertThatThrownBy(() -> BackendSettings.targets(NLB)).hasMessageContaining("expected: {load balancer ARN}={host}:{port}");
    assertThatThrownBy(() -> BackendSettings.targets(NLB + "=host:http")).hasMessageContaining("numeric port");
    assertThatThrownBy(() -> BackendSettings.targets(NLB + "=host:0")).hasMessageContaining("1..65535");
  }

  @Test
  void defaultsTrustTheJdkAndMapNothing() {
    var settings = BackendSettings.from(ConfigFactory.load());
    assertThat(settings.truststore()).isNull();
    assertThat(settings.vpcLinkTargets()).isEmpty();
  }
}
