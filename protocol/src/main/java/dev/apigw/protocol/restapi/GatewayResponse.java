package dev.apigw.protocol.restapi;

import dev.apigw.protocol.CborSerializable;
import java.util.Map;

/**
 * A customised gateway response for one error type (e.g. {@code DEFAULT_4XX}, {@code THROTTLED}).
 *
 * @param responseType AWS's response type name
 * @param statusCode the status to answer with, or null to keep the type's default
 * @param responseParameters header to value
 * @param responseTemplates content type to template
 */
public record GatewayResponse(
    String responseType, String statusCode, Map<String, String> responseParameters, Map<String, String> responseTemplates)
    implements CborSerializable {
  public GatewayResponse {
    responseParameters = responseParameters == null ? Map.of() : Map.copyOf(responseParameters);
    responseTemplates = responseTemplates == null ? Map.of() : Map.copyOf(responseTemplates);
  }
}
