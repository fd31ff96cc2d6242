package dev.apigw.protocol.v2;

import dev.apigw.protocol.v2.Route;
import dev.apigw.protocol.v2.Maps;
import dev.apigw.protocol.v2.Integration;
import dev.apigw.protocol.v2.Deployment;
import dev.apigw.protocol.v2.Authorizer;
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
public record Definition(
    Map<String, Route> routes, Map<String, Integration> integrations, Map<String, Authorizer> authorizers)
    implements CborSerializable {
  public Definition {
    routes = Maps.copy(routes);
    integrations = Maps.copy(integrations);
    authorizers = Maps.copy(authorizers);
  }

  /** Nothing defined yet. */
  public static Definition empty() {
    return new Definition(Map.of(), Map.of(), Map.of());
  }

  public Definition withRoute(Route route) {
    return new Definition(Maps.with(routes, route.routeId(), route), integrations, authorizers);
  }

  public Definition withoutRoute(String routeId) {
    return new Definition(Maps.without(routes, routeId), integrations, authorizers);
  }

  public Definition withIntegration(Integration integration) {
    return new Definition(routes, Maps.with(integrations, integration.integrationId(), integration), authorizers);
  }

  public Definition withoutIntegration(String integrationId) {
    return new Definition(routes, Maps.without(integrations, integrationId), authorizers);
  }

  public Definition withAuthorizer(Authorizer authorizer) {
    return new Definition(routes, integrations, Maps.with(authorizers, authorizer.authorizerId(), authorizer));
  }

  public Definition withoutAuthorizer(String authorizerId) {
    return new Definition(routes, integrations, Maps.without(authorizers, authorizerId));
  }
}
