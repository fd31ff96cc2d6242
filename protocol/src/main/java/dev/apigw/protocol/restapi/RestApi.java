package dev.apigw.protocol.restapi;

import dev.apigw.protocol.CborSerializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A REST API's top-level settings, as AWS's {@code RestApi} resource describes them.
 *
 * <p>This record is part of the journal's schema (it travels inside events): add fields only
 * with defaults, never rename one.
 *
 * @param id 10 lowercase alphanumerics, generated
 * @param name the API's name (required, 1-1024 characters)
 * @param description optional free text
 * @param createdDate when the API was created
 * @param version optional version label
 * @param binaryMediaTypes media types treated as binary payloads
 * @param minimumCompressionSize bytes above which responses are compressed, or null when off
 * @param apiKeySource {@code HEADER} or {@code AUTHORIZER}
 * @param endpointTypes {@code EDGE}, {@code REGIONAL} or {@code PRIVATE}
 * @param disableExecuteApiEndpoint whether the default execute-api endpoint is off
 * @param policy the resource policy document, or null
 * @param tags tags on the API
 * @param rootResourceId the id of the API's root resource ({@code /})
 */
public record RestApi(
    String id,
    String name,
    String description,
    Instant createdDate,
    String version,
    List<String> binaryMediaTypes,
    Integer minimumCompressionSize,
    String apiKeySource,
    List<String> endpointTypes,
    boolean disableExecuteApiEndpoint,
    String policy,
    Map<String, String> tags,
    String rootResourceId)
    implements CborSerializable {

  public RestApi withTags(Map<String, String> next) {
    return new RestApi(id, name, description, createdDate, version, binaryMediaTypes, minimumCompressionSize, apiKeySource,
        endpointTypes, disableExecuteApiEndpoint, policy, next, rootResourceId);
  }

  /** Copies collections so that the record is immutable whatever the caller passed. */
  public RestApi {
    binaryMediaTypes = binaryMediaTypes == null ? List.of() : List.copyOf(binaryMediaTypes);
    endpointTypes = endpointTypes == null ? List.of() : List.copyOf(endpointTypes);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }
}
