package dev.apigw.node.controlplane.v2api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.v2.Api;
import dev.apigw.protocol.v2.Authorizer;
import dev.apigw.protocol.v2.Cors;
import dev.apigw.protocol.v2.Deployment;
import dev.apigw.protocol.v2.Integration;
import dev.apigw.protocol.v2.IntegrationResponse;
import dev.apigw.protocol.v2.Route;
import dev.apigw.protocol.v2.RouteResponse;
import dev.apigw.protocol.v2.RouteSettings;
import dev.apigw.protocol.v2.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders the v2 model (WebSocket and HTTP APIs) in apigatewayv2's wire shape: camelCase members, ISO-8601 timestamps,
 * lists as {@code {"items": [...], "nextToken": ...}}.
 */
final class V2ApiJson {
  private final String executeApiDomain;
  private final int dataPlanePort;

  /** {@code executeApiDomain} and {@code dataPlanePort}: where the data plane serves {@code {apiId}.execute-api.<domain>}. */
  V2ApiJson(String executeApiDomain, int dataPlanePort) {
    this.executeApiDomain = executeApiDomain;
    this.dataPlanePort = dataPlanePort;
  }

  /** The API's endpoint on this gateway's data plane: {@code ws://} for WebSocket APIs, {@code http://} for HTTP APIs. */
  String apiEndpoint(Api api) {
    return (api.isHttp() ? "http://" : "ws://") + api.apiId() + ".execute-api." + executeApiDomain + ":" + dataPlanePort;
  }

  ObjectNode api(Api api) {
    ObjectNode out = Json.object();
    out.put("apiEndpoint", apiEndpoint(api));
    out.put("apiId", api.apiId());
    out.put("apiKeySelectionExpression", api.apiKeySelectionExpression());
    if (api.corsConfiguration() != null) {
      out.set("corsConfiguration", cors(api.corsConfiguration()));
    }
    putDate(out, "createdDate", api.createdDate());
    putIfPresent(out, "description", api.description());
    out.put("disableExecuteApiEndpoint", Boolean.TRUE.equals(api.disableExecuteApiEndpoint()));
    out.put("ipAddressType", api.ipAddressTypeOrDefault());
    out.put("name", api.name());
    out.put("protocolType", api.protocolType());
    out.put("routeSelectionExpression", api.routeSelectionExpression());
    putStrings(out, "tags", api.tags());
    putIfPresent(out, "version", api.version());
    return out;
  }

  static ObjectNode cors(Cors c) {
    ObjectNode out = Json.object();
    if (c.allowCredentials() != null) {
      out.put("allowCredentials", c.allowCredentials());
    }
    putList(out, "allowHeaders", c.allowHeaders());
    putList(out, "allowMethods", c.allowMethods());
    putList(out, "allowOrigins", c.allowOrigins());
    putList(out, "exposeHeaders", c.exposeHeaders());
    if (c.maxAge() != null) {
      out.put("maxAge", c.maxAge());
    }
    return out;
  }

  static ObjectNode route(Route r) {
    ObjectNode out = Json.object();
    putTrue(out, "apiGatewayManaged", r.apiGatewayManaged());
    out.put("apiKeyRequired", Boolean.TRUE.equals(r.apiKeyRequired()));
    putList(out, "authorizationScopes", r.authorizationScopes());
    out.put("authorizationType", r.authorizationType());
    putIfPresent(out, "authorizerId", r.authorizerId());
    putIfPresent(out, "modelSelectionExpression", r.modelSelectionExpression());
    putIfPresent(out, "operationName", r.operationName());
    putStrings(out, "requestModels", r.requestModels());
    putConstraints(out, "requestParameters", r.requestParameters());
    out.put("routeId", r.routeId());
    out.put("routeKey", r.routeKey());
    putIfPresent(out, "routeResponseSelectionExpression", r.routeResponseSelectionExpression());
    putIfPresent(out, "target", r.target());
    return out;
  }

