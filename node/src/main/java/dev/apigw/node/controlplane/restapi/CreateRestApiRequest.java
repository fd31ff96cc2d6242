package dev.apigw.node.controlplane.restapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.protocol.errors.BadRequestException;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  static final Set<String> API_KEY_SOURCES = Set.of("HEADER", "AUTHORIZER");
  static final Set<String> ENDPOINT_TYPES = Set.of("EDGE", "REGIONAL", "PRIVATE");
  static final int MAX_COMPRESSION_SIZE = 10 * 1024 * 1024;
  static final int MAX_TAGS = 50;

  /** Reads and checks the body; every problem is a 400 that names the field. */
  public static CreateRestApiRequest parse(JsonNode body) {
    String name = JsonFields.string(body, "name");
    if (name == null || name.isBlank() || name.length() > 1024) {
      throw new BadRequestException("Invalid REST API name specified: name is required (1-1024 characters)");
    }
    Integer compression = JsonFields.integer(body, "minimumCompressionSize");
    if (compression != null && (compression < 0 || compression > MAX_COMPRESSION_SIZE)) {
      throw new BadRequestException(
          "Invalid minimum compression size, must be between 0 and " + MAX_COMPRESSION_SIZE + " bytes: " + compression);
    }
    String apiKeySource = JsonFields.string(body, "apiKeySource");
    if (apiKeySource == null) {
      apiKeySource = "HEADER";
    } else if (!API_KEY_SOURCES.contains(apiKeySource)) {
      throw new BadRequestException("Invalid API Key Source specified: " + apiKeySource + " (expected: HEADER or AUTHORIZER)");
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
        apiKeySource,
        endpointType(body.get("endpointConfiguration")),
        JsonFields.bool(body, "disableExecuteApiEndpoint", false),
        JsonFields.string(body, "policy"),
        tags,
        JsonFields.string(body, "cloneFrom"));
  }

  private static String endpointType(JsonNode config) {
    if (config == null || config.isNull()) {
      return "EDGE";
    }
    if (!config.isObject()) {
      throw new BadRequestException("endpointConfiguration: expected an object");
    }
    List<String> types = JsonFields.stringList(config, "types");
    if (types.isEmpty()) {
      return "EDGE";
    }
    if (types.size() != 1 || !ENDPOINT_TYPES.contains(types.get(0))) {
      throw new BadRequestException(
          "Invalid endpoint configuration types: " + types + " (expected: exactly one of EDGE, REGIONAL, PRIVATE)");
    }
    return types.get(0);
  }
}
