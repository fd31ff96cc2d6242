package dev.apigw.protocol.restapi;

import dev.apigw.protocol.CborSerializable;
import java.util.Map;

/**
 * How a backend response maps to a method response.
 *
 * @param statusCode the method response status it produces
 * @param selectionPattern regex over the backend status (HTTP) or error message (Lambda); null = default
 * @param responseParameters method response header to mapping expression
 * @param responseTemplates content type to VTL template
 * @param contentHandling CONVERT_TO_BINARY, CONVERT_TO_TEXT or null
 */
public record IntegrationResponse(
    String statusCode,
    String selectionPattern,
    Map<String, String> responseParameters,
    Map<String, String> responseTemplates,
    String contentHandling)
    implements CborSerializable {
  public IntegrationResponse {
    responseParameters = responseParameters == null ? Map.of() : Map.copyOf(responseParameters);
    responseTemplates = responseTemplates == null ? Map.of() : Map.copyOf(responseTemplates);
  }
}
