package dev.apigw.node.controlplane.domains;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.protocol.domains.BasePathMapping;
import dev.apigw.protocol.errors.BadRequestException;
import java.util.regex.Pattern;

/**
 * A checked {@code CreateBasePathMapping} request body, as the mapping it describes.
 *
 * @param mapping base path ({@code (none)} when absent or empty), API id (required), stage (optional)
 */
public record CreateBasePathMappingRequest(BasePathMapping mapping) {
  private static final Pattern BASE_PATH = Pattern.compile("[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");

  /** Reads and checks the body; every problem is a 400 that names the field. */
  public static CreateBasePathMappingRequest parse(JsonNode body) {
    String restApiId = JsonFields.string(body, "restApiId");
    if (restApiId == null || restApiId.isEmpty()) {
      throw new BadRequestException("restApiId is required");
    }
    return new CreateBasePathMappingRequest(
        new BasePathMapping(basePath(JsonFields.string(body, "basePath")), restApiId, JsonFields.string(body, "stage")));
  }

  /** {@code (none)} for an absent or empty path; otherwise a checked path. */
  static String basePath(String raw) {
    if (raw == null || raw.isEmpty() || raw.equals(BasePathMapping.NONE)) {
      return BasePathMapping.NONE;
    }
    if (!BASE_PATH.matcher(raw).matches()) {
      throw new BadRequestException(
          "Invalid base path: " + raw + " (expected: letters, digits and ._~- in /-separated segments)");
    }
    return raw;
  }
}
