package dev.apigw.node.dataplane.validation;

import com.networknt.schema.Schema;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A method's request models by content type, compiled. AWS picks the model whose content type
 * matches the request's media type, else the {@code $default} model, else validates nothing.
 */
final class RequestModels {

  /** The content type key of the model used when no other matches. */
  static final String DEFAULT = "$default";

  /** AWS's assumption when a request has no {@code Content-Type}. */
  static final String ABSENT_CONTENT_TYPE = "application/json";

  private final Map<String, Schema> byMediaType;

  private RequestModels(Map<String, Schema> byMediaType) {
    this.byMediaType = byMediaType;
  }

  /**
   * Compiles each model once, however many content types use it; empty when there are none.
   *
   * @throws IllegalArgumentException naming a model that does not compile
   */
  static Optional<RequestModels> compile(Map<String, String> requestModels, ModelSchemas schemas) {
    if (requestModels.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Schema> byModel = new HashMap<>();
    Map<String, Schema> byMediaType = new HashMap<>();
    requestModels.forEach((contentType, model) ->
        byMediaType.put(mediaType(contentType), byModel.computeIfAbsent(model, schemas::compile)));
    return Optional.of(new RequestModels(Map.copyOf(byMediaType)));
  }

  /** The schema for a request's {@code Content-Type} header value (null when absent); empty when none applies. */
  Optional<Schema> forContentType(String contentType) {
    String mediaType = contentType == null || contentType.isBlank() ? ABSENT_CONTENT_TYPE : mediaType(contentType);
    Schema schema = byMediaType.get(mediaType);
    return Optional.ofNullable(schema != null ? schema : byMediaType.get(DEFAULT));
  }

  /** {@code Application/JSON; charset=UTF-8} becomes {@code application/json}. */
  static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }
}
