package dev.apigw.node.dataplane.mapping;

import java.util.Map;

/**
 * The overrides a template set via {@code $context.requestOverride} and {@code
 * $context.responseOverride}; {@code status} is null when not overridden.
 */
public record Overrides(
    Integer status,
    Map<String, String> responseHeaders,
    Map<String, String> requestHeaders,
    Map<String, String> requestQuerystring,
    Map<String, String> requestPath) {

  private static final Overrides NONE = new Overrides(null, Map.of(), Map.of(), Map.of(), Map.of());

  public Overrides {
    responseHeaders = Maps.frozen(responseHeaders);
    requestHeaders = Maps.frozen(requestHeaders);
    requestQuerystring = Maps.frozen(requestQuerystring);
    requestPath = Maps.frozen(requestPath);
  }

  /** No overrides at all. */
  public static Overrides none() {
    return NONE;
  }

  /** True when the template overrode nothing. */
  public boolean isEmpty() {
    return status == null
        && responseHeaders.isEmpty()
        && requestHeaders.isEmpty()
        && requestQuerystring.isEmpty()
        && requestPath.isEmpty();
  }
}
