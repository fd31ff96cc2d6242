package dev.apigw.node.dataplane.integration.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.http.Json;
import java.io.IOException;

/**
 * How a non-proxy {@code AWS} integration sees a Lambda result when it picks an integration
 * response: AWS matches each {@code selectionPattern} against the {@code errorMessage} of a
 * function error, and uses the default response for a success.
 */
public final class LambdaErrors {

  private LambdaErrors() {}

  /**
   * The string integration-response {@code selectionPattern}s are matched against: for a function
   * error, the {@code errorMessage} of its error document ({@code {"errorMessage": ..., "errorType":
   * ..., "stackTrace": [...]}}), or {@code ""} when the document has none; null for a success,
   * which selects the default response.
   */
  public static String selectionSubject(LambdaResult result) {
    if (!result.isFunctionError()) {
      return null;
    }
    JsonNode error;
    try {
      error = Json.MAPPER.readTree(result.payload());
    } catch (IOException notJson) {
      return "";
    }
    if (error == null || !error.isObject()) {
      return "";
    }
    JsonNode message = error.get("errorMessage");
    if (message == null || message.isNull()) {
      return "";
    }
    return message.isValueNode() ? message.asText() : message.toString();
  }
}
