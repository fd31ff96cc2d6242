package dev.apigw.node.dataplane.tls;

import java.util.Set;

/**
 * AWS's {@code securityPolicy} of a custom domain, as protocol versions: {@code TLS_1_2} (the default) accepts TLS 1.2
 * and 1.3, {@code TLS_1_0} also TLS 1.0 and 1.1. Cipher suites are the JDK's defaults for each version.
 */
final class SecurityPolicies {
  static final String TLS_1_0 = "TLS_1_0";
  private static final Set<String> LEGACY_PROTOCOLS = Set.of("TLSv1", "TLSv1.1");

  private SecurityPolicies() {}

  /** Whether a handshake that negotiated {@code protocol} may go on for a domain with {@code policy} (null: TLS_1_2). */
  static boolean allows(String policy, String protocol) {
    return !LEGACY_PROTOCOLS.contains(protocol) || TLS_1_0.equals(policy);
  }

  /** Whether {@code policy} asks for TLS 1.0 and 1.1 too. */
  static boolean legacy(String policy) {
    return TLS_1_0.equals(policy);
  }
}
