package dev.apigw.node.controlplane.v2api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.openapi.OpenApiDocument;
import dev.apigw.node.controlplane.openapi.Warnings;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.v2.Api;
import dev.apigw.protocol.v2.Authorizer;
import dev.apigw.protocol.v2.Cors;
import dev.apigw.protocol.v2.Definition;
import dev.apigw.protocol.v2.Integration;
import dev.apigw.protocol.v2.Route;
import java.net.URI;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * An OpenAPI 3.0 document -> an HTTP API (ImportApi, ReimportApi): {@code info} names it, each operation is a route
 * ({@code x-amazon-apigateway-any-method} is ANY; {@code isDefaultRoute} or the path {@code $default} is
 * {@code $default}), its {@code x-amazon-apigateway-integration} (aws_proxy or http_proxy) an integration, its
 * {@code security} the route's authorization; security schemes with {@code x-amazon-apigateway-authorizer} (jwt,
 * request) are authorizers and {@code x-amazon-apigateway-authtype: awsSigv4} is AWS_IAM; {@code
 * x-amazon-apigateway-cors} is the CORS configuration. Each piece goes through the same checks as the API calls that
 * create it ({@link HttpApiRequests}); what HTTP APIs cannot hold is a warning.
 *
 * @param api the settings the document declares (name, description, version, CORS)
 * @param definition its routes, integrations and authorizers
 * @param warnings what was skipped
 */
record HttpApiImport(Api api, Definition definition, List<String> warnings) {
  static final String INTEGRATION = "x-amazon-apigateway-integration";
  static final String ANY_METHOD = "x-amazon-apigateway-any-method";
  static final String AUTHORIZER = "x-amazon-apigateway-authorizer";
  static final String AUTH_TYPE = "x-amazon-apigateway-authtype";
  static final String CORS = "x-amazon-apigateway-cors";
  static final String VERSION = "x-amazon-apigateway-importexport-version";
  static final String SIGV4 = "awsSigv4";
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");
  private static final Set<String> ROOT_EXTENSIONS = Set.of(CORS, VERSION);

