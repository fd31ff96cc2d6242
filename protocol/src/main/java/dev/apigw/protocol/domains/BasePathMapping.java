package dev.apigw.protocol.domains;

import dev.apigw.protocol.CborSerializable;

/**
 * Requests to {@code https://domain/basePath/...} go to stage {@code stage} of API {@code restApiId}.
 *
 * @param basePath the first path segment, or {@code (none)} for the domain's root
 * @param restApiId the REST API's id
 * @param stage the stage's name, or null for "the stage in the request path"
 */
public record BasePathMapping(String basePath, String restApiId, String stage) implements CborSerializable {
  /** AWS's name for the empty base path. */
  public static final String NONE = "(none)";

  public BasePathMapping withBasePath(String basePath) {
    return new BasePathMapping(basePath, restApiId, stage);
  }

  public BasePathMapping withRestApiId(String restApiId) {
    return new BasePathMapping(basePath, restApiId, stage);
  }

  public BasePathMapping withStage(String stage) {
    return new BasePathMapping(basePath, restApiId, stage);
  }
}
