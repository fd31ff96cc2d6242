package dev.apigw.node.controlplane.v2api;

import dev.apigw.node.awsservice.IntegrationSubtypes;
import dev.apigw.protocol.errors.BadRequestException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks an HTTP API integration's parameter mapping: request keys {@code append|overwrite|remove:header.{name}},
 * {@code append|overwrite|remove:querystring.{name}} and {@code overwrite:path}; response keys per status code
 * ({@code 200}-{@code 599}) {@code append|overwrite|remove:header.{name}} and {@code overwrite:statuscode}. Headers API
 * Gateway owns (AWS's reserved list) cannot be mapped. An integration with a subtype (an AWS service action) maps to
 * the action's parameter names instead ({@link #checkSubtype}).
 */
final class ParameterMappings {
  /** AWS's reserved headers for HTTP API parameter mapping; entries ending in '-' are prefixes. */
  private static final List<String> RESERVED_HEADERS = List.of("access-control-", "apigw-", "authorization",
      "connection", "content-encoding", "content-length", "content-location", "forwarded", "keep-alive", "origin",
      "proxy-authenticate", "proxy-authorization", "te", "trailers", "transfer-encoding", "upgrade", "x-amz-",
      "x-amzn-", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "via");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");
  private static final Pattern QUERY_NAME = Pattern.compile("[^\\s&=#]{1,128}");
  /** What an action parameter may be mapped from, when it is not static. */
  private static final Pattern SELECTION = Pattern.compile("\\$(?:request\\.(?:header|querystring|path)\\.[^\\s]+"
      + "|request\\.body(?:\\.[^\\s]+)?|context\\.[A-Za-z0-9_.\\-]+|stageVariables\\.[A-Za-z0-9_]+)");
  private static final Set<String> OPERATIONS = Set.of("append", "overwrite", "remove");
  private static final Pattern STATUS = Pattern.compile("[2-5][0-9][0-9]");
  private static final int MAX_VALUE = 512;

  private ParameterMappings() {}

  /** Checks {@code requestParameters} of an integration without a subtype (parameter mapping keys). */
  static void checkRequest(Map<String, String> mappings) {
    mappings.forEach((key, value) -> {
      if (!key.equals("overwrite:path")) {
        checkKey("requestParameters", key, true);
      }
      checkValue("requestParameters." + key, key, value);
    });
  }

  /**
   * Checks {@code requestParameters} of an AWS service integration: each key one of {@code subtype}'s parameters, every
   * required one present, each value a static value or a selection expression AWS can evaluate for an action
   * ({@code $request.header.x}, {@code $request.querystring.x}, {@code $request.path.x}, {@code $request.body} or
   * {@code $request.body.x}, {@code $context.x}, {@code $stageVariables.x}).
   */
  static void checkSubtype(Map<String, String> mappings, IntegrationSubtypes.Subtype subtype) {
    Set<String> known = subtype.parameters();
    // In key order, so that the first parameter named in a refusal does not depend on the map's hashing.
    new TreeMap<>(mappings).forEach((key, value) -> {
      if (!known.contains(key)) {
        throw new BadRequestException("Invalid request parameter " + key + " for integrationSubtype "
            + subtype.name() + " (expected: one of " + known + ")");
      }
      checkValue("requestParameters." + key, key, value);
      if (value.startsWith("$") && !SELECTION.matcher(value).matches()) {
        // AWS's own wording for a source it cannot evaluate.
        throw new BadRequestException("Invalid selection expression specified: Validation Result: warnings : [], "
            + "errors : [Invalid source: " + value + " specified for destination: " + key + "]");
      }
    });
    List<String> missing = subtype.required().stream().filter(p -> !mappings.containsKey(p)).toList();
    if (!missing.isEmpty()) {
      throw new BadRequestException("Missing required request parameters " + missing + " for integrationSubtype "
          + subtype.name() + " (required: " + subtype.required() + ")");
    }
  }

  /** Checks {@code responseParameters}: status code to mappings. */
  static void checkResponse(Map<String, Map<String, String>> byStatus) {
    byStatus.forEach((status, mappings) -> {
      if (!STATUS.matcher(status).matches() || Integer.parseInt(status) > 599) {
        throw new BadRequestException(
            "Invalid responseParameters key: " + status + " (expected: a status code from 200 to 599)");
      }
      mappings.forEach((key, value) -> {
        if (!key.equals("overwrite:statuscode")) {
          checkKey("responseParameters." + status, key, false);
        } else if (value == null || !(value.startsWith("$") || value.matches("[1-5][0-9][0-9]"))) {
          throw new BadRequestException("Invalid responseParameters." + status + ".overwrite:statuscode: " + value
              + " (expected: a status code from 100 to 599 or a $response/$request/$context/$stageVariables value)");
        }
        checkValue("responseParameters." + status + "." + key, key, value);
      });
    });
  }

  private static void checkKey(String field, String key, boolean request) {
    int colon = key.indexOf(':');
    String operation = colon < 0 ? "" : key.substring(0, colon);
    String target = colon < 0 ? key : key.substring(colon + 1);
    String expected = request
        ? "append|overwrite|remove:header.{name}, append|overwrite|remove:querystring.{name} or overwrite:path"
        : "append|overwrite|remove:header.{name} or overwrite:statuscode";
    if (!OPERATIONS.contains(operation)) {
      throw new BadRequestException("Invalid " + field + " key: " + key + " (expected: " + expected + ")");
    }
    if (target.startsWith("header.")) {
      String name = target.substring("header.".length());
      if (!HEADER_NAME.matcher(name).matches()) {
        throw new BadRequestException("Invalid " + field + " key: " + key + " (expected: " + expected + ")");
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (RESERVED_HEADERS.stream().anyMatch(r -> r.endsWith("-") ? lower.startsWith(r) : lower.equals(r))) {
        throw new BadRequestException("Invalid mapping expression specified: " + key + ". Header " + name
            + " is reserved and cannot be modified");
      }
      return;
    }
    if (request && target.startsWith("querystring.") && QUERY_NAME.matcher(target.substring(12)).matches()) {
      return;
    }
    throw new BadRequestException("Invalid " + field + " key: " + key + " (expected: " + expected + ")");
  }

  private static void checkValue(String field, String key, String value) {
    if (value == null || value.length() > MAX_VALUE) {
      throw new BadRequestException("Invalid " + field + ": (expected: a value of at most " + MAX_VALUE + " characters)");
    }
    if (value.isEmpty() && !key.startsWith("remove:")) {
      throw new BadRequestException("Invalid " + field + ": '' (expected: a static value or a $request, $context, "
          + "$stageVariables or $response expression)");
    }
  }
}
