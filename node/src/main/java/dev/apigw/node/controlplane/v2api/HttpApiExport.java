package dev.apigw.node.controlplane.v2api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.v2.Api;
import dev.apigw.protocol.v2.Authorizer;
import dev.apigw.protocol.v2.Definition;
import dev.apigw.protocol.v2.Integration;
import dev.apigw.protocol.v2.Route;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP API -> OpenAPI 3.0 (ExportApi, specification OAS30), in the shape {@link HttpApiImport} reads back: each
 * route an operation ({@code $default} as {@code x-amazon-apigateway-any-method} with {@code isDefaultRoute}), with
 * its path parameters, security and, with extensions, its {@code x-amazon-apigateway-integration}; authorizers as
 * security schemes; the CORS configuration as {@code x-amazon-apigateway-cors}.
 */
final class HttpApiExport {
  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}+]+)\\+?}");

  private HttpApiExport() {}

  /** The document as JSON or YAML text ({@code outputType}). */
  static String render(ObjectNode doc, String outputType) {
    try {
      if ("JSON".equals(outputType)) {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
      }
      if ("YAML".equals(outputType)) {
        return io.swagger.v3.core.util.Yaml.mapper().writeValueAsString(doc);
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A tree built here did not write", e);
    }
    throw new BadRequestException("Invalid outputType: " + outputType + " (expected: YAML or JSON)");
  }

  /** {@code definition} of {@code api} (a stage's deployment, or the current one) served at {@code serverUrl}. */
  static ObjectNode document(Api api, Definition definition, String serverUrl, boolean extensions) {
    ObjectNode doc = Json.object().put("openapi", "3.0.1");
    ObjectNode info = doc.putObject("info").put("title", api.name());
    if (api.description() != null) {
      info.put("description", api.description());
    }
    info.put("version", api.version() != null ? api.version() : api.createdDate().toString());
    doc.putArray("servers").addObject().put("url", serverUrl);
    ObjectNode paths = doc.putObject("paths");
    // By path, then method: a path's operations stay together, as in a hand-written document.
    definition.routes().values().stream().sorted(Comparator.comparing(HttpApiExport::pathThenMethod)).forEach(route -> {
      boolean defaultRoute = route.routeKey().equals(HttpApiRequests.DEFAULT_ROUTE);
      String method = defaultRoute ? "ANY" : route.routeKey().substring(0, route.routeKey().indexOf(' '));
      // "/$default": a path OpenAPI parsers accept; isDefaultRoute says what it is.
      String path = defaultRoute ? "/$default" : route.routeKey().substring(method.length() + 1);
      ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
      ObjectNode op = item.putObject(method.equals("ANY") ? HttpApiImport.ANY_METHOD : method.toLowerCase(Locale.ROOT));
      if (defaultRoute) {
        op.put("isDefaultRoute", true);
      }
      if (route.operationName() != null) {
        op.put("operationId", route.operationName());
      }
      Matcher vars = PATH_VARIABLE.matcher(path);
      ArrayNode parameters = null;
      while (vars.find()) {
        parameters = parameters == null ? op.putArray("parameters") : parameters;
        ObjectNode p = parameters.addObject().put("name", vars.group(1)).put("in", "path").put("required", true);
        p.putObject("schema").put("type", "string");
      }
      op.putObject("responses").putObject("default").put("description", "Default response for " + route.routeKey());
      security(route, definition, op);
      String integrationId = route.targetIntegrationId();
      if (extensions && integrationId != null && definition.integrations().containsKey(integrationId)) {
        op.set(HttpApiImport.INTEGRATION, integration(definition.integrations().get(integrationId)));
      }
    });
    ObjectNode schemes = Json.object();
    definition.authorizers().values().stream().sorted(Comparator.comparing(Authorizer::name))
        .forEach(a -> schemes.set(a.name(), scheme(a, extensions)));
    if (definition.routes().values().stream().anyMatch(r -> "AWS_IAM".equals(r.authorizationType()))) {
      ObjectNode sigv4 = schemes.putObject("sigv4").put("type", "apiKey").put("name", "Authorization").put("in", "header");
      sigv4.put(HttpApiImport.AUTH_TYPE, HttpApiImport.SIGV4);
    }
    if (!schemes.isEmpty()) {
      doc.putObject("components").set("securitySchemes", schemes);
    }
    if (extensions && api.corsConfiguration() != null) {
      doc.set(HttpApiImport.CORS, V2ApiJson.cors(api.corsConfiguration()));
    }
    if (extensions) {
      doc.put(HttpApiImport.VERSION, "1.0");
    }
    return doc;
  }

  private static String pathThenMethod(Route route) {
    String key = route.routeKey();
    int space = key.indexOf(' ');
    return space < 0 ? key : key.substring(space + 1) + " " + key.substring(0, space);
  }

  private static void security(Route route, Definition definition, ObjectNode op) {
    String type = route.authorizationType();
    if ("AWS_IAM".equals(type)) {
      op.putArray("security").addObject().putArray("sigv4");
      return;
    }
    if (route.authorizerId() == null || !definition.authorizers().containsKey(route.authorizerId())) {
      return;
    }
    ArrayNode scopes = op.putArray("security").addObject()
        .putArray(definition.authorizers().get(route.authorizerId()).name());
    if (route.authorizationScopes() != null) {
      route.authorizationScopes().forEach(scopes::add);
    }
  }

  private static ObjectNode scheme(Authorizer a, boolean extensions) {
    ObjectNode scheme = Json.object();
    boolean jwt = a.authorizerType().equals("JWT");
    if (jwt) {
      scheme.put("type", "openIdConnect").put("openIdConnectUrl",
          a.jwtConfiguration().issuer().replaceAll("/+$", "") + "/.well-known/openid-configuration");
    } else {
      String source = a.identitySource().size() == 1 ? a.identitySource().get(0) : "";
      boolean header = source.startsWith("$request.header.");
      boolean query = source.startsWith("$request.querystring.");
      scheme.put("type", "apiKey")
          .put("name", header ? source.substring(16) : query ? source.substring(21) : "Unused")
          .put("in", query ? "query" : "header");
    }
    if (!extensions) {
      return scheme;
    }
    ObjectNode ext = scheme.putObject(HttpApiImport.AUTHORIZER).put("type", jwt ? "jwt" : "request");
    if (!a.identitySource().isEmpty()) {
      ext.put("identitySource", String.join(", ", a.identitySource()));
    }
    if (jwt) {
      ObjectNode config = ext.putObject("jwtConfiguration").put("issuer", a.jwtConfiguration().issuer());
      ArrayNode audience = config.putArray("audience");
      a.jwtConfiguration().audience().forEach(audience::add);
      return scheme;
    }
    ext.put("authorizerUri", a.authorizerUri());
    if (a.authorizerCredentialsArn() != null) {
      ext.put("authorizerCredentials", a.authorizerCredentialsArn());
    }
    ext.put("authorizerPayloadFormatVersion", a.authorizerPayloadFormatVersion());
    if (a.authorizerResultTtlInSeconds() != null) {
      ext.put("authorizerResultTtlInSeconds", a.authorizerResultTtlInSeconds());
    }
    if (a.enableSimpleResponses() != null) {
      ext.put("enableSimpleResponses", a.enableSimpleResponses());
    }
    return scheme;
  }

  private static ObjectNode integration(Integration i) {
    ObjectNode out = Json.object();
    if (i.payloadFormatVersion() != null) {
      out.put("payloadFormatVersion", i.payloadFormatVersion());
    }
    out.put("type", i.integrationType().toLowerCase(Locale.ROOT));
    if (i.integrationSubtype() != null) {
      out.put("integrationSubtype", i.integrationSubtype());
    }
    if (i.integrationMethod() != null) {
      out.put("httpMethod", i.integrationMethod());
    }
    if (i.integrationUri() != null) {
      out.put("uri", i.integrationUri());
    }
    out.put("connectionType", i.connectionType());
    if (i.connectionId() != null) {
      out.put("connectionId", i.connectionId());
    }
    if (i.credentialsArn() != null) {
      out.put("credentials", i.credentialsArn());
    }
    out.put("timeoutInMillis", i.timeoutInMillis());
    ObjectNode rendered = V2ApiJson.integration(i);
    for (String map : new String[] {"requestParameters", "responseParameters", "tlsConfig"}) {
      if (rendered.has(map)) {
        out.set(map, rendered.get(map));
      }
    }
    return out;
  }
}
