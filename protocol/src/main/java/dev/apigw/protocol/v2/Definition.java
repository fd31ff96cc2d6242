package dev.apigw.protocol.v2;

import dev.apigw.protocol.CborSerializable;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ConflictException;
import dev.apigw.protocol.errors.NotFoundException;
import java.util.Map;

/**
 * What an apigatewayv2 API serves: routes (with their responses), integrations (with theirs) and authorizers.
 * Immutable: every change makes a new definition, so a {@link Deployment} can hold one as is. The lookups and the
 * checks of a proposed change live here, so the entity only decides which events a valid command persists.
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

  // ---- lookups: AWS's NotFoundException for an unknown id

  public Route route(String routeId) {
    Route r = routes.get(routeId);
    if (r == null) {
      throw new NotFoundException("Invalid Route identifier specified " + routeId);
    }
    return r;
  }

  public RouteResponse routeResponse(String routeId, String routeResponseId) {
    RouteResponse r = route(routeId).responses().get(routeResponseId);
    if (r == null) {
      throw new NotFoundException("Invalid RouteResponse identifier specified " + routeResponseId);
    }
    return r;
  }

  public Integration integration(String integrationId) {
    Integration i = integrations.get(integrationId);
    if (i == null) {
      throw new NotFoundException("Invalid Integration identifier specified " + integrationId);
    }
    return i;
  }

  public IntegrationResponse integrationResponse(String integrationId, String integrationResponseId) {
    IntegrationResponse r = integration(integrationId).responses().get(integrationResponseId);
    if (r == null) {
      throw new NotFoundException("Invalid IntegrationResponse identifier specified " + integrationResponseId);
    }
    return r;
  }

  public Authorizer authorizer(String authorizerId) {
    Authorizer a = authorizers.get(authorizerId);
    if (a == null) {
      throw new NotFoundException("Invalid Authorizer identifier specified " + authorizerId);
    }
    return a;
  }

  /** The route with route key {@code routeKey} (e.g. {@code GET /pets/{id}}, {@code $default}), if any. */
  public java.util.Optional<Route> routeByKey(String routeKey) {
    return routes.values().stream().filter(r -> r.routeKey().equals(routeKey)).findFirst();
  }

  /** Routes by route key (route keys are unique within an API). */
  public Map<String, Route> routesByKey() {
    Map<String, Route> byKey = new java.util.HashMap<>();
    routes.values().forEach(r -> byKey.put(r.routeKey(), r));
    return Map.copyOf(byKey);
  }

  // ---- checks of a proposed change: AWS's errors, nothing changed

  /**
   * Checks a new or changed route: a unique route key, a target that is an integration of this API, and an
   * authorization that fits the API's protocol (a WebSocket API authorizes only {@code $connect}).
   */
  public void checkRoute(Route route, String protocolType) {
    routes.values().stream()
        .filter(r -> !r.routeId().equals(route.routeId()) && r.routeKey().equals(route.routeKey()))
        .findFirst()
        .ifPresent(r -> {
          throw new ConflictException("Route with key " + route.routeKey() + " already exists for this API");
        });
    if (route.target() != null) {
      String integrationId = route.targetIntegrationId();
      if (integrationId == null || !integrations.containsKey(integrationId)) {
        throw new BadRequestException("Invalid target: " + route.target()
            + " (expected: integrations/{integrationId} of an integration of this API)");
      }
    }
    if (Api.WEBSOCKET.equals(protocolType) && route.authorizationType() != null
        && !"NONE".equals(route.authorizationType()) && !"$connect".equals(route.routeKey())) {
      throw new BadRequestException("authorizationType " + route.authorizationType() + " on route " + route.routeKey()
          + " (expected: NONE; WebSocket APIs authorize only the $connect route)");
    }
    if ("CUSTOM".equals(route.authorizationType())
        && (route.authorizerId() == null || !authorizers.containsKey(route.authorizerId()))) {
      throw new BadRequestException("Invalid authorizerId: " + route.authorizerId()
          + " (expected: an authorizer of this API for authorizationType CUSTOM)");
    }
    if (Api.HTTP.equals(protocolType)) {
      checkHttpRouteAuthorization(route);
    }
  }

  /** An HTTP API route's authorizer has the kind its authorization type names; scopes go with JWT only. */
  private void checkHttpRouteAuthorization(Route route) {
    String type = route.authorizationType();
    Authorizer authorizer = route.authorizerId() == null ? null : authorizers.get(route.authorizerId());
    if ("JWT".equals(type) && (authorizer == null || !"JWT".equals(authorizer.authorizerType()))) {
      throw new BadRequestException("Invalid authorizerId: " + route.authorizerId()
          + " (expected: a JWT authorizer of this API for authorizationType JWT)");
    }
    if ("CUSTOM".equals(type) && !"REQUEST".equals(authorizer.authorizerType())) {
      throw new BadRequestException("Invalid authorizerId: " + route.authorizerId()
          + " (expected: a REQUEST authorizer of this API for authorizationType CUSTOM)");
    }
    if (route.authorizerId() != null && !"JWT".equals(type) && !"CUSTOM".equals(type)) {
      throw new BadRequestException("authorizerId " + route.authorizerId() + " with authorizationType " + type
          + " (expected: authorizationType JWT or CUSTOM for a route with an authorizer)");
    }
    if (route.authorizationScopes() != null && !route.authorizationScopes().isEmpty() && !"JWT".equals(type)) {
      throw new BadRequestException(
          "authorizationScopes are supported only for authorizationType JWT (the route has " + type + ")");
    }
  }

  /** Checks every route that uses authorizer {@code authorizerId} (after a change of that authorizer). */
  public void checkRoutesOf(String authorizerId, String protocolType) {
    routes.values().stream().filter(r -> authorizerId.equals(r.authorizerId()))
        .forEach(r -> withoutRoute(r.routeId()).checkRoute(r, protocolType));
  }

  /**
   * Checks an HTTP API integration as a whole (after a partial update too): a payload format version that fits its
   * type. WebSocket integrations have no such rule.
   */
  public static void checkIntegration(Integration integration, String protocolType) {
    if (!Api.HTTP.equals(protocolType)) {
      return;
    }
    String type = integration.integrationType();
    String version = integration.payloadFormatVersion();
    if ("AWS_PROXY".equals(type) && integration.integrationSubtype() == null && version == null) {
      throw new BadRequestException("payloadFormatVersion is required for AWS_PROXY integrations (expected: 1.0 or 2.0)");
    }
    if (("HTTP_PROXY".equals(type) || integration.integrationSubtype() != null) && version != null
        && !"1.0".equals(version)) {
      throw new BadRequestException("Invalid payloadFormatVersion: " + version + " for "
          + (integration.integrationSubtype() != null ? "integrationSubtype " + integration.integrationSubtype()
              : "integrationType HTTP_PROXY") + " (expected: 1.0)");
    }
  }

  /** Checks that route {@code routeId} exists and has no response with {@code response}'s key yet. */
  public void checkNewRouteResponse(String routeId, RouteResponse response) {
    String key = response.routeResponseKey();
    if (route(routeId).responses().values().stream().anyMatch(r -> r.routeResponseKey().equals(key))) {
      throw new ConflictException("RouteResponse with key " + key + " already exists for route " + routeId);
    }
  }

  /** Checks that integration {@code integrationId} exists and has no response with {@code response}'s key yet. */
  public void checkNewIntegrationResponse(String integrationId, IntegrationResponse response) {
    String key = response.integrationResponseKey();
    if (integration(integrationId).responses().values().stream()
        .anyMatch(r -> r.integrationResponseKey().equals(key))) {
      throw new ConflictException(
          "IntegrationResponse with key " + key + " already exists for integration " + integrationId);
    }
  }

  /** Checks that integration {@code integrationId} exists and no route targets it. */
  public void checkIntegrationDeletable(String integrationId) {
    integration(integrationId);
    routes.values().stream()
        .filter(r -> integrationId.equals(r.targetIntegrationId()))
        .findFirst()
        .ifPresent(r -> {
          throw new BadRequestException("Integration " + integrationId + " is the target of route "
              + r.routeKey() + " (" + r.routeId() + "); change or delete that route first");
        });
  }

  /** Checks that authorizer {@code authorizerId} exists and no route uses it. */
  public void checkAuthorizerDeletable(String authorizerId) {
    authorizer(authorizerId);
    routes.values().stream()
        .filter(r -> authorizerId.equals(r.authorizerId()))
        .findFirst()
        .ifPresent(r -> {
          throw new BadRequestException("Authorizer " + authorizerId + " is used by route "
              + r.routeKey() + " (" + r.routeId() + "); change or delete that route first");
        });
  }

  /** Checks that every key of a stage's route settings is the route key of a route of this API. */
  public void checkRouteSettingsKeys(java.util.Set<String> keys) {
    java.util.Set<String> routeKeys = routes.values().stream().map(Route::routeKey)
        .collect(java.util.stream.Collectors.toSet());
    for (String key : keys) {
      if (!routeKeys.contains(key)) {
        throw new BadRequestException(
            "Invalid routeSettings key: " + key + " (expected: the route key of a route of this API)");
      }
    }
  }
}
