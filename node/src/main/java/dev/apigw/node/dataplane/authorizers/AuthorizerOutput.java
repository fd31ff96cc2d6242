package dev.apigw.node.dataplane.authorizers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.http.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a Lambda authorizer returned: {@code {principalId, policyDocument, context, usageIdentifierKey}}.
 *
 * @param principalId the caller's principal, {@code $context.authorizer.principalId}; may be null
 * @param policy the policy the request is evaluated against
 * @param context the {@code context} map; AWS allows only strings, numbers and booleans and hands them on as strings
 * @param usageIdentifierKey the API key value for usage plans when the API's {@code apiKeySource} is {@code
 *     AUTHORIZER}; may be null
 */
public record AuthorizerOutput(String principalId, AuthorizerPolicy policy, Map<String, String> context,
    String usageIdentifierKey) {

  public AuthorizerOutput {
    context = Map.copyOf(context);
  }

  /**
   * Parses the function's result.
   *
   * @throws IllegalArgumentException when it is not JSON of that shape (AWS: 500, AuthorizerConfigurationException)
   */
  public static AuthorizerOutput parse(byte[] payload) {
    return parse(json(payload));
  }

  /**
   * The function's result as JSON, for {@link #parse(JsonNode)}.
   *
   * @throws IllegalArgumentException when it is not JSON
   */
  public static JsonNode json(byte[] payload) {
    try {
      return Json.MAPPER.readTree(payload);
    } catch (IOException e) {
      throw new IllegalArgumentException("authorizer result: not JSON (" + e.getMessage() + ")");
    }
  }

  /**
   * Parses the function's result, already read as JSON ({@link #json(byte[])}).
   *
   * @throws IllegalArgumentException when it is not of that shape (AWS: 500, AuthorizerConfigurationException)
   */
  public static AuthorizerOutput parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("authorizer result: " + root + " (expected: an object)");
    }
    AuthorizerPolicy policy = AuthorizerPolicy.parse(root.get("policyDocument"));
    Map<String, String> context = new LinkedHashMap<>();
    JsonNode ctx = root.get("context");
    if (ctx != null && !ctx.isNull()) {
      if (!ctx.isObject()) {
        throw new IllegalArgumentException("authorizer result context: " + ctx + " (expected: an object)");
      }
      for (var field : (Iterable<Map.Entry<String, JsonNode>>) ctx::fields) {
        JsonNode v = field.getValue();
        if (v.isContainerNode()) {
          throw new IllegalArgumentException("authorizer result context." + field.getKey() + ": " + v
              + " (expected: a string, number or boolean)");
        }
        if (!v.isNull()) {
          context.put(field.getKey(), v.asText());
        }
      }
    }
    return new AuthorizerOutput(text(root, "principalId"), policy, context, text(root, "usageIdentifierKey"));
  }

  private static String text(JsonNode root, String field) {
    JsonNode v = root.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isContainerNode()) {
      throw new IllegalArgumentException("authorizer result " + field + ": " + v + " (expected: a string)");
    }
    return v.asText();
  }
}
