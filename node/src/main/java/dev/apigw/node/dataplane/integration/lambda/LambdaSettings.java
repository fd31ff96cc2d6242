package dev.apigw.node.dataplane.integration.lambda;

import com.typesafe.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Where and as whom the data plane invokes Lambda functions, read once from {@value #PATH}.
 *
 * @param endpoint the Lambda service's base URI, e.g. {@code http://127.0.0.1:9001}; no path
 * @param region the region requests are signed for
 * @param accessKeyId the access key id requests are signed with
 * @param secretAccessKey the matching secret key
 * @param maxConnections the most connections kept open to the endpoint; each carries one
 *     invocation at a time, so this bounds the invocations in flight
 * @param maxOpenRequests the most invocations in flight or waiting for a connection; a power of 2
 */
public record LambdaSettings(
    URI endpoint,
    String region,
    String accessKeyId,
    String secretAccessKey,
    int maxConnections,
    int maxOpenRequests) {
  /** Default of {@code max-connections}. */
  public static final int DEFAULT_MAX_CONNECTIONS = 64;
  /** Default of {@code max-open-requests}. */
  public static final int DEFAULT_MAX_OPEN_REQUESTS = 1024;

  /** The configuration section these settings live in. */
  public static final String PATH = "gateway.data-plane.lambda";

  /** Checks that the endpoint is an http(s) URI with a host and that nothing is blank. */
  public LambdaSettings {
    Objects.requireNonNull(endpoint, "endpoint");
    String scheme = endpoint.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null
        || !(endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() || endpoint.getRawPath().equals("/"))
        || endpoint.getRawQuery() != null) {
      throw new IllegalArgumentException(
          PATH + ".endpoint: " + endpoint + " (expected: http(s)://host[:port] without a path, e.g. http://127.0.0.1:9001)");
    }
    requireText(region, "region");
    requireText(accessKeyId, "access-key-id");
    requireText(secretAccessKey, "secret-access-key");
    if (maxConnections < 1) {
      throw new IllegalArgumentException(PATH + ".max-connections: " + maxConnections + " (expected: >= 1)");
    }
    if (maxOpenRequests < 1 || Integer.bitCount(maxOpenRequests) != 1) {
      throw new IllegalArgumentException(
          PATH + ".max-open-requests: " + maxOpenRequests + " (expected: a power of 2, e.g. 1024)");
    }
  }

  /** Settings with the default connection pool sizes. */
  public LambdaSettings(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
    this(endpoint, region, accessKeyId, secretAccessKey, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_OPEN_REQUESTS);
  }

  /** Reads the {@value #PATH} section of the whole configuration. */
  public static LambdaSettings from(Config root) {
    return fromSection(root.getConfig(PATH));
  }

  /**
   * Reads a section holding {@code endpoint}, {@code region}, {@code access-key-id}, {@code
   * secret-access-key}, {@code max-connections} and {@code max-open-requests}.
   */
  public static LambdaSettings fromSection(Config c) {
    String region = c.getString("region").trim();
    String endpoint = c.getString("endpoint").trim();
    return new LambdaSettings(
        endpoint.isEmpty() ? defaultEndpoint(region) : parse(endpoint),
        region,
        c.getString("access-key-id"),
        c.getString("secret-access-key"),
        c.getInt("max-connections"),
        c.getInt("max-open-requests"));
  }

  /** AWS's public endpoint for the region: {@code https://lambda.{region}.amazonaws.com}. */
  public static URI defaultEndpoint(String region) {
    return parse("https://lambda." + region + ".amazonaws.com");
  }

  /** The secret never reaches logs. */
  @Override
  public String toString() {
    return "LambdaSettings[endpoint=" + endpoint + ", region=" + region + ", accessKeyId=" + accessKeyId
        + ", secretAccessKey=***, maxConnections=" + maxConnections + ", maxOpenRequests=" + maxOpenRequests + "]";
  }

  private static URI parse(String endpoint) {
    try {
      return new URI(endpoint);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          PATH + ".endpoint: " + endpoint + " (expected: http(s)://host[:port], e.g. http://127.0.0.1:9001)", e);
    }
  }

  private static void requireText(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(PATH + "." + key + ": empty (expected: a non-blank string)");
    }
  }
}
