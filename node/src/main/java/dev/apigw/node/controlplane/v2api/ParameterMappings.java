package dev.apigw.node.controlplane.v2api;

import dev.apigw.protocol.errors.BadRequestException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an HTTP API integration's parameter mapping: request keys {@code append|overwrite|remove:header.{name}},
 * {@code append|overwrite|remove:querystring.{name}} and {@code overwrite:path}; response keys per status code
 * ({@code 200}-{@code 599}) {@code append|overwrite|remove:header.{name}} and {@code overwrite:statuscode}. Headers API
 * Gateway owns (AWS's reserved list) cannot be mapped. An integration with a subtype (an AWS service action) maps to
 * the action's parameter names instead.
 */
final class ParameterMappings {
  /** AWS's reserved headers for HTTP API parameter mapping; entries ending in '-' are prefixes. */
  private static final List<String> RESERVED_HEADERS = List.of("access-control-", "apigw-", "authorization",
      "connection", "content-encoding", "content-length", "content-location", "forwarded", "keep-alive", "origin",
      "proxy-authenticate", "proxy-authorization", "te", "trailers", "transfer-encoding", "upgrade", "x-amz-",
      "x-amzn-", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "via");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");
  private static final Pattern QUERY_NAME = Pattern.compile("[^\\s&=#]{1,128}");
  private static final Pattern ACTION_PARAMETER = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");
  private static final Set<String> OPERATIONS = Set.of("append", "overwrite", "remove");
  private static final Pattern STATUS = Pattern.compile("[2-5][0-9][0-9]");
  private static final int MAX_VALUE = 512;

  private ParameterMappings() {}

  /** Checks {@code requestParameters} of an integration (with {@code subtype}, or null). */
  static void checkRequest(Map<String, String> mappings, String subtype) {
    mappings.forEach((key, value) -> {
      if (subtype != null) {
        if (!ACTION_PARAMETER.matcher(key).matches()) {
          throw new BadRequestException("Invalid requestParameters key: " + key
              + " (expected: a parameter of " + subtype + ", e.g. QueueUrl)");
        }
      } else if (!key.equals("overwrite:path")) {
        checkKey("requestParameters", key, true);
      }
      checkValue("requestParameters." + key, key, value);
    });
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
