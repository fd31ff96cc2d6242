package dev.apigw.protocol.domains;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.apigw.protocol.CborSerializable;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Requests to {@code https://domain/basePath/...} go to stage {@code stage} of API {@code restApiId}. apigateway
 * calls it a base path mapping, apigatewayv2 an API mapping ({@code apiMappingKey} "" for the base path
 * {@code (none)}); it is one thing seen two ways, and the API may be a REST, HTTP or WebSocket API.
 *
 * <p>Part of the journal's schema: add fields only with defaults, never rename one.
 *
 * @param basePath the path prefix (one or more segments, e.g. {@code orders/v1}), or {@code (none)} for the root
 * @param restApiId the API's id (any kind: the name is apigateway's)
 * @param stage the stage's name, or null for "the stage in the request path"
 * @param apiMappingId apigatewayv2's id of the mapping; added later: null in events written before (see {@link #id})
 */
public record BasePathMapping(String basePath, String restApiId, String stage, String apiMappingId)
    implements CborSerializable {
  /** AWS's name for the empty base path. */
  public static final String NONE = "(none)";

  @JsonCreator
  public BasePathMapping {}

  /** A mapping without an apigatewayv2 id yet. */
  public BasePathMapping(String basePath, String restApiId, String stage) {
    this(basePath, restApiId, stage, null);
  }

  /**
   * The apigatewayv2 id: the recorded one, or for a mapping recorded before ids existed a stable one made from its
   * base path (the write that next changes such a mapping records it).
   */
  public String id() {
    if (apiMappingId != null) {
      return apiMappingId;
    }
    CRC32 crc = new CRC32();
    crc.update(basePath.getBytes(StandardCharsets.UTF_8));
    String digits = Long.toString(crc.getValue(), 36);
    // 10 characters like the generated ids (a CRC-32 has at most 7 base-36 digits).
    return "0000000000".substring(digits.length()) + digits;
  }

  /** apigatewayv2's {@code apiMappingKey}: the base path, "" for the root. */
  public String apiMappingKey() {
    return NONE.equals(basePath) ? "" : basePath;
  }

  public BasePathMapping withBasePath(String basePath) {
    return new BasePathMapping(basePath, restApiId, stage, apiMappingId);
  }

  public BasePathMapping withRestApiId(String restApiId) {
    return new BasePathMapping(basePath, restApiId, stage, apiMappingId);
  }

  public BasePathMapping withStage(String stage) {
    return new BasePathMapping(basePath, restApiId, stage, apiMappingId);
  }

  public BasePathMapping withApiMappingId(String apiMappingId) {
    return new BasePathMapping(basePath, restApiId, stage, apiMappingId);
  }
}
