package dev.apigw.node.dataplane.integration.aws;

import dev.apigw.node.awsservice.AwsProtocols;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request to an AWS service, before signing.
 *
 * @param service the service's endpoint name, e.g. {@code sqs} (see {@link ServiceEndpoints})
 * @param region the region it is signed for and, for AWS's own endpoints, sent to
 * @param subdomain the host prefix (an S3 bucket in {@code bucket.s3}), or null
 * @param method the HTTP method
 * @param path the path below the endpoint, starting with {@code /}, already percent-encoded as it is to be sent
 * @param query decoded query parameters, in order
 * @param headers extra headers, e.g. {@code X-Amz-Target} or mapped ones; never {@code Host} or {@code Authorization}
 * @param contentType the body's Content-Type, or null for none
 * @param body the exact body
 * @param roleArn the role to assume for this request (an integration's {@code credentials}), or null for the
 *     gateway's own identity
 * @param timeout how long to wait for the complete answer
 */
public record AwsServiceRequest(
    String service,
    String region,
    String subdomain,
    String method,
    String path,
    List<Map.Entry<String, String>> query,
    List<Map.Entry<String, String>> headers,
    String contentType,
    byte[] body,
    String roleArn,
    Duration timeout) {
  public AwsServiceRequest {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(method, "method");
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("path: " + path + " (expected: starting with /)");
    }
    query = List.copyOf(query);
    headers = List.copyOf(headers);
    body = body == null ? new byte[0] : body;
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
    }
  }

  /**
   * An action of a JSON-protocol service ({@link AwsProtocols.AwsJson}): {@code POST /} with {@code X-Amz-Target}, the
   * body being the action's JSON input. For AWS_PROXY subtypes and action-style integrations alike.
   *
   * @throws IllegalArgumentException when the gateway does not know {@code service}'s JSON protocol
   */
  public static AwsServiceRequest jsonAction(String service, String region, String action, byte[] json, String roleArn,
      Duration timeout) {
    AwsProtocols.AwsJson protocol = AwsProtocols.of(service) instanceof AwsProtocols.AwsJson j ? j
        : service.equals("sqs") ? AwsProtocols.SQS_JSON : null;
    if (protocol == null) {
      throw new IllegalArgumentException("service: " + service + " (expected: one with a JSON protocol: "
          + AwsProtocols.services() + ")");
    }
    return new AwsServiceRequest(service, region, null, "POST", "/", List.of(),
        List.of(Map.entry("X-Amz-Target", protocol.targetPrefix() + "." + action)), protocol.contentType(), json,
        roleArn, timeout);
  }
}
