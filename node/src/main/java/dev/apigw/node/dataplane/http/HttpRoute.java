package dev.apigw.node.dataplane.http;

import dev.apigw.node.awsservice.IntegrationSubtypes;
import dev.apigw.node.dataplane.authorizers.CompiledAuthorizer;
import dev.apigw.node.dataplane.integration.UriTemplate;
import dev.apigw.protocol.v2.Authorizer;
import dev.apigw.protocol.v2.Definition;
import dev.apigw.protocol.v2.Integration;
import dev.apigw.protocol.v2.Route;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A route of an HTTP API deployment, compiled once: its integration (uri template, parameter mappings, timeout) and
 * authorizer, ready for every request it matches.
 *
 * @param route the route
 * @param integration its integration, or null when it has none (requests then get 500)
 * @param uri the integration's uri, parsed
 * @param timeout the integration's {@code timeoutInMillis} (default 30 s)
 * @param requestMapping the integration's {@code requestParameters}
 * @param responseMappings status code to that code's {@code responseParameters}
 * @param authorizer the route's authorizer ({@code JWT} or {@code CUSTOM}), or null
 * @param lambdaAuthorizer the compiled Lambda authorizer of a {@code CUSTOM} route, or null
 * @param subtype the integration's {@code integrationSubtype} (an AWS service action), or null when it names none
 *     AWS knows
 */
public record HttpRoute(Route route, Integration integration, UriTemplate uri, Duration timeout,
    ParameterMapping requestMapping, Map<String, ParameterMapping> responseMappings, Authorizer authorizer,
    CompiledAuthorizer lambdaAuthorizer, IntegrationSubtypes.Subtype subtype) {

  /** AWS's default and maximum integration timeout for HTTP APIs. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Compiles {@code route} of {@code definition}. */
  public static HttpRoute compile(Route route, Definition definition) {
    String integrationId = route.targetIntegrationId();
    Integration integration = integrationId == null ? null : definition.integrations().get(integrationId);
    UriTemplate uri = integration == null || integration.integrationUri() == null ? null
        : new UriTemplate(integration.integrationUri());
    Duration timeout = integration == null || integration.timeoutInMillis() == null ? DEFAULT_TIMEOUT
        : Duration.ofMillis(Math.max(50, Math.min(30_000, integration.timeoutInMillis())));
    Map<String, ParameterMapping> responses = new HashMap<>();
    if (integration != null && integration.responseParameters() != null) {
      integration.responseParameters().forEach((status, params) -> responses.put(status, ParameterMapping.compile(params)));
    }
    Authorizer authorizer = route.authorizerId() == null ? null : definition.authorizers().get(route.authorizerId());
    CompiledAuthorizer lambda = authorizer != null && "REQUEST".equals(authorizer.authorizerType())
        ? CompiledAuthorizer.compile(authorizer) : null;
    return new HttpRoute(route, integration, uri, timeout,
        integration == null ? ParameterMapping.NONE : ParameterMapping.compile(integration.requestParameters()),
        Map.copyOf(responses), authorizer, lambda,
        integration == null ? null : IntegrationSubtypes.of(integration.integrationSubtype()));
  }

  /** The route's authorization scopes, never null. */
  public List<String> scopes() {
    return route.authorizationScopes() == null ? List.of() : route.authorizationScopes();
  }

  /** The integration's payload format version: 2.0 unless it says 1.0. */
  public boolean payloadV1() {
    return integration != null && "1.0".equals(integration.payloadFormatVersion());
  }
}