  /** Reads {@code body} (ImportApi's {@code {"body": "<document>"}}); {@code basepath} is ignore, prepend or split. */
  static HttpApiImport read(JsonNode request, String basepath, boolean failOnWarnings, Supplier<String> ids) {
    String text = request.path("body").isTextual() ? request.get("body").asText() : null;
    if (text == null) {
      throw new BadRequestException("body is required (expected: an OpenAPI 3.0 definition as a string)");
    }
    OpenApiDocument doc = OpenApiDocument.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (doc.swagger2()) {
      throw new BadRequestException("Invalid OpenAPI input: HTTP APIs support only OpenAPI 3.0 definitions");
    }
    Warnings warnings = new Warnings(failOnWarnings);
    doc.parserMessages().forEach(m -> warnings.add("Parse issue: " + m));
    JsonNode tree = doc.tree();
    tree.fieldNames().forEachRemaining(f -> {
      if (f.startsWith("x-amazon-apigateway-") && !ROOT_EXTENSIONS.contains(f)) {
        warnings.add("Extension " + f + " is not supported for HTTP APIs and was ignored");
      }
    });
    String name = tree.path("info").path("title").asText(null);
    if (name == null || name.isBlank()) {
      throw new BadRequestException("Invalid OpenAPI input: info.title is required (it names the API)");
    }
    Cors cors = null;
    if (tree.hasNonNull(CORS)) {
      cors = at(CORS, () -> HttpApiRequests.cors(tree.get(CORS)));
    }
    Api api = new Api(null, name, tree.path("info").path("description").asText(null), null, null, null,
        tree.path("info").path("version").asText(null), null, null, null, cors);

    Definition definition = Definition.empty();
    Map<String, Authorizer> byScheme = new HashMap<>();
    Set<String> iamSchemes = new java.util.HashSet<>();
    JsonNode schemes = tree.path("components").path("securitySchemes");
    for (Iterator<Map.Entry<String, JsonNode>> it = schemes.fields(); it.hasNext(); ) {
      var e = it.next();
      String where = "components.securitySchemes." + e.getKey();
      JsonNode scheme = e.getValue();
      if (SIGV4.equals(scheme.path(AUTH_TYPE).asText())) {
        iamSchemes.add(e.getKey());
      } else if (scheme.has(AUTHORIZER)) {
        Authorizer a = at(where, () -> HttpApiRequests.createAuthorizer(authorizerBody(e.getKey(), scheme), ids.get()));
        byScheme.put(e.getKey(), a);
        definition = definition.withAuthorizer(a);
      } else {
        warnings.add("Security scheme " + e.getKey() + " has no " + AUTHORIZER + " and was ignored");
      }
    }

    String prefix = prefix(tree, basepath == null ? "ignore" : basepath);
    JsonNode rootSecurity = tree.get("security");
    var paths = new TreeMap<String, JsonNode>();
    tree.path("paths").fields().forEachRemaining(e -> paths.put(e.getKey(), e.getValue()));
    for (var p : paths.entrySet()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = p.getValue().fields(); it.hasNext(); ) {
        var op = it.next();
        String method = op.getKey().toLowerCase(Locale.ROOT);
        boolean any = op.getKey().equals(ANY_METHOD);
        if (!any && !METHODS.contains(method)) {
          continue;
        }
        String where = "paths." + p.getKey() + "." + op.getKey();
        JsonNode operation = op.getValue();
        boolean defaultRoute = p.getKey().equals("$default") || p.getKey().equals("/$default")
            || operation.path("isDefaultRoute").asBoolean(false);
        String routeKey = defaultRoute ? HttpApiRequests.DEFAULT_ROUTE
            : (any ? "ANY" : method.toUpperCase(Locale.ROOT)) + " " + join(prefix, p.getKey());
        at(where, () -> {
          HttpApiRequests.checkRouteKey(routeKey);
          return null;
        });
        String target = null;
        JsonNode integration = operation.get(INTEGRATION);
        if (integration != null && integration.isObject()) {
          String type = integration.path("type").asText("").toUpperCase(Locale.ROOT);
          if (!HttpApiRequests.INTEGRATION_TYPES.contains(type)) {
            warnings.add("Integration type " + type + " at " + where
                + " is not supported for HTTP APIs (only AWS_PROXY and HTTP_PROXY); the route has no integration");
          } else {
            Integration created = at(where + "." + INTEGRATION,
                () -> HttpApiRequests.createIntegration(integrationBody(integration, type), ids.get()));
            definition = definition.withIntegration(created);
            target = "integrations/" + created.integrationId();
          }
        }
        ObjectNode routeBody = Json.object().put("routeKey", routeKey);
        if (target != null) {
          routeBody.put("target", target);
        }
        if (operation.hasNonNull("operationId")) {
          routeBody.put("operationName", operation.get("operationId").asText());
        }
        security(operation.has("security") ? operation.get("security") : rootSecurity, where, byScheme, iamSchemes,
            routeBody);
        Route route = at(where, () -> HttpApiRequests.createRoute(routeBody, ids.get()));
        Definition current = definition;
        at(where, () -> {
          current.checkRoute(route, Api.HTTP);
          return null;
        });
        definition = definition.withRoute(route);
        if (operation.has("requestBody")) {
          warnings.add("requestBody at " + where + " is not supported for HTTP APIs (no request validation) and was ignored");
        }
      }
    }
    return new HttpApiImport(api, definition, warnings.list());
  }

  /** An operation's security: one requirement at most, naming an authorizer scheme (with scopes for JWT) or sigv4. */
  private static void security(JsonNode security, String where, Map<String, Authorizer> byScheme, Set<String> iam,
      ObjectNode routeBody) {
    if (security == null || !security.isArray() || security.isEmpty()) {
      return;
    }
    if (security.size() > 1 || security.get(0).size() > 1) {
      throw new BadRequestException("Invalid OpenAPI input at " + where + ".security: each operation can have only one"
          + " of IAM authorization, a Lambda authorizer, or a JWT authorizer");
    }
    if (security.get(0).isEmpty()) {
      return;
    }
    var requirement = security.get(0).fields().next();
    String scheme = requirement.getKey();
    if (iam.contains(scheme)) {
      routeBody.put("authorizationType", "AWS_IAM");
      return;
    }
    Authorizer authorizer = byScheme.get(scheme);
    if (authorizer == null) {
      throw new BadRequestException("Invalid OpenAPI input at " + where + ".security: no security scheme named '"
          + scheme + "' with " + AUTHORIZER + " or " + AUTH_TYPE + ": " + SIGV4 + " in components.securitySchemes");
    }
    boolean jwt = authorizer.authorizerType().equals("JWT");
    routeBody.put("authorizationType", jwt ? "JWT" : "CUSTOM").put("authorizerId", authorizer.authorizerId());
    if (jwt && requirement.getValue().isArray() && !requirement.getValue().isEmpty()) {
      routeBody.set("authorizationScopes", requirement.getValue());
    }
  }

  /** {@code x-amazon-apigateway-authorizer} as a CreateAuthorizer body named after its scheme. */
  private static ObjectNode authorizerBody(String name, JsonNode scheme) {
    JsonNode ext = scheme.get(AUTHORIZER);
    ObjectNode body = Json.object().put("name", name)
        .put("authorizerType", ext.path("type").asText("").toUpperCase(Locale.ROOT));
    copyText(ext, "authorizerUri", body, "authorizerUri");
    copyText(ext, "authorizerCredentials", body, "authorizerCredentialsArn");
    copyText(ext, "authorizerPayloadFormatVersion", body, "authorizerPayloadFormatVersion");
    if (ext.has("enableSimpleResponses")) {
      body.put("enableSimpleResponses", ext.get("enableSimpleResponses").asBoolean());
    }
    if (ext.has("authorizerResultTtlInSeconds")) {
      body.put("authorizerResultTtlInSeconds", ext.get("authorizerResultTtlInSeconds").asInt());
    }
    if (ext.hasNonNull("identitySource")) {
      var sources = body.putArray("identitySource");
      for (String s : ext.get("identitySource").asText().split(",")) {
        if (!s.isBlank()) {
          sources.add(s.trim());
        }
      }
    }
    JsonNode jwt = ext.get("jwtConfiguration");
    if (jwt != null && jwt.isObject()) {
      ObjectNode config = jwt.deepCopy();
      String discovery = scheme.path("openIdConnectUrl").asText(null);
      String suffix = "/.well-known/openid-configuration";
      if (!config.hasNonNull("issuer") && discovery != null && discovery.endsWith(suffix)) {
        config.put("issuer", discovery.substring(0, discovery.length() - suffix.length()));
      }
      body.set("jwtConfiguration", config);
    }
    return body;
  }

  /** {@code x-amazon-apigateway-integration} as a CreateIntegration body. */
  private static ObjectNode integrationBody(JsonNode ext, String type) {
    ObjectNode body = Json.object().put("integrationType", type);
    copyText(ext, "uri", body, "integrationUri");
    copyText(ext, "httpMethod", body, "integrationMethod");
    copyText(ext, "connectionType", body, "connectionType");
    copyText(ext, "connectionId", body, "connectionId");
    copyText(ext, "credentials", body, "credentialsArn");
    copyText(ext, "integrationSubtype", body, "integrationSubtype");
    copyText(ext, "description", body, "description");
    JsonNode version = ext.get("payloadFormatVersion");
    if (version != null && !version.isNull()) {
      // Written as a number (1.0) as often as a string: 1.0 and 2.0 either way.
      body.put("payloadFormatVersion", version.isNumber() ? String.format(Locale.ROOT, "%.1f", version.asDouble())
          : version.asText());
    }
    if (ext.has("timeoutInMillis")) {
      body.put("timeoutInMillis", ext.get("timeoutInMillis").asInt());
    }
    for (String map : List.of("requestParameters", "responseParameters", "tlsConfig")) {
      if (ext.hasNonNull(map)) {
        body.set(map, ext.get(map));
      }
    }
    return body;
  }

  /** The path prefix {@code basepath} asks for from the first server URL's path. */
  private static String prefix(JsonNode tree, String basepath) {
    if (!Set.of("ignore", "prepend", "split").contains(basepath)) {
      throw new BadRequestException("Invalid basepath: " + basepath + " (expected: ignore, prepend or split)");
    }
    if (basepath.equals("ignore")) {
      return "";
    }
    String url = tree.path("servers").path(0).path("url").asText("");
    String path;
    try {
      path = URI.create(url.replaceAll("\\{[^}]*}", "x")).getPath();
    } catch (IllegalArgumentException e) {
      return "";
    }
    path = path == null ? "" : path.replaceAll("/+$", "");
    if (basepath.equals("split")) {
      // split: the first part of the base path names a stage, the rest prefixes the routes.
      int second = path.indexOf('/', 1);
      return second < 0 ? "" : path.substring(second);
    }
    return path;
  }

  private static String join(String prefix, String path) {
    if (prefix.isEmpty()) {
      return path;
    }
    return path.equals("/") ? prefix : prefix + path;
  }

  private static void copyText(JsonNode from, String field, ObjectNode to, String as) {
    if (from.hasNonNull(field)) {
      to.put(as, from.get(field).asText());
    }
  }

  /** Runs {@code read}; a 400 it throws names where in the document the problem is. */
  private static <T> T at(String where, Supplier<T> read) {
    try {
      return read.get();
    } catch (BadRequestException e) {
      if (e.getMessage().startsWith("Invalid OpenAPI input")) {
        throw e;
      }
      throw new BadRequestException("Invalid OpenAPI input at " + where + ": " + e.getMessage());
    }
  }
}
