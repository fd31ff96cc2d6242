package dev.apigw.node.controlplane.v2api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.restapi.StagePatch;
import dev.apigw.protocol.tags.TagRules;
import dev.apigw.protocol.v2.Api;
import dev.apigw.protocol.v2.Authorizer;
import dev.apigw.protocol.v2.Integration;
import dev.apigw.protocol.v2.IntegrationResponse;
import dev.apigw.protocol.v2.Route;
import dev.apigw.protocol.v2.RouteResponse;
import dev.apigw.protocol.v2.RouteSettings;
import dev.apigw.protocol.v2.Stage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and checks apigatewayv2 request bodies into the WebSocket model. Create bodies get AWS's
 * defaults; update bodies (apigatewayv2's PATCH carries the fields to change, not patch operations)
 * become partial records whose null fields mean "unchanged". Every problem is a 400 naming the field.
 */
final class V2ApiRequests {
  static final String DEFAULT_API_KEY_SELECTION = "$request.header.x-api-key";
  static final Set<String> API_KEY_SELECTIONS = Set.of(DEFAULT_API_KEY_SELECTION, "$context.authorizer.usageIdentifierKey");
  static final Set<String> AUTHORIZATION_TYPES = Set.of("NONE", "AWS_IAM", "CUSTOM");
  static final Set<String> INTEGRATION_TYPES = Set.of("AWS", "AWS_PROXY", "HTTP", "HTTP_PROXY", "MOCK");
  static final Set<String> CONNECTION_TYPES = Set.of("INTERNET", "VPC_LINK");
  static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY");
  static final Set<String> PASSTHROUGH = Set.of("WHEN_NO_MATCH", "NEVER", "WHEN_NO_TEMPLATES");
  static final Set<String> CONTENT_HANDLING = Set.of("CONVERT_TO_BINARY", "CONVERT_TO_TEXT");
  static final Set<String> LOGGING_LEVELS = Set.of("ERROR", "INFO", "OFF");
  static final int MIN_TIMEOUT = 50;
  static final int MAX_TIMEOUT = 29_000;
  private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");
  private static final Pattern TARGET = Pattern.compile("integrations/[a-z0-9]+");
  private static final List<String> REQUEST_PARAMETER_PREFIXES = List.of("route.request.header.", "route.request.querystring.");
  private static final List<String> IDENTITY_SOURCE_PREFIXES =
      List.of("route.request.header.", "route.request.querystring.", "stageVariables.", "context.");

  private V2ApiRequests() {}

  // ---------------------------------------------------------------- APIs

  /** CreateApi of a WebSocket API: name and routeSelectionExpression required. */
  static Api createApi(JsonNode body, String apiId, Instant now) {
    String protocolType = JsonFields.string(body, "protocolType");
    if (!"WEBSOCKET".equals(protocolType)) {
      throw new BadRequestException("Invalid protocolType: " + protocolType + " (expected: WEBSOCKET or HTTP)");
    }
    for (String httpOnly : List.of("target", "routeKey", "corsConfiguration", "credentialsArn")) {
      if (body.hasNonNull(httpOnly)) {
        throw new BadRequestException(httpOnly + " is supported only for HTTP APIs");
      }
    }
    Api api = apiChanges(body);
    if (api.name() == null) {
      throw new BadRequestException("name is required (1-128 characters)");
    }
    if (api.routeSelectionExpression() == null) {
      throw new BadRequestException(
          "routeSelectionExpression is required for WEBSOCKET APIs (expected: e.g. $request.body.action)");
    }
    return new Api(apiId, api.name(), api.description(), api.routeSelectionExpression(),
        api.apiKeySelectionExpression() == null ? DEFAULT_API_KEY_SELECTION : api.apiKeySelectionExpression(),
        api.disableExecuteApiEndpoint() != null && api.disableExecuteApiEndpoint(), api.version(),
        TagRules.check(JsonFields.stringMap(body, "tags")), now, Api.WEBSOCKET, null, api.ipAddressType());
  }

  /** UpdateApi: the fields to change. */
  static Api apiChanges(JsonNode body) {
    String name = JsonFields.string(body, "name");
    if (name != null && (name.isBlank() || name.length() > 128)) {
      throw new BadRequestException("Invalid name: '" + name + "' (expected: 1-128 characters)");
    }
    String routeSelection = JsonFields.string(body, "routeSelectionExpression");
    if (routeSelection != null && !routeSelection.startsWith("$request.body.") && !routeSelection.startsWith("${request.body.")) {
      throw new BadRequestException("Invalid routeSelectionExpression: " + routeSelection
          + " (expected: $request.body.<JSON path>, e.g. $request.body.action)");
    }
    String apiKeySelection = JsonFields.string(body, "apiKeySelectionExpression");
    if (apiKeySelection != null && !API_KEY_SELECTIONS.contains(apiKeySelection)) {
      throw new BadRequestException("Invalid apiKeySelectionExpression: " + apiKeySelection
          + " (expected: $request.header.x-api-key or $context.authorizer.usageIdentifierKey)");
    }
    return new Api(null, name, JsonFields.string(body, "description"), routeSelection, apiKeySelection,
        optionalBool(body, "disableExecuteApiEndpoint"), JsonFields.string(body, "version"), null, null, null, null,
        ipAddressType(body));
  }

  /**
   * CreateApi's and UpdateApi's {@code ipAddressType}, or null when absent. Recorded and reported as AWS does; which
   * addresses reach the data plane is the node's bind address ({@code GATEWAY_BIND_HOST}).
   */
  static String ipAddressType(JsonNode body) {
    String type = JsonFields.string(body, "ipAddressType");
    if (type != null && !type.equals(Api.IPV4) && !type.equals(Api.DUALSTACK)) {
      throw new BadRequestException("Invalid ipAddressType: " + type + " (expected: ipv4 or dualstack)");
    }
    return type;
  }

  // ---------------------------------------------------------------- routes

  /** CreateRoute: routeKey required; NONE authorization and no API key by default. */
  static Route createRoute(JsonNode body, String routeId) {
    Route r = routeChanges(body);
    if (r.routeKey() == null) {
      throw new BadRequestException("routeKey is required (expected: $connect, $disconnect, $default or a custom key)");
    }
    return new Route(routeId, r.routeKey(), r.target(), r.authorizationType() == null ? "NONE" : r.authorizationType(),
        r.authorizerId(), r.apiKeyRequired() != null && r.apiKeyRequired(), r.routeResponseSelectionExpression(),
        r.modelSelectionExpression(), r.operationName(), orEmpty(r.requestModels()), orEmpty(r.requestParameters()), Map.of());
  }

  /** UpdateRoute: the fields to change. */
  static Route routeChanges(JsonNode body) {
    String routeKey = JsonFields.string(body, "routeKey");
    if (routeKey != null && (routeKey.isBlank() || routeKey.length() > 128)) {
      throw new BadRequestException("Invalid routeKey: '" + routeKey + "' (expected: 1-128 characters)");
    }
    if (routeKey != null && routeKey.startsWith("$") && !Set.of("$connect", "$disconnect", "$default").contains(routeKey)) {
      throw new BadRequestException(
          "Invalid routeKey: " + routeKey + " (expected: $connect, $disconnect, $default or a custom key not starting with $)");
    }
    String target = JsonFields.string(body, "target");
    if (target != null && !TARGET.matcher(target).matches()) {
      throw new BadRequestException("Invalid target: " + target + " (expected: integrations/{integrationId})");
    }
    String authorizationType = JsonFields.string(body, "authorizationType");
    if ("JWT".equals(authorizationType)) {
      throw new BadRequestException("authorizationType JWT is supported only for HTTP APIs");
    }
    if (authorizationType != null && !AUTHORIZATION_TYPES.contains(authorizationType)) {
      throw new BadRequestException("Invalid authorizationType: " + authorizationType + " (expected: NONE, AWS_IAM or CUSTOM)");
    }
    String responseSelection = JsonFields.string(body, "routeResponseSelectionExpression");
    if (responseSelection != null && !responseSelection.equals("$default")) {
      throw new BadRequestException("Invalid routeResponseSelectionExpression: " + responseSelection
          + " (expected: $default; WebSocket APIs support only $default)");
    }
    if (!JsonFields.stringList(body, "authorizationScopes").isEmpty()) {
      throw new BadRequestException("authorizationScopes are supported only for HTTP APIs");
    }
    Map<String, Boolean> parameters = parameterConstraints(body, "requestParameters");
    for (String name : parameters.keySet()) {
      if (REQUEST_PARAMETER_PREFIXES.stream().noneMatch(p -> name.startsWith(p) && name.length() > p.length())) {
        throw new BadRequestException("Invalid requestParameters key: " + name
            + " (expected: route.request.header.{name} or route.request.querystring.{name})");
      }
    }
    return new Route(null, routeKey, target, authorizationType, JsonFields.string(body, "authorizerId"),
        optionalBool(body, "apiKeyRequired"), responseSelection, JsonFields.string(body, "modelSelectionExpression"),
        JsonFields.string(body, "operationName"),
        nullIfAbsent(body, "requestModels", JsonFields.stringMap(body, "requestModels")),
        nullIfAbsent(body, "requestParameters", parameters), null);
  }

  /** CreateRouteResponse: WebSocket APIs support only the key {@code $default}. */
  static RouteResponse createRouteResponse(JsonNode body, String routeResponseId) {
    String key = JsonFields.string(body, "routeResponseKey");
    if (!"$default".equals(key)) {
      throw new BadRequestException("Invalid routeResponseKey: " + key + " (expected: $default)");
    }
    return new RouteResponse(routeResponseId, key, JsonFields.string(body, "modelSelectionExpression"),
        JsonFields.stringMap(body, "responseModels"), parameterConstraints(body, "responseParameters"));
  }

  // ---------------------------------------------------------------- integrations

  /** CreateIntegration: integrationType required; integrationUri for all but MOCK; AWS's defaults. */
  static Integration createIntegration(JsonNode body, String integrationId) {
    Integration i = integrationChanges(body);
    String type = i.integrationType();
    if (type == null) {
      throw new BadRequestException("integrationType is required (expected: one of " + sorted(INTEGRATION_TYPES) + ")");
    }
    if (!type.equals("MOCK") && i.integrationUri() == null) {
      throw new BadRequestException("integrationUri is required for integrationType " + type);
    }
    String method = i.integrationMethod();
    if (method == null && (type.equals("HTTP") || type.equals("HTTP_PROXY"))) {
      throw new BadRequestException("integrationMethod is required for integrationType " + type);
    }
    if (method == null && type.startsWith("AWS")) {
      method = "POST";
    }
    Integration created = new Integration(integrationId, type, i.integrationUri(), method,
        i.connectionType() == null ? "INTERNET" : i.connectionType(), i.credentialsArn(),
        i.description(), orEmpty(i.requestParameters()), orEmpty(i.requestTemplates()), i.templateSelectionExpression(),
        i.passthroughBehavior() == null ? "WHEN_NO_MATCH" : i.passthroughBehavior(),
        i.timeoutInMillis() == null ? MAX_TIMEOUT : i.timeoutInMillis(), i.contentHandlingStrategy(),
        i.integrationResponseSelectionExpression(), Map.of(), null, null, null, null, null, i.connectionId());
    checkIntegration(created);
    return created;
  }

  /**
   * The checks of a whole WebSocket integration: a private one ({@code connectionType VPC_LINK}, through a REST API VPC
   * link, as AWS's WebSocket APIs use) is an HTTP or HTTP_PROXY integration with a {@code connectionId} and a URL.
   */
  static void checkIntegration(Integration i) {
    if (!"VPC_LINK".equals(i.connectionType())) {
      return;
    }
    if (!"HTTP".equals(i.integrationType()) && !"HTTP_PROXY".equals(i.integrationType())) {
      throw new BadRequestException("connectionType VPC_LINK is supported only for integrationType HTTP or HTTP_PROXY"
          + " (this one is " + i.integrationType() + ")");
    }
    if (i.connectionId() == null) {
      throw new BadRequestException(
          "connectionId is required for connectionType VPC_LINK (expected: the id of a REST API VPC link)");
    }
    String uri = i.integrationUri();
    if (uri == null || !(uri.startsWith("http://") || uri.startsWith("https://"))) {
      throw new BadRequestException("Invalid integrationUri: " + uri + " for connectionType VPC_LINK (expected: an"
          + " http(s) URL; its host is sent in Host and verified over HTTPS, the VPC link's load balancer is called)");
    }
  }

  /** UpdateIntegration: the fields to change. */
  static Integration integrationChanges(JsonNode body) {
    if (body.hasNonNull("integrationSubtype")) {
      throw new BadRequestException("integrationSubtype is supported only for HTTP APIs (AWS_PROXY integrations with"
          + " an AWS service action); WebSocket APIs integrate AWS services with integrationType AWS");
    }
    String type = oneOf(body, "integrationType", INTEGRATION_TYPES);
    String uri = JsonFields.string(body, "integrationUri");
    if (uri != null && !uri.startsWith("http://") && !uri.startsWith("https://") && !uri.startsWith("arn:")) {
      throw new BadRequestException("Invalid integrationUri: " + uri + " (expected: an http(s) URL or an arn)");
    }
    String connectionType = connectionType(body);
    String connectionId = connectionId(body);
    Integer timeout = JsonFields.integer(body, "timeoutInMillis");
    if (timeout != null && (timeout < MIN_TIMEOUT || timeout > MAX_TIMEOUT)) {
      throw new BadRequestException(
          "Invalid timeoutInMillis: " + timeout + " (expected: " + MIN_TIMEOUT + "-" + MAX_TIMEOUT + ")");
    }
    return new Integration(null, type, uri, oneOf(body, "integrationMethod", HTTP_METHODS), connectionType,
        JsonFields.string(body, "credentialsArn"), JsonFields.string(body, "description"),
        nullIfAbsent(body, "requestParameters", JsonFields.stringMap(body, "requestParameters")),
        nullIfAbsent(body, "requestTemplates", JsonFields.stringMap(body, "requestTemplates")),
        JsonFields.string(body, "templateSelectionExpression"), oneOf(body, "passthroughBehavior", PASSTHROUGH), timeout,
        oneOf(body, "contentHandlingStrategy", CONTENT_HANDLING),
        JsonFields.string(body, "integrationResponseSelectionExpression"), null, null, null, null, null, null,
        connectionId);
  }

  /** An integration body's {@code connectionType} (HTTP and WebSocket APIs alike): INTERNET, VPC_LINK or absent. */
  static String connectionType(JsonNode body) {
    String connectionType = JsonFields.string(body, "connectionType");
    if (connectionType != null && !CONNECTION_TYPES.contains(connectionType)) {
      throw new BadRequestException("Invalid connectionType: " + connectionType + " (expected: INTERNET or VPC_LINK)");
    }
    return connectionType;
  }

  /** An integration body's {@code connectionId} (HTTP and WebSocket APIs alike): a VPC link id, or absent. */
  static String connectionId(JsonNode body) {
    String connectionId = JsonFields.string(body, "connectionId");
    if (connectionId != null && (connectionId.isBlank() || connectionId.length() > 64)) {
      throw new BadRequestException("Invalid connectionId: '" + connectionId + "' (expected: a VPC link id)");
    }
    return connectionId;
  }

  /** CreateIntegrationResponse: integrationResponseKey {@code $default} or {@code /regex/}. */
  static IntegrationResponse createIntegrationResponse(JsonNode body, String integrationResponseId) {
    String key = JsonFields.string(body, "integrationResponseKey");
    boolean pattern = key != null && key.length() >= 2 && key.startsWith("/") && key.endsWith("/");
    if (!"$default".equals(key) && !pattern) {
      throw new BadRequestException(
          "Invalid integrationResponseKey: " + key + " (expected: $default or a status code pattern such as /2\\d\\d/)");
    }
    if (pattern) {
      try {
        Pattern.compile(key.substring(1, key.length() - 1));
      } catch (PatternSyntaxException e) {
        throw new BadRequestException(
            "Invalid integrationResponseKey: " + key + " (expected: a valid regular expression between slashes)");
      }
    }
    return new IntegrationResponse(integrationResponseId, key, JsonFields.stringMap(body, "responseParameters"),
        JsonFields.stringMap(body, "responseTemplates"), JsonFields.string(body, "templateSelectionExpression"),
        oneOf(body, "contentHandlingStrategy", CONTENT_HANDLING));
  }

  // ---------------------------------------------------------------- authorizers

  /** CreateAuthorizer: REQUEST authorizers only (the data plane runs them for {@code $connect}). */
  static Authorizer createAuthorizer(JsonNode body, String authorizerId) {
    Authorizer a = authorizerChanges(body);
    if (!"REQUEST".equals(a.authorizerType())) {
      throw new BadRequestException("Invalid authorizerType: " + a.authorizerType() + " (expected: REQUEST)");
    }
    if (a.name() == null) {
      throw new BadRequestException("name is required (1-128 characters)");
    }
    if (a.authorizerUri() == null) {
      throw new BadRequestException("authorizerUri is required for REQUEST authorizers");
    }
    return new Authorizer(authorizerId, a.name(), a.authorizerType(), a.authorizerUri(), a.authorizerCredentialsArn(),
        a.identitySource(), a.identityValidationExpression(), a.authorizerResultTtlInSeconds());
  }

  /** UpdateAuthorizer of a WebSocket API: the fields to change. */
  static Authorizer authorizerChanges(JsonNode body) {
    String type = JsonFields.string(body, "authorizerType");
    if ("JWT".equals(type)) {
      throw new BadRequestException("authorizerType JWT is supported only for HTTP APIs");
    }
    if (type != null && !"REQUEST".equals(type)) {
      throw new BadRequestException("Invalid authorizerType: " + type + " (expected: REQUEST)");
    }
    for (String httpOnly : List.of("jwtConfiguration", "enableSimpleResponses", "authorizerPayloadFormatVersion")) {
      if (body.hasNonNull(httpOnly)) {
        throw new BadRequestException(httpOnly + " is supported only for HTTP APIs");
      }
    }
    String name = JsonFields.string(body, "name");
    if (name != null && (name.isBlank() || name.length() > 128)) {
      throw new BadRequestException("Invalid name: '" + name + "' (expected: 1-128 characters)");
    }
    String uri = JsonFields.string(body, "authorizerUri");
    List<String> identitySource = JsonFields.stringList(body, "identitySource");
    for (String source : identitySource) {
      if (IDENTITY_SOURCE_PREFIXES.stream().noneMatch(source::startsWith)) {
        throw new BadRequestException("Invalid identitySource: " + source
            + " (expected: route.request.header.X, route.request.querystring.X, stageVariables.X or context.X)");
      }
    }
    Integer ttl = JsonFields.integer(body, "authorizerResultTtlInSeconds");
    if (ttl != null && (ttl < 0 || ttl > 3600)) {
      throw new BadRequestException("Invalid authorizerResultTtlInSeconds: " + ttl + " (expected: 0-3600)");
    }
    return new Authorizer(null, name, type, uri, JsonFields.string(body, "authorizerCredentialsArn"),
        identitySource, JsonFields.string(body, "identityValidationExpression"), ttl);
  }

  // ---------------------------------------------------------------- stages

  /** CreateStage: stageName required; autoDeploy false only. */
  static Stage createStage(JsonNode body, Instant now) {
    String name = JsonFields.string(body, "stageName");
    if (name == null || !STAGE_NAME.matcher(name).matches()) {
      throw new BadRequestException("Invalid stageName: " + name + " (expected: 1-128 characters of a-zA-Z0-9_-)");
    }
    Stage s = stageChanges(body);
    return new Stage(name, s.deploymentId(), s.description(), orEmpty(s.stageVariables()),
        s.defaultRouteSettings() == null ? RouteSettings.none() : s.defaultRouteSettings(), orEmpty(s.routeSettings()),
        TagRules.check(JsonFields.stringMap(body, "tags")), now, now);
  }

  /** UpdateStage: the fields to change. */
  static Stage stageChanges(JsonNode body) {
    if (JsonFields.bool(body, "autoDeploy", false)) {
      throw new BadRequestException("autoDeploy is not supported by this gateway yet (expected: false)");
    }
    for (String unsupported : List.of("accessLogSettings", "clientCertificateId")) {
      if (body.hasNonNull(unsupported)) {
        throw new BadRequestException(unsupported + " is not supported by this gateway yet");
      }
    }
    Map<String, String> variables = JsonFields.stringMap(body, "stageVariables");
    variables.forEach(StagePatch::checkVariable);
    Map<String, RouteSettings> routeSettings = new LinkedHashMap<>();
    JsonNode routes = body.get("routeSettings");
    if (routes != null && !routes.isNull()) {
      if (!routes.isObject()) {
        throw new BadRequestException("Invalid value for routeSettings (expected: a map of route keys to route settings)");
      }
      routes.fields().forEachRemaining(
          e -> routeSettings.put(e.getKey(), routeSettings(e.getValue(), "routeSettings." + e.getKey())));
    }
    JsonNode defaults = body.get("defaultRouteSettings");
    return new Stage(null, JsonFields.string(body, "deploymentId"), JsonFields.string(body, "description"),
        nullIfAbsent(body, "stageVariables", variables),
        defaults == null || defaults.isNull() ? null : routeSettings(defaults, "defaultRouteSettings"),
        nullIfAbsent(body, "routeSettings", routeSettings),
        body.hasNonNull("tags") ? TagRules.check(JsonFields.stringMap(body, "tags")) : null,
        null, null);
  }

  static RouteSettings routeSettings(JsonNode node, String field) {
    if (!node.isObject()) {
      throw new BadRequestException("Invalid value for " + field + " (expected: an object of route settings)");
    }
    String level = JsonFields.string(node, "loggingLevel");
    if (level != null && !LOGGING_LEVELS.contains(level)) {
      throw new BadRequestException("Invalid " + field + ".loggingLevel: " + level + " (expected: ERROR, INFO or OFF)");
    }
    Integer burst = JsonFields.integer(node, "throttlingBurstLimit");
    if (burst != null && burst < 0) {
      throw new BadRequestException(field + ".throttlingBurstLimit: " + burst + " (expected: >= 0)");
    }
    Double rate = null;
    JsonNode r = node.get("throttlingRateLimit");
    if (r != null && !r.isNull()) {
      if (!r.isNumber() || r.asDouble() < 0 || Double.isInfinite(r.asDouble())) {
        throw new BadRequestException(field + ".throttlingRateLimit: " + r + " (expected: a number >= 0)");
      }
      rate = r.asDouble();
    }
    return new RouteSettings(optionalBool(node, "dataTraceEnabled"), optionalBool(node, "detailedMetricsEnabled"), level,
        burst, rate);
  }

  // ---------------------------------------------------------------- helpers

  /** A boolean field, or null when absent. */
  static Boolean optionalBool(JsonNode body, String field) {
    return body.hasNonNull(field) ? JsonFields.bool(body, field, false) : null;
  }

  private static String oneOf(JsonNode body, String field, Set<String> allowed) {
    String value = JsonFields.string(body, field);
    if (value != null && !allowed.contains(value)) {
      throw new BadRequestException("Invalid " + field + ": " + value + " (expected: one of " + sorted(allowed) + ")");
    }
    return value;
  }

  /** apigatewayv2's {@code ParameterConstraints} map: name to {@code {"required": boolean}}. */
  private static Map<String, Boolean> parameterConstraints(JsonNode body, String field) {
    JsonNode v = body.get(field);
    Map<String, Boolean> out = new LinkedHashMap<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isObject()) {
      throw new BadRequestException("Invalid value for " + field + " (expected: a map of names to {\"required\": boolean})");
    }
    v.fields().forEachRemaining(e -> {
      if (!e.getValue().isObject()) {
        throw new BadRequestException("Invalid value for " + field + "." + e.getKey() + " (expected: {\"required\": boolean})");
      }
      out.put(e.getKey(), JsonFields.bool(e.getValue(), "required", false));
    });
    return out;
  }

  private static <T> T nullIfAbsent(JsonNode body, String field, T value) {
    return body.hasNonNull(field) ? value : null;
  }

  private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
