package dev.apigw.node.controlplane.restapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ValidationErrors;
import java.util.List;
import java.util.Map;

/**
 * A checked {@code CreateRestApi} request body.
 *
 * @param name required, 1-1024 characters
 * @param description optional
 * @param version optional
 * @param binaryMediaTypes optional
 * @param minimumCompressionSize optional, 0-10485760
 * @param apiKeySource HEADER (default) or AUTHORIZER
 * @param endpointType EDGE (default), REGIONAL or PRIVATE
 * @param disableExecuteApiEndpoint optional, default false
 * @param policy optional resource policy
 * @param tags optional, at most 50
 * @param cloneFrom optional: the id of the API whose definition the new one starts with
 */
public record CreateRestApiRequest(
    String name,
    String description,
    String version,
    List<String> binaryMediaTypes,
    Integer minimumCompressionSize,
    String apiKeySource,
    String endpointType,
    boolean disableExecuteApiEndpoint,
    String policy,
    Map<String, String> tags,
    String cloneFrom) {

  /** Without {@code cloneFrom}. */
  public CreateRestApiRequest(String name, String description, String version, List<String> binaryMediaTypes,
      Integer minimumCompressionSize, String apiKeySource, String endpointType, boolean disableExecuteApiEndpoint,
      String policy, Map<String, String> tags) {
    this(name, description, version, binaryMediaTypes, minimumCompressionSize, apiKeySource, endpointType,
        disableExecuteApiEndpoint, policy, tags, null);
  }

  // In the order AWS lists them in its ValidationException messages (recorded answers, not the model's order).
  static final List<String> API_KEY_SOURCES = List.of("AUTHORIZER", "HEADER");
  static final List<String> ENDPOINT_TYPES = List.of("PRIVATE", "EDGE", "REGIONAL");
  static final int MAX_COMPRESSION_SIZE = 10 * 1024 * 1024;
  static final int MAX_TAGS = 50;

  /** Reads and checks the body; every problem is a 400 that names the field. */
  public static CreateRestApiRequest parse(JsonNode body) {
    String apiKeySource = JsonFields.string(body, "apiKeySource");
    JsonNode config = body.get("endpointConfiguration");
    if (config != null && !config.isNull() && !config.isObject()) {
      throw new BadRequestException("endpointConfiguration: expected an object");
    }
    List<String> types = config == null || config.isNull() ? List.of() : JsonFields.stringList(config, "types");
    // AWS checks its model constraints before anything else.
    ValidationErrors.of("CreateRestApi")
        .oneOf("apiKeySource", apiKeySource, API_KEY_SOURCES)
        .eachOneOf("endpointConfiguration.types", types, ENDPOINT_TYPES)
        .throwIfAny();
    String name = JsonFields.string(body, "name");
    if (name == null || name.isBlank() || name.length() > 1024) {
      throw new BadRequestException("Invalid REST API name specified: name is required (1-1024 characters)");
    }
    Integer compression = JsonFields.integer(body, "minimumCompressionSize");
    if (compression != null && (compression < 0 || compression > MAX_COMPRESSION_SIZE)) {
      throw new BadRequestException(
          "Invalid minimum compression size, must be between 0 and " + MAX_COMPRESSION_SIZE + " bytes: " + compression);
    }
    Map<String, String> tags = JsonFields.stringMap(body, "tags");
    if (tags.size() > MAX_TAGS) {
      throw new BadRequestException("Too many tags: " + tags.size() + " (expected: at most " + MAX_TAGS + ")");
    }
    return new CreateRestApiRequest(
        name,
        JsonFields.string(body, "description"),
        JsonFields.string(body, "version"),
        JsonFields.stringList(body, "binaryMediaTypes"),
        compression,
        apiKeySource == null ? "HEADER" : apiKeySource,
        endpointType(types),
        JsonFields.bool(body, "disableExecuteApiEndpoint", false),
        JsonFields.string(body, "policy"),
        tags,
        JsonFields.string(body, "cloneFrom"));
  }

  private static String endpointType(List<String> types) {
    if (types.isEmpty()) {
      return "EDGE";
    }
    if (types.size() > 1) {
      throw new BadRequestException("Cannot create an api with multiple Endpoint Types.");
    }
    return types.get(0);
  }
}