  static ObjectNode routeResponse(RouteResponse r) {
    ObjectNode out = Json.object();
    putIfPresent(out, "modelSelectionExpression", r.modelSelectionExpression());
    putStrings(out, "responseModels", r.responseModels());
    putConstraints(out, "responseParameters", r.responseParameters());
    out.put("routeResponseId", r.routeResponseId());
    out.put("routeResponseKey", r.routeResponseKey());
    return out;
  }

  static ObjectNode integration(Integration i) {
    ObjectNode out = Json.object();
    putTrue(out, "apiGatewayManaged", i.apiGatewayManaged());
    putIfPresent(out, "connectionId", i.connectionId());
    out.put("connectionType", i.connectionType());
    putIfPresent(out, "contentHandlingStrategy", i.contentHandlingStrategy());
    putIfPresent(out, "credentialsArn", i.credentialsArn());
    putIfPresent(out, "description", i.description());
    out.put("integrationId", i.integrationId());
    putIfPresent(out, "integrationMethod", i.integrationMethod());
    putIfPresent(out, "integrationResponseSelectionExpression", i.integrationResponseSelectionExpression());
    putIfPresent(out, "integrationSubtype", i.integrationSubtype());
    out.put("integrationType", i.integrationType());
    putIfPresent(out, "integrationUri", i.integrationUri());
    putIfPresent(out, "passthroughBehavior", i.passthroughBehavior());
    putIfPresent(out, "payloadFormatVersion", i.payloadFormatVersion());
    putStrings(out, "requestParameters", i.requestParameters());
    putStrings(out, "requestTemplates", i.requestTemplates());
    if (i.responseParameters() != null && !i.responseParameters().isEmpty()) {
      ObjectNode byStatus = out.putObject("responseParameters");
      i.responseParameters().forEach((status, mappings) -> {
        ObjectNode m = byStatus.putObject(status);
        mappings.forEach(m::put);
      });
    }
    putIfPresent(out, "templateSelectionExpression", i.templateSelectionExpression());
    out.put("timeoutInMillis", i.timeoutInMillis());
    if (i.tlsConfig() != null) {
      ObjectNode tls = out.putObject("tlsConfig");
      putIfPresent(tls, "serverNameToVerify", i.tlsConfig().serverNameToVerify());
    }
    return out;
  }

  static ObjectNode integrationResponse(IntegrationResponse r) {
    ObjectNode out = Json.object();
    putIfPresent(out, "contentHandlingStrategy", r.contentHandlingStrategy());
    out.put("integrationResponseId", r.integrationResponseId());
    out.put("integrationResponseKey", r.integrationResponseKey());
    putStrings(out, "responseParameters", r.responseParameters());
    putStrings(out, "responseTemplates", r.responseTemplates());
    putIfPresent(out, "templateSelectionExpression", r.templateSelectionExpression());
    return out;
  }

  static ObjectNode authorizer(Authorizer a) {
    ObjectNode out = Json.object();
    putIfPresent(out, "authorizerCredentialsArn", a.authorizerCredentialsArn());
    out.put("authorizerId", a.authorizerId());
    putIfPresent(out, "authorizerPayloadFormatVersion", a.authorizerPayloadFormatVersion());
    if (a.authorizerResultTtlInSeconds() != null) {
      out.put("authorizerResultTtlInSeconds", a.authorizerResultTtlInSeconds());
    }
    out.put("authorizerType", a.authorizerType());
    putIfPresent(out, "authorizerUri", a.authorizerUri());
    if (a.enableSimpleResponses() != null) {
      out.put("enableSimpleResponses", a.enableSimpleResponses());
    }
    var sources = out.putArray("identitySource");
    a.identitySource().forEach(sources::add);
    putIfPresent(out, "identityValidationExpression", a.identityValidationExpression());
    if (a.jwtConfiguration() != null) {
      ObjectNode jwt = out.putObject("jwtConfiguration");
      putList(jwt, "audience", a.jwtConfiguration().audience());
      putIfPresent(jwt, "issuer", a.jwtConfiguration().issuer());
    }
    out.put("name", a.name());
    return out;
  }

