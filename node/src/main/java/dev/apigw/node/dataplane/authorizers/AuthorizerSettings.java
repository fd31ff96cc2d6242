package dev.apigw.node.dataplane.authorizers;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How the data plane runs Lambda and Cognito authorizers, read once from {@value #PATH}.
 *
 * @param timeout how long an authorizer function may take before the request fails with AWS's 500
 *     {@code AuthorizerConfigurationException}
 * @param cacheMaxEntries the most cached authorizer results on a node (results with a TTL of 0 are never cached)
 * @param cognitoIssuerBase where Cognito user pools live: a pool's issuer is this plus {@code /{userPoolId}} and its
 *     keys are at the issuer's {@code /.well-known/jwks.json}; empty for AWS's {@code
 *     https://cognito-idp.{region}.amazonaws.com} (the region from the pool's ARN)
 * @param jwksRefresh how often a user pool's (or an HTTP API JWT issuer's) signing keys are fetched again
 * @param jwksMinRefresh how soon an HTTP API JWT issuer's keys may be fetched again when a token names an unknown key
 */
public record AuthorizerSettings(Duration timeout, long cacheMaxEntries, String cognitoIssuerBase,
    Duration jwksRefresh, Duration jwksMinRefresh) {
  /** The configuration section. */
  public static final String PATH = "gateway.data-plane.authorizers";

  public AuthorizerSettings {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(PATH + ".timeout: " + timeout + " (expected: > 0)");
    }
    if (jwksRefresh.isNegative() || jwksRefresh.isZero()) {
      throw new IllegalArgumentException(PATH + ".jwks-refresh: " + jwksRefresh + " (expected: > 0)");
    }
    if (!cognitoIssuerBase.isEmpty() && !cognitoIssuerBase.matches("https?://[^/?#]+(/[^?#]*[^/?#])?")) {
      throw new IllegalArgumentException(PATH + ".cognito-issuer-base: " + cognitoIssuerBase
          + " (expected: empty, or http(s)://host[:port][/path] without a trailing slash)");
    }
    if (jwksMinRefresh.isNegative()) {
      throw new IllegalArgumentException(PATH + ".jwks-min-refresh: " + jwksMinRefresh + " (expected: >= 0)");
    }
    if (cacheMaxEntries < 0) {
      throw new IllegalArgumentException(PATH + ".cache-max-entries: " + cacheMaxEntries + " (expected: >= 0)");
    }
  }

  /** Reads {@value #PATH}. */
  public static AuthorizerSettings from(Config root) {
    Config c = root.getConfig(PATH);
    return new AuthorizerSettings(c.getDuration("timeout"), c.getLong("cache-max-entries"),
        c.getString("cognito-issuer-base"), c.getDuration("jwks-refresh"), c.getDuration("jwks-min-refresh"));
  }
}
