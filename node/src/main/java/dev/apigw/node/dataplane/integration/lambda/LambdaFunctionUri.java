package dev.apigw.node.dataplane.integration.lambda;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function an {@code AWS} or {@code AWS_PROXY} integration invokes, taken from its {@code uri},
 * e.g. {@code arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:my-fn/invocations},
 * or (HTTP APIs) the function's ARN alone.
 *
 * @param region the region in the API Gateway part of the ARN
 * @param functionArn the function's ARN, with its alias or version when one is given
 */
public record LambdaFunctionUri(String region, String functionArn) {
  private static final String EXPECTED_URI =
      "arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations";
  private static final String EXPECTED_ARN =
      "arn:aws:lambda:{region}:{12-digit account id}:function:{name}[:{alias or version}]";
  private static final Pattern URI =
      Pattern.compile("arn:aws[a-z-]*:apigateway:([a-z0-9-]+):lambda:path/2015-03-31/functions/(.+)/invocations");
  private static final Pattern FUNCTION_ARN =
      Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,140}(:(\\$LATEST|[A-Za-z0-9_-]{1,128}))?");

  /** The function's Invoke URL as AWS's execution log shows it (the integration uri when it names no function). */
  public static String invokeUrl(String integrationUri) {
    try {
      LambdaFunctionUri function = parse(integrationUri);
      return "https://lambda." + function.region() + ".amazonaws.com" + function.invocationsPath();
    } catch (IllegalArgumentException e) {
      return integrationUri;
    }
  }

  /** Parses an integration's uri; the caller has already substituted stage variables. */
  public static LambdaFunctionUri parse(String integrationUri) {
    if (integrationUri == null) {
      throw new IllegalArgumentException("Lambda integration uri: null (expected: " + EXPECTED_URI + ")");
    }
    if (FUNCTION_ARN.matcher(integrationUri).matches()) {
      // HTTP APIs also take the function's ARN itself as the integration uri.
      return new LambdaFunctionUri(integrationUri.split(":")[3], integrationUri);
    }
    Matcher m = URI.matcher(integrationUri);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "Lambda integration uri: '" + integrationUri + "' (expected: " + EXPECTED_URI + ")");
    }
    String functionArn = m.group(2);
    if (!FUNCTION_ARN.matcher(functionArn).matches()) {
      throw new IllegalArgumentException(
          "Lambda integration uri: function ARN '" + functionArn + "' in '" + integrationUri + "' (expected: "
              + EXPECTED_ARN + ")");
    }
    return new LambdaFunctionUri(m.group(1), functionArn);
  }

  /** The function's name: the ARN's part after {@code function:}, without its alias or version. */
  public String functionName() {
    String afterFunction = functionArn.substring(functionArn.indexOf(":function:") + ":function:".length());
    int qualifier = afterFunction.indexOf(':');
    return qualifier < 0 ? afterFunction : afterFunction.substring(0, qualifier);
  }

  /**
   * The Invoke API's path for this function. The ARN goes in unencoded, as API Gateway sends it:
   * its characters ({@code : $ - _}) are all legal in a path segment.
   */
  public String invocationsPath() {
    return "/2015-03-31/functions/" + functionArn + "/invocations";
  }
}
