package dev.apigw.node.awsservice;

import java.util.Map;

/**
 * How each service's actions travel, for action-style integrations: API Gateway adds what the service's protocol
 * needs (the {@code X-Amz-Target} header and JSON content type, or {@code Action} and {@code Version}), the mapping
 * template supplies the rest. Services not listed here are reachable through path-style uris.
 */
public final class AwsProtocols {
  /** A service's action protocol. */
  public sealed interface Protocol {}

  /** AWS query: {@code Action} and {@code Version} as form or query parameters, XML answers. */
  public record Query(String version) implements Protocol {}

  /** AWS JSON: {@code POST /}, {@code X-Amz-Target: {prefix}.{Action}}, {@code application/x-amz-json-{version}}. */
  public record AwsJson(String version, String targetPrefix) implements Protocol {
    /** The {@code Content-Type} of the requests. */
    public String contentType() {
      return "application/x-amz-json-" + version;
    }
  }

  private static final Map<String, Protocol> BY_SERVICE = Map.ofEntries(
      Map.entry("sqs", new Query("2012-11-05")),
      Map.entry("sns", new Query("2010-03-31")),
      Map.entry("sts", new Query("2011-06-15")),
      Map.entry("dynamodb", new AwsJson("1.0", "DynamoDB_20120810")),
      Map.entry("kinesis", new AwsJson("1.1", "Kinesis_20131202")),
      Map.entry("firehose", new AwsJson("1.1", "Firehose_20150804")),
      Map.entry("states", new AwsJson("1.0", "AWSStepFunctions")),
      Map.entry("events", new AwsJson("1.1", "AWSEvents")),
      Map.entry("logs", new AwsJson("1.1", "Logs_20140328")),
      Map.entry("ssm", new AwsJson("1.1", "AmazonSSM")),
      Map.entry("secretsmanager", new AwsJson("1.1", "secretsmanager")));

  /** SQS also speaks AWS JSON 1.0 (chosen when the integration's Content-Type is application/x-amz-json-1.0). */
  public static final AwsJson SQS_JSON = new AwsJson("1.0", "AmazonSQS");

  private AwsProtocols() {}

  /** The action protocol of {@code service}, or null when actions of that service are not supported. */
  public static Protocol of(String service) {
    return BY_SERVICE.get(service);
  }

  /** The services whose actions the gateway can send, for messages. */
  public static java.util.Set<String> services() {
    return new java.util.TreeSet<>(BY_SERVICE.keySet());
  }
}
