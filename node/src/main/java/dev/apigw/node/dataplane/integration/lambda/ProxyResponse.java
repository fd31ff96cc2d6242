package dev.apigw.node.dataplane.integration.lambda;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.apigw.node.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an {@code AWS_PROXY} integration's function asked the gateway to answer (payload format
 * 1.0), read with AWS's rules: only {@code statusCode, headers, multiValueHeaders, body,
 * isBase64Encoded} are allowed, {@code statusCode} is required, {@code body} is a string.
 *
 * @param statusCode the status to answer with
 * @param headers {@code headers} and {@code multiValueHeaders} merged: a name in both (in any
 *     case) takes only its {@code multiValueHeaders} values, as AWS does
 * @param body the body bytes, base64-decoded when {@code isBase64Encoded}; empty when none
 */
public record ProxyResponse(int statusCode, Map<String, List<String>> headers, byte[] body) {
  private static final Set<String> FIELDS = Set.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded");
  private static final ObjectReader READER =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Copies headers and body so the record stays immutable. */
  public ProxyResponse {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(copy);
    body = body == null ? new byte[0] : body.clone();
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * Reads a function's result.
   *
   * @throws MalformedLambdaResponseException if it is not a valid proxy response
   */
  public static ProxyResponse parse(byte[] payload) {
    JsonNode root;
    try {
      root = READER.readTree(payload);
    } catch (IOException e) {
      throw new MalformedLambdaResponseException("not JSON (expected: a JSON object with statusCode)", e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedLambdaResponseException(
          "a JSON " + kind(root) + " (expected: a JSON object with statusCode)");
    }
    root.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        throw new MalformedLambdaResponseException(
            "unexpected field '" + name + "' (expected only: statusCode, headers, multiValueHeaders, body, isBase64Encoded)");
      }
    });
    int statusCode = statusCode(root.get("statusCode"));
    Map<String, List<String>> headers = merge(singleHeaders(root.get("headers")), multiHeaders(root.get("multiValueHeaders")));
    boolean base64 = isBase64Encoded(root.get("isBase64Encoded"));
    return new ProxyResponse(statusCode, headers, body(root.get("body"), base64));
  }

  /** An integer 100-599, or a string of one, which AWS's Java parser also accepts. */
  private static int statusCode(JsonNode node) {
    if (node == null || node.isNull()) {
      throw new MalformedLambdaResponseException("no statusCode (expected: an integer HTTP status, e.g. 200)");
    }
    int status;
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      status = node.intValue();
    } else if (node.isTextual() && node.asText().trim().matches("\\d{1,9}")) {
      status = Integer.parseInt(node.asText().trim());
    } else {
      throw new MalformedLambdaResponseException(
          "statusCode: " + node + " (expected: an integer HTTP status, e.g. 200)");
    }
    if (status < 100 || status > 599) {
      throw new MalformedLambdaResponseException("statusCode: " + status + " (expected: 100-599)");
    }
    return status;
  }

  private static Map<String, String> singleHeaders(JsonNode node) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return headers;
    }
    if (!node.isObject()) {
      throw new MalformedLambdaResponseException(
          "headers: a JSON " + kind(node) + " (expected: an object of header name to string)");
    }
    node.fields().forEachRemaining(field -> {
      JsonNode value = field.getValue();
      if (value.isNull()) {
        return;
      }
      if (!value.isValueNode()) {
        throw new MalformedLambdaResponseException(
            "headers." + field.getKey() + ": a JSON " + kind(value) + " (expected: a string)");
      }
      headers.put(field.getKey(), value.asText());
    });
    return headers;
  }

  private static Map<String, List<String>> multiHeaders(JsonNode node) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return headers;
    }
    if (!node.isObject()) {
      throw new MalformedLambdaResponseException(
          "multiValueHeaders: a JSON " + kind(node) + " (expected: an object of header name to array of strings)");
    }
    node.fields().forEachRemaining(field -> {
      JsonNode values = field.getValue();
      if (values.isNull()) {
        return;
      }
      if (!values.isArray()) {
        throw new MalformedLambdaResponseException(
            "multiValueHeaders." + field.getKey() + ": a JSON " + kind(values) + " (expected: an array of strings)");
      }
      List<String> list = new ArrayList<>();
      for (JsonNode value : values) {
        if (value.isNull()) {
          continue;
        }
        if (!value.isValueNode()) {
          throw new MalformedLambdaResponseException(
              "multiValueHeaders." + field.getKey() + ": contains a JSON " + kind(value) + " (expected: strings)");
        }
        list.add(value.asText());
      }
      headers.put(field.getKey(), list);
    });
    return headers;
  }

  private static Map<String, List<String>> merge(Map<String, String> single, Map<String, List<String>> multi) {
    Map<String, String> multiNames = new LinkedHashMap<>();
    multi.keySet().forEach(name -> multiNames.put(name.toLowerCase(Locale.ROOT), name));
    Map<String, List<String>> merged = new LinkedHashMap<>();
    single.forEach((name, value) -> {
      if (!multiNames.containsKey(name.toLowerCase(Locale.ROOT))) {
        merged.put(name, List.of(value));
      }
    });
    merged.putAll(multi);
    return merged;
  }

  private static boolean isBase64Encoded(JsonNode node) {
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw new MalformedLambdaResponseException("isBase64Encoded: " + node + " (expected: true or false)");
    }
    return node.booleanValue();
  }

  private static byte[] body(JsonNode node, boolean base64) {
    if (node == null || node.isNull()) {
      return new byte[0];
    }
    if (!node.isTextual()) {
      throw new MalformedLambdaResponseException(
          "body: a JSON " + kind(node) + " (expected: a string; serialize JSON bodies with JSON.stringify or similar)");
    }
    if (!base64) {
      return node.textValue().getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Base64.getDecoder().decode(node.textValue());
    } catch (IllegalArgumentException e) {
      throw new MalformedLambdaResponseException("body: not base64 although isBase64Encoded is true (expected: base64)", e);
    }
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "empty document";
    }
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
