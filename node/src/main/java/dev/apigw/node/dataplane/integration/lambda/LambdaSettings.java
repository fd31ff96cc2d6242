package dev.apigw.node.dataplane.integration.lambda;

import com.typesafe.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
 * @param functionEndpoints endpoints of single functions or function groups, matched in order before {@code endpoint}
 */
public record LambdaSettings(
    URI endpoint,
    String region,
    String accessKeyId,
    String secretAccessKey,
    int maxConnections,
    int maxOpenRequests,
    List<FunctionEndpoint> functionEndpoints) {
  /**
   * Where the functions whose name (or ARN) matches {@code pattern} run, e.g. {@code hello=http://127.0.0.1:9001}.
   *
   * @param pattern a function name or ARN; {@code *} matches any run of characters
   * @param endpoint with no path, the Invoke API's base ({@code /2015-03-31/functions/{name}/invocations} is added,
   *     as {@code sam local start-lambda} serves it); with a path, the exact URL to POST events to (the Runtime
   *     Interface Emulator's {@code http://127.0.0.1:9000/2015-03-31/functions/function/invocations})
   */
  public record FunctionEndpoint(String pattern, URI endpoint) {
    /** Whether {@code functionName} or {@code functionArn} matches the pattern. */
    public boolean matches(String functionName, String functionArn) {
      Pattern glob = Pattern.compile(Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote)
          .collect(Collectors.joining(".*")));
      return glob.matcher(functionName).matches() || glob.matcher(functionArn).matches();
    }

    /** Whether the endpoint names the exact invocation URL (else the Invoke API path is added). */
    public boolean exactUrl() {
      return endpoint.getRawPath() != null && !endpoint.getRawPath().isEmpty() && !endpoint.getRawPath().equals("/");
    }
  }

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
    functionEndpoints = functionEndpoints == null ? List.of() : List.copyOf(functionEndpoints);
  }

  /** Settings with one endpoint for every function. */
  public LambdaSettings(URI endpoint, String region, String accessKeyId, String secretAccessKey, int maxConnections,
      int maxOpenRequests) {
    this(endpoint, region, accessKeyId, secretAccessKey, maxConnections, maxOpenRequests, List.of());
  }

  /** Settings with the default connection pool sizes. */
  public LambdaSettings(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
    this(endpoint, region, accessKeyId, secretAccessKey, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_OPEN_REQUESTS);
  }

  /**
   * Parses {@code GATEWAY_LAMBDA_ENDPOINTS}: comma-separated {@code pattern=url} pairs, e.g.
   * {@code hello=http://127.0.0.1:9001,orders-*=http://127.0.0.1:3001}.
   */
  public static List<FunctionEndpoint> parseFunctionEndpoints(String value) {
    List<FunctionEndpoint> out = new ArrayList<>();
    for (String pair : value.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(PATH + ".function-endpoints: '" + pair.trim()
            + "' (expected: name-or-pattern=http(s)://host:port[/path], e.g. hello=http://127.0.0.1:9001)");
      }
      URI uri = parse(pair.substring(eq + 1).trim());
      if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException(PATH + ".function-endpoints: '" + pair.trim()
            + "' (expected: name-or-pattern=http(s)://host:port[/path], e.g. hello=http://127.0.0.1:9001)");
      }
      out.add(new FunctionEndpoint(pair.substring(0, eq).trim(), uri));
    }
    return List.copyOf(out);
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
        c.getInt("max-open-requests"),
        c.hasPath("function-endpoints") ? parseFunctionEndpoints(c.getString("function-endpoints")) : List.of());
  }

  /** AWS's public endpoint for the region: {@code https://lambda.{region}.amazonaws.com}. */
  public static URI defaultEndpoint(String region) {
    return parse("https://lambda." + region + ".amazonaws.com");
  }

  /** The secret never reaches logs. */
  @Override
  public String toString() {
    return "LambdaSettings[endpoint=" + endpoint + ", region=" + region + ", accessKeyId=" + accessKeyId
        + ", secretAccessKey=***, maxConnections=" + maxConnections + ", maxOpenRequests=" + maxOpenRequests
        + ", functionEndpoints=" + functionEndpoints + "]";
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
