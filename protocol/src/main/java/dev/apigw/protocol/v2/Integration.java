package dev.apigw.protocol.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.apigw.protocol.CborSerializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A backend that routes send messages (WebSocket) or requests (HTTP) to. Its integration responses live inside it, so a
 * deployment's copy is complete. As a partial update (UpdateIntegration), null fields mean "unchanged".
 *
 * @param integrationId 7 lowercase alphanumerics
 * @param integrationType AWS, AWS_PROXY, HTTP, HTTP_PROXY or MOCK
 * @param integrationUri the backend's URI (none for MOCK)
 * @param integrationMethod the HTTP method towards the backend
 * @param connectionType INTERNET, or VPC_LINK (an HTTP API's private integration)
 * @param credentialsArn optional
 * @param description optional
 * @param requestParameters target to source; for HTTP APIs parameter mapping keys such as {@code append:header.x},
 *     {@code overwrite:querystring.y}, {@code remove:header.z}, {@code overwrite:path}
 * @param requestTemplates selection key to VTL template
 * @param templateSelectionExpression optional
 * @param passthroughBehavior WHEN_NO_MATCH, NEVER or WHEN_NO_TEMPLATES
 * @param timeoutInMillis 50-29000 (WebSocket), 50-30000 (HTTP)
 * @param contentHandlingStrategy CONVERT_TO_BINARY, CONVERT_TO_TEXT or null
 * @param integrationResponseSelectionExpression optional
 * @param responses integration responses by id
 * @param payloadFormatVersion an HTTP API's Lambda payload version, {@code 1.0} or {@code 2.0}, or null
 * @param integrationSubtype an AWS service action of an HTTP API's AWS_PROXY integration (e.g.
 *     {@code SQS-SendMessage}), or null
 * @param responseParameters an HTTP API's response mapping: status code to {@code {"overwrite:header.x": "..."}}
 *     (incl. {@code overwrite:statuscode}), or null
 * @param apiGatewayManaged whether quick create made it, or null
 * @param tlsConfig TLS settings towards the backend, or null
 * @param connectionId the HTTP API VPC link of a {@code VPC_LINK} connection, or null
 */
public record Integration(
    String integrationId,
    String integrationType,
    String integrationUri,
    String integrationMethod,
    String connectionType,
    String credentialsArn,
    String description,
    Map<String, String> requestParameters,
    Map<String, String> requestTemplates,
    String templateSelectionExpression,
    String passthroughBehavior,
    Integer timeoutInMillis,
    String contentHandlingStrategy,
    String integrationResponseSelectionExpression,
    Map<String, IntegrationResponse> responses,
    String payloadFormatVersion,
    String integrationSubtype,
    Map<String, Map<String, String>> responseParameters,
    Boolean apiGatewayManaged,
    TlsConfig tlsConfig,
    String connectionId)
    implements CborSerializable {
  @JsonCreator
  public Integration {
    requestParameters = Maps.copyOrNull(requestParameters);
    requestTemplates = Maps.copyOrNull(requestTemplates);
    // Never null: a stored route or integration always has its (possibly empty) responses.
    responses = Maps.copy(responses);
    responseParameters = deepCopy(responseParameters);
  }

  /** An integration without a VPC link. */
  public Integration(String integrationId, String integrationType, String integrationUri, String integrationMethod,
      String connectionType, String credentialsArn, String description, Map<String, String> requestParameters,
      Map<String, String> requestTemplates, String templateSelectionExpression, String passthroughBehavior,
      Integer timeoutInMillis, String contentHandlingStrategy, String integrationResponseSelectionExpression,
      Map<String, IntegrationResponse> responses, String payloadFormatVersion, String integrationSubtype,
      Map<String, Map<String, String>> responseParameters, Boolean apiGatewayManaged, TlsConfig tlsConfig) {
    this(integrationId, integrationType, integrationUri, integrationMethod, connectionType, credentialsArn, description,
        requestParameters, requestTemplates, templateSelectionExpression, passthroughBehavior, timeoutInMillis,
        contentHandlingStrategy, integrationResponseSelectionExpression, responses, payloadFormatVersion,
        integrationSubtype, responseParameters, apiGatewayManaged, tlsConfig, null);
  }

  /** An integration without the HTTP-only fields (every WebSocket integration). */
  public Integration(String integrationId, String integrationType, String integrationUri, String integrationMethod,
      String connectionType, String credentialsArn, String description, Map<String, String> requestParameters,
      Map<String, String> requestTemplates, String templateSelectionExpression, String passthroughBehavior,
      Integer timeoutInMillis, String contentHandlingStrategy, String integrationResponseSelectionExpression,
      Map<String, IntegrationResponse> responses) {
    this(integrationId, integrationType, integrationUri, integrationMethod, connectionType, credentialsArn, description,
        requestParameters, requestTemplates, templateSelectionExpression, passthroughBehavior, timeoutInMillis,
        contentHandlingStrategy, integrationResponseSelectionExpression, responses, null, null, null, null, null);
  }

  private static Map<String, Map<String, String>> deepCopy(Map<String, Map<String, String>> map) {
    if (map == null) {
      return null;
    }
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    map.forEach((status, mappings) -> copy.put(status, Maps.copy(mappings)));
    return Map.copyOf(copy);
  }

  /** This integration with the set fields of {@code changes}; the id and responses never change this way. */
  public Integration withChanges(Integration changes) {
    return new Integration(
        integrationId,
        Maps.pick(changes.integrationType(), integrationType),
        Maps.pick(changes.integrationUri(), integrationUri),
        Maps.pick(changes.integrationMethod(), integrationMethod),
        Maps.pick(changes.connectionType(), connectionType),
        Maps.pick(changes.credentialsArn(), credentialsArn),
        Maps.pick(changes.description(), description),
        Maps.pick(changes.requestParameters(), requestParameters),
        Maps.pick(changes.requestTemplates(), requestTemplates),
        Maps.pick(changes.templateSelectionExpression(), templateSelectionExpression),
        Maps.pick(changes.passthroughBehavior(), passthroughBehavior),
        Maps.pick(changes.timeoutInMillis(), timeoutInMillis),
        Maps.pick(changes.contentHandlingStrategy(), contentHandlingStrategy),
        Maps.pick(changes.integrationResponseSelectionExpression(), integrationResponseSelectionExpression),
        responses,
        Maps.pick(changes.payloadFormatVersion(), payloadFormatVersion),
        Maps.pick(changes.integrationSubtype(), integrationSubtype),
        Maps.pick(changes.responseParameters(), responseParameters),
        Maps.pick(changes.apiGatewayManaged(), apiGatewayManaged),
        Maps.pick(changes.tlsConfig(), tlsConfig),
        Maps.pick(changes.connectionId(), connectionId));
  }

  /** This integration with {@code response} added or replaced. */
  public Integration withResponse(IntegrationResponse response) {
    return withResponses(Maps.with(Maps.copy(responses), response.integrationResponseId(), response));
  }

  /** This integration without response {@code integrationResponseId}. */
  public Integration withoutResponse(String integrationResponseId) {
    return withResponses(Maps.without(Maps.copy(responses), integrationResponseId));
  }

  private Integration withResponses(Map<String, IntegrationResponse> next) {
    return new Integration(integrationId, integrationType, integrationUri, integrationMethod, connectionType,
        credentialsArn, description, requestParameters, requestTemplates, templateSelectionExpression,
        passthroughBehavior, timeoutInMillis, contentHandlingStrategy, integrationResponseSelectionExpression, next,
        payloadFormatVersion, integrationSubtype, responseParameters, apiGatewayManaged, tlsConfig, connectionId);
  }
}