  static ObjectNode deployment(Deployment d) {
    ObjectNode out = Json.object();
    out.put("autoDeployed", Boolean.TRUE.equals(d.autoDeployed()));
    putDate(out, "createdDate", d.createdDate());
    out.put("deploymentId", d.deploymentId());
    // Deployments are taken synchronously inside the entity: there is no PENDING phase.
    out.put("deploymentStatus", "DEPLOYED");
    putIfPresent(out, "description", d.description());
    return out;
  }

  static ObjectNode stage(Stage s) {
    ObjectNode out = Json.object();
    if (s.accessLogSettings() != null) {
      ObjectNode log = out.putObject("accessLogSettings");
      putIfPresent(log, "destinationArn", s.accessLogSettings().destinationArn());
      putIfPresent(log, "format", s.accessLogSettings().format());
    }
    putTrue(out, "apiGatewayManaged", s.apiGatewayManaged());
    out.put("autoDeploy", s.autoDeploys());
    putDate(out, "createdDate", s.createdDate());
    RouteSettings defaults = s.defaultRouteSettings() == null ? RouteSettings.none() : s.defaultRouteSettings();
    out.set("defaultRouteSettings", routeSettings(defaults));
    putIfPresent(out, "deploymentId", s.deploymentId());
    putIfPresent(out, "description", s.description());
    putIfPresent(out, "lastDeploymentStatusMessage", s.lastDeploymentStatusMessage());
    putDate(out, "lastUpdatedDate", s.lastUpdatedDate());
    ObjectNode routes = out.putObject("routeSettings");
    if (s.routeSettings() != null) {
      s.routeSettings().forEach((key, settings) -> routes.set(key, routeSettings(settings)));
    }
    out.put("stageName", s.stageName());
    ObjectNode variables = out.putObject("stageVariables");
    if (s.stageVariables() != null) {
      s.stageVariables().forEach(variables::put);
    }
    putStrings(out, "tags", s.tags());
    return out;
  }

  private static ObjectNode routeSettings(RouteSettings s) {
    ObjectNode out = Json.object();
    if (s.dataTraceEnabled() != null) {
      out.put("dataTraceEnabled", s.dataTraceEnabled());
    }
    if (s.detailedMetricsEnabled() != null) {
      out.put("detailedMetricsEnabled", s.detailedMetricsEnabled());
    }
    putIfPresent(out, "loggingLevel", s.loggingLevel());
    if (s.throttlingBurstLimit() != null) {
      out.put("throttlingBurstLimit", s.throttlingBurstLimit());
    }
    if (s.throttlingRateLimit() != null) {
      out.put("throttlingRateLimit", s.throttlingRateLimit());
    }
    return out;
  }

  /** A list page: {@code {"items": [...], "nextToken": ...}}. */
  static <T> ObjectNode page(Paging.Page<T> page, Function<T, ObjectNode> render) {
    ObjectNode out = Json.object();
    var items = out.putArray("items");
    page.items().forEach(item -> items.add(render.apply(item)));
    putIfPresent(out, "nextToken", page.position());
    return out;
  }

  /** A list of all items. */
  static <T> ObjectNode all(List<T> items, Function<T, ObjectNode> render) {
    return page(new Paging.Page<>(items, null), render);
  }

  private static void putDate(ObjectNode out, String field, Instant at) {
    if (at != null) {
      out.put(field, at.toString());
    }
  }

  private static void putIfPresent(ObjectNode out, String field, String value) {
    if (value != null) {
      out.put(field, value);
    }
  }

  private static void putTrue(ObjectNode out, String field, Boolean value) {
    if (Boolean.TRUE.equals(value)) {
      out.put(field, true);
    }
  }

  private static void putList(ObjectNode out, String field, List<String> values) {
    if (values != null && !values.isEmpty()) {
      var array = out.putArray(field);
      values.forEach(array::add);
    }
  }

  private static void putStrings(ObjectNode out, String field, Map<String, String> values) {
    if (values != null && !values.isEmpty()) {
      ObjectNode map = out.putObject(field);
      values.forEach(map::put);
    }
  }

  private static void putConstraints(ObjectNode out, String field, Map<String, Boolean> values) {
    if (values != null && !values.isEmpty()) {
      ObjectNode map = out.putObject(field);
      values.forEach((name, required) -> map.putObject(name).put("required", required));
    }
  }
}
