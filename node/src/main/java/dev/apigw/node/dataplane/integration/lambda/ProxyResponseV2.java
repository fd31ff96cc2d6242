package dev.apigw.node.dataplane.integration.lambda;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.apigw.node.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what an HTTP API's function answered in payload format 2.0, with AWS's two forms:
 *
 * <ul>
 *   <li>structured: an object with {@code statusCode}, and {@code headers} (string values), {@code cookies} (each one
 *       {@code Set-Cookie}), {@code body} (a string) and {@code isBase64Encoded};
 *   <li>inferred: any other valid JSON is the body of a 200 {@code application/json} answer, as it came.
 * </ul>
 *
 * The result is a {@link ProxyResponse}, the same shape as format 1.0's.
 */
public final class ProxyResponseV2 {
  private static final ObjectReader READER = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ProxyResponseV2() {}

  /**
   * Reads a function's result.
   *
   * @throws MalformedLambdaResponseException if it is neither valid JSON nor a valid structured response
   */
  public static ProxyResponse parse(byte[] payload) {
    JsonNode root;
    try {
      root = READER.readTree(payload);
    } catch (IOException e) {
      throw new MalformedLambdaResponseException("not JSON (expected: JSON, or an object with statusCode)", e);
    }
    if (root == null || root.isMissingNode()) {
      throw new MalformedLambdaResponseException("empty (expected: JSON, or an object with statusCode)");
    }
    if (!root.isObject() || !root.has("statusCode")) {
      return new ProxyResponse(200, Map.of("Content-Type", List.of("application/json")), payload);
    }
    int status = statusCode(root.get("statusCode"));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    JsonNode h = root.get("headers");
    if (h != null && !h.isNull()) {
      if (!h.isObject()) {
        throw new MalformedLambdaResponseException("headers: not an object (expected: header name to string)");
      }
      h.fields().forEachRemaining(f -> {
        if (!f.getValue().isNull()) {
          if (!f.getValue().isValueNode()) {
            throw new MalformedLambdaResponseException("headers." + f.getKey() + ": not a string");
          }
          headers.put(f.getKey(), List.of(f.getValue().asText()));
        }
      });
    }
    JsonNode c = root.get("cookies");
    if (c != null && !c.isNull()) {
      if (!c.isArray()) {
        throw new MalformedLambdaResponseException("cookies: not an array (expected: strings)");
      }
      List<String> cookies = new ArrayList<>();
      c.forEach(v -> cookies.add(v.asText()));
      if (!cookies.isEmpty()) {
        headers.put("Set-Cookie", List.copyOf(cookies));
      }
    }
    JsonNode b64 = root.get("isBase64Encoded");
    if (b64 != null && !b64.isNull() && !b64.isBoolean()) {
      throw new MalformedLambdaResponseException("isBase64Encoded: " + b64 + " (expected: true or false)");
    }
    return new ProxyResponse(status, headers, body(root.get("body"), b64 != null && b64.asBoolean()));
  }

  private static int statusCode(JsonNode node) {
    int status;
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      status = node.intValue();
    } else if (node.isTextual() && node.asText().trim().matches("\\d{1,9}")) {
      status = Integer.parseInt(node.asText().trim());
    } else {
      throw new MalformedLambdaResponseException("statusCode: " + node + " (expected: an integer HTTP status)");
    }
    if (status < 100 || status > 599) {
      throw new MalformedLambdaResponseException("statusCode: " + status + " (expected: 100-599)");
    }
    return status;
  }

  private static byte[] body(JsonNode node, boolean base64) {
    if (node == null || node.isNull()) {
      return new byte[0];
    }
    String text = node.isTextual() ? node.textValue() : node.toString();
    if (!base64) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new MalformedLambdaResponseException("body: not base64 although isBase64Encoded is true", e);
    }
  }
}
