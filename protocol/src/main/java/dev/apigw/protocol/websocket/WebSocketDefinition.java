package dev.apigw.protocol.websocket;

import dev.apigw.protocol.CborSerializable;
import java.util.Map;

/**
 * What a WebSocket API serves: routes (with their responses), integrations (with theirs) and
 * authorizers. Immutable: every change makes a new definition, so a {@link Deployment} can hold one as is.
 *
 * @param routes by route id
 * @param integrations by integration id
 * @param authorizers by authorizer id
 */
public record WebSocketDefinition(
    Map<String, Route> routes, Map<String, Integration> integrations, Map<String, Authorizer> authorizers)
    implements CborSerializable {
  public WebSocketDefinition {
    routes = Maps.copy(routes);
    integrations = Maps.copy(integrations);
    authorizers = Maps.copy(authorizers);
  }

  /** Nothing defined yet. */
  public static WebSocketDefinition empty() {
    return new WebSocketDefinition(Map.of(), Map.of(), Map.of());
  }

  public WebSocketDefinition withRoute(Route route) {
    return new WebSocketDefinition(Maps.with(routes, route.routeId(), route), integrations, authorizers);
  }

  public WebSocketDefinition withoutRoute(String routeId) {
    return new WebSocketDefinition(Maps.without(routes, routeId), integrations, authorizers);
  }

  public WebSocketDefinition withIntegration(Integration integration) {
    return new WebSocketDefinition(routes, Maps.with(integrations, integration.integrationId(), integration), authorizers);
  }

  public WebSocketDefinition withoutIntegration(String integrationId) {
    return new WebSocketDefinition(routes, Maps.without(integrations, integrationId), authorizers);
  }

  public WebSocketDefinition withAuthorizer(Authorizer authorizer) {
    return new WebSocketDefinition(routes, integrations, Maps.with(authorizers, authorizer.authorizerId(), authorizer));
  }

  public WebSocketDefinition withoutAuthorizer(String authorizerId) {
    return new WebSocketDefinition(routes, integrations, Maps.without(authorizers, authorizerId));
  }
}
