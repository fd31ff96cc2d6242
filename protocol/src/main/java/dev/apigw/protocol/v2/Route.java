package dev.apigw.protocol.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.apigw.protocol.CborSerializable;
import java.util.List;
import java.util.Map;

/**
 * A route of an apigatewayv2 API: the messages (WebSocket) or requests (HTTP, key {@code METHOD /path} or
 * {@code $default}) whose selected key is {@link #routeKey} go to {@link #target}. Its route responses live inside it, so a deployment's copy is complete. As a partial
 * update (UpdateRoute), null fields mean "unchanged".
 *
 * @param routeId 7 lowercase alphanumerics
 * @param routeKey {@code $connect}, {@code $disconnect}, {@code $default} or a custom key
 * @param target {@code integrations/{integrationId}}, or null
 * @param authorizationType NONE, AWS_IAM, CUSTOM or (HTTP APIs) JWT
 * @param authorizerId the authorizer of a CUSTOM route
 * @param apiKeyRequired whether an API key is required
 * @param routeResponseSelectionExpression {@code $default} for a two-way route, or null
 * @param modelSelectionExpression optional
 * @param operationName optional
 * @param requestModels content type to model name
 * @param requestParameters {@code route.request.header.X} / {@code route.request.querystring.X} to required
 * @param responses route responses by id
 * @param authorizationScopes an HTTP API JWT route's required scopes (any one suffices), or null
 * @param apiGatewayManaged whether quick create made it (then only the API's changes change it), or null
 */
public record Route(
    String routeId,
    String routeKey,
    String target,
    String authorizationType,
    String authorizerId,
    Boolean apiKeyRequired,
    String routeResponseSelectionExpression,
    String modelSelectionExpression,
    String operationName,
    Map<String, String> requestModels,
    Map<String, Boolean> requestParameters,
    Map<String, RouteResponse> responses,
    List<String> authorizationScopes,
    Boolean apiGatewayManaged)
    implements CborSerializable {
  @JsonCreator
  public Route {
    requestModels = Maps.copyOrNull(requestModels);
    requestParameters = Maps.copyOrNull(requestParameters);
    // Never null: a stored route or integration always has its (possibly empty) responses.
    responses = Maps.copy(responses);
    authorizationScopes = authorizationScopes == null ? null : List.copyOf(authorizationScopes);
  }

  /** A route without the HTTP-only fields (every WebSocket route). */
  public Route(String routeId, String routeKey, String target, String authorizationType, String authorizerId,
      Boolean apiKeyRequired, String routeResponseSelectionExpression, String modelSelectionExpression,
      String operationName, Map<String, String> requestModels, Map<String, Boolean> requestParameters,
      Map<String, RouteResponse> responses) {
    this(routeId, routeKey, target, authorizationType, authorizerId, apiKeyRequired, routeResponseSelectionExpression,
        modelSelectionExpression, operationName, requestModels, requestParameters, responses, null, null);
  }

  /** The id of the integration {@link #target} names, or null. */
  public String targetIntegrationId() {
    return target == null || !target.startsWith("integrations/") ? null : target.substring("integrations/".length());
  }

  /** This route with the set fields of {@code changes}; the id and responses never change this way. */
  public Route withChanges(Route changes) {
    return new Route(
        routeId,
        Maps.pick(changes.routeKey(), routeKey),
        Maps.pick(changes.target(), target),
        Maps.pick(changes.authorizationType(), authorizationType),
        Maps.pick(changes.authorizerId(), authorizerId),
        Maps.pick(changes.apiKeyRequired(), apiKeyRequired),
        Maps.pick(changes.routeResponseSelectionExpression(), routeResponseSelectionExpression),
        Maps.pick(changes.modelSelectionExpression(), modelSelectionExpression),
        Maps.pick(changes.operationName(), operationName),
        Maps.pick(changes.requestModels(), requestModels),
        Maps.pick(changes.requestParameters(), requestParameters),
        responses,
        Maps.pick(changes.authorizationScopes(), authorizationScopes),
        Maps.pick(changes.apiGatewayManaged(), apiGatewayManaged));
  }

  /** This route with {@code response} added or replaced. */
  public Route withResponse(RouteResponse response) {
    return new Route(routeId, routeKey, target, authorizationType, authorizerId, apiKeyRequired,
        routeResponseSelectionExpression, modelSelectionExpression, operationName, requestModels, requestParameters,
        Maps.with(Maps.copy(responses), response.routeResponseId(), response), authorizationScopes, apiGatewayManaged);
  }

  /** This route without response {@code routeResponseId}. */
  public Route withoutResponse(String routeResponseId) {
    return new Route(routeId, routeKey, target, authorizationType, authorizerId, apiKeyRequired,
        routeResponseSelectionExpression, modelSelectionExpression, operationName, requestModels, requestParameters,
        Maps.without(Maps.copy(responses), routeResponseId), authorizationScopes, apiGatewayManaged);
  }
}
