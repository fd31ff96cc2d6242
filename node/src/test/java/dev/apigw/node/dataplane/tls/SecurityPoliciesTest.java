package dev.apigw.node.dataplane.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityPoliciesTest {
  @Test
  void tls12AcceptsOnlyTls12AndNewer() {
    assertThat(SecurityPolicies.allows("TLS_1_2", "TLSv1.3")).isTrue();
    assertThat(SecurityPolicies.allows("TLS_1_2", "TLSv1.2")).isTrue();
    assertThat(SecurityPolicies.allows("TLS_1_2", "TLSv1.1")).isFalse();
    assertThat(SecurityPolicies.allows("TLS_1_2", "TLSv1")).isFalse();
    assertThat(SecurityPolicies.allows(null, "TLSv1.1")).isFalse();
  }

  @Test
  void tls10AcceptsTls10AndNewer() {
    assertThat(SecurityPolicies.allows("TLS_1_0", "TLSv1")).isTrue();
    assertThat(SecurityPolicies.allows("TLS_1_0", "TLSv1.1")).isTrue();
    assertThat(SecurityPolicies.allows("TLS_1_0", "TLSv1.3")).isTrue();
  }
}
