package dev.apigw.node.awsservice;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code AWS} integration's {@code uri}: {@code arn:aws:apigateway:{region}:{subdomain.}{service}:action/{Action}}
 * (with the parameters in the query string or body) or {@code ...:path/{service API path}}, as API Gateway takes it.
 *
 * @param region the service's region
 * @param subdomain the service's host prefix ({@code my-bucket} in {@code my-bucket.s3}), or null
 * @param service the service's endpoint name, e.g. {@code s3}, {@code sqs}, {@code dynamodb}, {@code states}
 * @param action the action for action-style uris, else null
 * @param path the path for path-style uris (no leading slash, may hold {@code {placeholders}}), else null
 */
public record AwsServiceUri(String region, String subdomain, String service, String action, String path) {
  private static final String EXPECTED =
      "arn:aws:apigateway:{region}:{service}:action/{Action} or arn:aws:apigateway:{region}:{subdomain.}{service}:path/{path}";
  private static final Pattern URI = Pattern.compile(
      "arn:aws[a-z-]*:apigateway:([a-z0-9-]+):(?:([A-Za-z0-9.\\-_]+)\\.)?([a-z0-9-]+):(action|path)/(.*)", Pattern.DOTALL);
  private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9]{1,128}");

  /** Parses {@code uri}. */
  public static AwsServiceUri parse(String uri) {
    Matcher m = uri == null ? null : URI.matcher(uri);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("AWS integration uri: '" + uri + "' (expected: " + EXPECTED + ")");
    }
    if (m.group(4).equals("action")) {
      if (!ACTION.matcher(m.group(5)).matches()) {
        throw new IllegalArgumentException("AWS integration uri: action '" + m.group(5) + "' in '" + uri
            + "' (expected: an action name such as SendMessage)");
      }
      return new AwsServiceUri(m.group(1), m.group(2), m.group(3), m.group(5), null);
    }
    return new AwsServiceUri(m.group(1), m.group(2), m.group(3), null, m.group(5));
  }

  /** Whether {@code uri} names a service by action or path (else it is not an AWS service uri). */
  public static boolean matches(String uri) {
    return uri != null && URI.matcher(uri).matches();
  }
}
