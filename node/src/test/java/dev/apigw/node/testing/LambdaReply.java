package dev.apigw.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a function registered with {@link LambdaTestServer} answers: its result, or a function
 * error the way Lambda reports one (status 200, {@code X-Amz-Function-Error}, an error document).
 *
 * @param functionError the {@code X-Amz-Function-Error} value, null for a success
 * @param payload the bytes Lambda returns as the invocation's payload
 */
public record LambdaReply(String functionError, byte[] payload) {

  /** A successful result: {@code value} as JSON. */
  public static LambdaReply result(JsonNode value) {
    return new LambdaReply(null, bytes(value));
  }

  /** A successful result of exactly these bytes, JSON or not (for malformed-response tests). */
  public static LambdaReply raw(String payload) {
    return new LambdaReply(null, payload.getBytes(StandardCharsets.UTF_8));
  }

  /** A proxy integration's answer (payload format 1.0) with a text body. */
  public static LambdaReply proxy(int statusCode, Map<String, String> headers, String body) {
    ObjectNode response = Json.object();
    response.put("statusCode", statusCode);
    ObjectNode h = response.putObject("headers");
    headers.forEach(h::put);
    response.put("body", body);
    response.put("isBase64Encoded", false);
    return result(response);
  }

  /** An unhandled function error, as Lambda reports an exception the handler let escape. */
  public static LambdaReply unhandled(String errorType, String errorMessage) {
    ObjectNode error = Json.object();
    error.put("errorMessage", errorMessage);
    error.put("errorType", errorType);
    var trace = error.putArray("stackTrace");
    List.of("dev.apigw.test.Function.handle(Function.java:1)").forEach(trace::add);
    return new LambdaReply("Unhandled", bytes(error));
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("JSON tree did not serialize", e);
    }
  }
}
