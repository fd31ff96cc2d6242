package dev.apigw.protocol.v2;

import dev.apigw.protocol.CborSerializable;
import java.util.Map;

/**
 * How an integration's answer is mapped back to the client.
 *
 * @param integrationResponseId 7 lowercase alphanumerics
 * @param integrationResponseKey {@code $default} or a status-code pattern such as {@code /2\d\d/}
 * @param responseParameters target to source
 * @param responseTemplates selection key to VTL template
 * @param templateSelectionExpression optional
 * @param contentHandlingStrategy CONVERT_TO_BINARY, CONVERT_TO_TEXT or null
 */
public record IntegrationResponse(
    String integrationResponseId,
    String integrationResponseKey,
    Map<String, String> responseParameters,
    Map<String, String> responseTemplates,
    String templateSelectionExpression,
    String contentHandlingStrategy)
    implements CborSerializable {
  public IntegrationResponse {
    responseParameters = Maps.copy(responseParameters);
    responseTemplates = Maps.copy(responseTemplates);
  }
}
