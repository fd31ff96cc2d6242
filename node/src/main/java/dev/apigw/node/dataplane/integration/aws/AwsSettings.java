package dev.apigw.node.dataplane.integration.aws;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where AWS service integrations send their requests and as whom, read once from {@value #PATH} (and the
 * {@code GATEWAY_AWS_ENDPOINT_<SERVICE>} environment variables, which name any service).
 *
 * @param region the region of the gateway (integration URIs name their own)
 * @param accessKeyId an explicit key pair's id; empty: the AWS SDKs' default credential chain
 * @param secretAccessKey the explicit key pair's secret
 * @param sessionToken the explicit key pair's session token, empty for long-term keys
 * @param endpoints service name (as in integration URIs: {@code s3}, {@code sqs}, ...) to base URI
 * @param stsEndpoint where integration {@code credentials} roles are assumed; null: AWS's regional STS endpoint
 * @param maxConnections the most connections kept open per service endpoint
 * @param maxOpenRequests the most requests in flight or waiting per endpoint; a power of 2
 * @param maxResponseBytes the largest service answer read
 */
public record AwsSettings(
    String region,
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    Map<String, URI> endpoints,
    URI stsEndpoint,
    int maxConnections,
    int maxOpenRequests,
    long maxResponseBytes) {
  /** The configuration section these settings live in. */
  public static final String PATH = "gateway.aws";
  /** The environment variables that name a service's endpoint: this prefix, then the service in capitals. */
  public static final String ENDPOINT_ENV_PREFIX = "GATEWAY_AWS_ENDPOINT_";
  /** How long before expiry temporary credentials are renewed. */
  public static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

  /** Checks every value. */
  public AwsSettings {
    requireText(region, "region");
    accessKeyId = accessKeyId == null ? "" : accessKeyId.trim();
    secretAccessKey = secretAccessKey == null ? "" : secretAccessKey.trim();
    sessionToken = sessionToken == null ? "" : sessionToken.trim();
    if (accessKeyId.isEmpty() != secretAccessKey.isEmpty()) {
      throw new IllegalArgumentException(PATH + ".access-key-id and secret-access-key: only one is set (expected: both or neither)");
    }
    endpoints = Map.copyOf(endpoints);
    endpoints.forEach((service, uri) -> checkEndpoint(service, uri));
    if (stsEndpoint != null) {
      checkEndpoint("sts", stsEndpoint);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException(PATH + ".max-connections: " + maxConnections + " (expected: >= 1)");
    }
    if (maxOpenRequests < 1 || Integer.bitCount(maxOpenRequests) != 1) {
      throw new IllegalArgumentException(PATH + ".max-open-requests: " + maxOpenRequests + " (expected: a power of 2, e.g. 1024)");
    }
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException(PATH + ".max-response-size: " + maxResponseBytes + " (expected: >= 1)");
    }
  }

  /** Settings for {@code region} with the default chain, no endpoints and default limits (tests, tools). */
  public static AwsSettings of(String region, Map<String, URI> endpoints) {
    return new AwsSettings(region, "", "", "", endpoints, endpoints.get("sts"), 64, 1024, 10L * 1024 * 1024);
  }

  /** Whether an explicit key pair is configured (else the default chain is asked). */
  public boolean explicitKeys() {
    return !accessKeyId.isEmpty();
  }

  /** Reads {@value #PATH} of the whole configuration plus the process environment's endpoint variables. */
  public static AwsSettings from(Config root) {
    return from(root, System.getenv());
  }

  /** Reads {@value #PATH}; {@code GATEWAY_AWS_ENDPOINT_<SERVICE>} in {@code env} wins over the configured endpoints. */
  public static AwsSettings from(Config root, Map<String, String> env) {
    Config c = root.getConfig(PATH);
    Map<String, URI> endpoints = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : c.getConfig("endpoints").root().entrySet()) {
      String value = String.valueOf(e.getValue().unwrapped()).trim();
      if (!value.isEmpty()) {
        endpoints.put(e.getKey().toLowerCase(Locale.ROOT), parse(e.getKey(), value));
      }
    }
    env.forEach((name, value) -> {
      if (name.startsWith(ENDPOINT_ENV_PREFIX) && name.length() > ENDPOINT_ENV_PREFIX.length() && !value.isBlank()) {
        String service = name.substring(ENDPOINT_ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
        endpoints.put(service, parse(service, value.trim()));
      }
    });
    return new AwsSettings(
        c.getString("region"),
        c.getString("access-key-id"),
        c.getString("secret-access-key"),
        c.getString("session-token"),
        endpoints,
        endpoints.get("sts"),
        c.getInt("max-connections"),
        c.getInt("max-open-requests"),
        c.getBytes("max-response-size"));
  }

  /** The secret and token never reach logs. */
  @Override
  public String toString() {
    return "AwsSettings[region=" + region + ", accessKeyId=" + (explicitKeys() ? accessKeyId : "(default chain)")
        + ", secretAccessKey=***, sessionToken=" + (sessionToken.isEmpty() ? "" : "***") + ", endpoints=" + endpoints
        + ", maxConnections=" + maxConnections + ", maxOpenRequests=" + maxOpenRequests + "]";
  }

  private static URI parse(String service, String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          PATH + ".endpoints." + service + ": " + value + " (expected: http(s)://host[:port], e.g. http://127.0.0.1:9324)", e);
    }
  }

  private static void checkEndpoint(String service, URI uri) {
    Objects.requireNonNull(uri, service);
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
        || uri.getRawQuery() != null) {
      throw new IllegalArgumentException(PATH + ".endpoints." + service + ": " + uri
          + " (expected: http(s)://host[:port][/base-path], e.g. http://127.0.0.1:9324)");
    }
  }

  private static void requireText(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(PATH + "." + key + ": empty (expected: a non-blank string)");
    }
  }
}
