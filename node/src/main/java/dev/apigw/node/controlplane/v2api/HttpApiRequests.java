package dev.apigw.node.controlplane.v2api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.awsservice.IntegrationSubtypes;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.restapi.StagePatch;
import dev.apigw.protocol.tags.TagRules;
import dev.apigw.protocol.v2.AccessLogSettings;
import dev.apigw.protocol.v2.Api;
import dev.apigw.protocol.v2.Authorizer;
import dev.apigw.protocol.v2.Cors;
import dev.apigw.protocol.v2.Integration;
import dev.apigw.protocol.v2.JwtConfiguration;
import dev.apigw.protocol.v2.Route;
import dev.apigw.protocol.v2.RouteSettings;
import dev.apigw.protocol.v2.Stage;
import dev.apigw.protocol.v2.TlsConfig;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks apigatewayv2 request bodies of HTTP APIs (protocolType HTTP) into the shared v2 model, with AWS's
 * defaults on create; update bodies become partial records whose null fields mean "unchanged". The WebSocket-only
 * members are refused by name. Every problem is a 400 naming the field.
 */
final class HttpApiRequests {
  static final String ROUTE_SELECTION = "$request.method $request.path";
  static final String DEFAULT_ROUTE = "$default";
  static final String DEFAULT_STAGE = "$default";
  static final String JWT_IDENTITY_SOURCE = "$request.header.Authorization";
  static final Set<String> AUTHORIZATION_TYPES = Set.of("NONE", "JWT", "AWS_IAM", "CUSTOM");
  static final Set<String> INTEGRATION_TYPES = Set.of("AWS_PROXY", "HTTP_PROXY");
  static final Set<String> ROUTE_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY");
  static final Set<String> PAYLOAD_VERSIONS = Set.of("1.0", "2.0");
  static final int MAX_TIMEOUT = 30_000;
  static final int MAX_CORS_AGE = 86_400;
  private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");
  private static final Pattern TARGET = Pattern.compile("integrations/[a-z0-9]+");
  private static final Pattern LITERAL_SEGMENT = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@%-]+");
  private static final Pattern VARIABLE_SEGMENT = Pattern.compile("\\{([A-Za-z0-9._-]+)(\\+?)}");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
  private static final Pattern LAMBDA_ARN = Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[^/\\s]+");
  private static final Pattern LAMBDA_INVOCATION = Pattern.compile(
      "arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/(arn:[^/\\s]+)/invocations");
  /** A private integration's target: an ALB or NLB listener, or a Cloud Map service. */
  static final Pattern PRIVATE_TARGET = Pattern.compile("arn:aws[a-z-]*:(elasticloadbalancing:[a-z0-9-]+:\\d{12}:"
      + "listener/(app|net)/[A-Za-z0-9-]{1,32}/[0-9a-f]{1,32}/[0-9a-f]{1,32}"
      + "|servicediscovery:[a-z0-9-]+:\\d{12}:service/srv-[a-z0-9]{1,64})");
  private static final List<String> IDENTITY_SOURCE_PREFIXES =
      List.of("$request.header.", "$request.querystring.", "$context.", "$stageVariables.");
  private static final List<String> WEBSOCKET_ROUTE_FIELDS =
      List.of("routeResponseSelectionExpression", "modelSelectionExpression", "requestModels");
  private static final List<String> WEBSOCKET_INTEGRATION_FIELDS = List.of("requestTemplates",
      "templateSelectionExpression", "passthroughBehavior", "contentHandlingStrategy",
      "integrationResponseSelectionExpression");

  private HttpApiRequests() {}

  // ---------------------------------------------------------------- APIs

  /** CreateApi for protocolType HTTP: name required, AWS's defaults; quick create's members are read by the caller. */
  static Api createApi(JsonNode body, String apiId, Instant now) {
    Api api = apiFields(body);
    if (api.name() == null) {
      throw new BadRequestException("name is required (1-128 characters)");
    }
    return new Api(apiId, api.name(), api.description(), ROUTE_SELECTION,
        api.apiKeySelectionExpression() == null ? V2ApiRequests.DEFAULT_API_KEY_SELECTION
            : api.apiKeySelectionExpression(),
        api.disableExecuteApiEndpoint() != null && api.disableExecuteApiEndpoint(), api.version(),
        TagRules.check(JsonFields.stringMap(body, "tags")), now, Api.HTTP, api.corsConfiguration(),
        api.ipAddressType());
  }

  /** UpdateApi of an HTTP API: the fields to change. */
  static Api apiChanges(JsonNode body) {
    return apiFields(body);
  }

  private static Api apiFields(JsonNode body) {
    String name = JsonFields.string(body, "name");
    if (name != null && (name.isBlank() || name.length() > 128)) {
      throw new BadRequestException("Invalid name: '" + name + "' (expected: 1-128 characters)");
    }
    String routeSelection = JsonFields.string(body, "routeSelectionExpression");
    if (routeSelection != null && !routeSelection.equals(ROUTE_SELECTION)) {
      throw new BadRequestException("Invalid routeSelectionExpression: " + routeSelection
          + " (expected: " + ROUTE_SELECTION + " for HTTP APIs)");
    }
    String apiKeySelection = JsonFields.string(body, "apiKeySelectionExpression");
    if (apiKeySelection != null && !V2ApiRequests.API_KEY_SELECTIONS.contains(apiKeySelection)) {
      throw new BadRequestException("Invalid apiKeySelectionExpression: " + apiKeySelection
          + " (expected: $request.header.x-api-key or $context.authorizer.usageIdentifierKey)");
    }
    JsonNode cors = body.get("corsConfiguration");
    return new Api(null, name, JsonFields.string(body, "description"), routeSelection, apiKeySelection,
        V2ApiRequests.optionalBool(body, "disableExecuteApiEndpoint"), JsonFields.string(body, "version"), null, null,
        null, cors == null || cors.isNull() ? null : cors(cors), V2ApiRequests.ipAddressType(body));
  }

  /** apigatewayv2's {@code Cors}: credentials never with the origin {@code *}; maxAge -1 to 86400. */
  static Cors cors(JsonNode node) {
    if (!node.isObject()) {
      throw new BadRequestException("Invalid value for corsConfiguration (expected: an object)");
    }
    Integer maxAge = JsonFields.integer(node, "maxAge");
    if (maxAge != null && (maxAge < -1 || maxAge > MAX_CORS_AGE)) {
      throw new BadRequestException("Invalid corsConfiguration.maxAge: " + maxAge + " (expected: -1 to " + MAX_CORS_AGE + ")");
    }
    List<String> methods = listOrNull(node, "allowMethods");
    if (methods != null) {
      for (String method : methods) {
        if (!method.equals("*") && !ROUTE_METHODS.contains(method.toUpperCase(java.util.Locale.ROOT))) {
          throw new BadRequestException("Invalid corsConfiguration.allowMethods: " + method
              + " (expected: *, GET, POST, PUT, DELETE, PATCH, HEAD or OPTIONS)");
        }
      }
    }
    List<String> origins = listOrNull(node, "allowOrigins");
    Boolean credentials = V2ApiRequests.optionalBool(node, "allowCredentials");
    if (Boolean.TRUE.equals(credentials) && origins != null && origins.contains("*")) {
      throw new BadRequestException(
          "allowCredentials is not supported with allowOrigins '*' (expected: the origins allowed to send credentials)");
    }
    return new Cors(credentials, listOrNull(node, "allowHeaders"), methods, origins, listOrNull(node, "exposeHeaders"),
        maxAge);
  }

  // ---------------------------------------------------------------- routes

  /** CreateRoute of an HTTP API: routeKey required; NONE authorization by default. */
  static Route createRoute(JsonNode body, String routeId) {
    Route r = routeChanges(body);
    if (r.routeKey() == null) {
      throw new BadRequestException("routeKey is required (expected: $default or METHOD /path, e.g. GET /pets/{id})");
    }
    return new Route(routeId, r.routeKey(), r.target(), r.authorizationType() == null ? "NONE" : r.authorizationType(),
        r.authorizerId(), false, null, null, r.operationName(), Map.of(), Map.of(), Map.of(),
        r.authorizationScopes() == null ? List.of() : r.authorizationScopes(), null);
  }

  /** UpdateRoute of an HTTP API: the fields to change. */
  static Route routeChanges(JsonNode body) {
    refuse(body, WEBSOCKET_ROUTE_FIELDS, "supported only for WebSocket APIs");
    if (JsonFields.bool(body, "apiKeyRequired", false)) {
      throw new BadRequestException("apiKeyRequired is not supported for HTTP APIs (API keys are for REST and WebSocket APIs)");
    }
    if (body.hasNonNull("requestParameters") && body.get("requestParameters").size() > 0) {
      throw new BadRequestException(
          "requestParameters on routes are supported only for WebSocket APIs (map parameters on the integration)");
    }
    String routeKey = JsonFields.string(body, "routeKey");
    if (routeKey != null) {
      checkRouteKey(routeKey);
    }
    String target = JsonFields.string(body, "target");
    if (target != null && !TARGET.matcher(target).matches()) {
      throw new BadRequestException("Invalid target: " + target + " (expected: integrations/{integrationId})");
    }
    String authorizationType = JsonFields.string(body, "authorizationType");
    if (authorizationType != null && !AUTHORIZATION_TYPES.contains(authorizationType)) {
      throw new BadRequestException(
          "Invalid authorizationType: " + authorizationType + " (expected: NONE, JWT, AWS_IAM or CUSTOM)");
    }
    return new Route(null, routeKey, target, authorizationType, JsonFields.string(body, "authorizerId"), null, null,
        null, JsonFields.string(body, "operationName"), null, null, null,
        body.has("authorizationScopes") ? JsonFields.stringList(body, "authorizationScopes") : null, null);
  }

  /**
   * An HTTP API route key: {@code $default}, or {@code METHOD /path} with a method of {@link #ROUTE_METHODS} and a path
   * of literal and {@code {name}} segments, the last of which may be greedy ({@code {name+}}).
   */
  static void checkRouteKey(String routeKey) {
    if (routeKey.equals(DEFAULT_ROUTE)) {
      return;
    }
    String expected = " (expected: $default or METHOD /path, e.g. GET /pets/{id} or ANY /files/{proxy+})";
    int space = routeKey.indexOf(' ');
    if (routeKey.length() > 512 || space < 0 || routeKey.indexOf(' ', space + 1) >= 0) {
      throw new BadRequestException("Invalid routeKey: " + routeKey + expected);
    }
    String method = routeKey.substring(0, space);
    String path = routeKey.substring(space + 1);
    if (!ROUTE_METHODS.contains(method)) {
      throw new BadRequestException("Invalid routeKey: " + routeKey + " (expected: a method of "
          + ROUTE_METHODS.stream().sorted().toList() + " before the path)");
    }
    if (!path.startsWith("/")) {
      throw new BadRequestException("Invalid routeKey: " + routeKey + expected);
    }
    if (path.equals("/")) {
      return;
    }
    String[] segments = path.substring(1).split("/", -1);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      var variable = VARIABLE_SEGMENT.matcher(segment);
      if (variable.matches()) {
        if (!variable.group(2).isEmpty() && i != segments.length - 1) {
          throw new BadRequestException("Invalid routeKey: " + routeKey
              + " (expected: a greedy path variable such as {proxy+} only as the last path segment)");
        }
        if (!names.add(variable.group(1))) {
          throw new BadRequestException("Invalid routeKey: " + routeKey
              + " (expected: each path variable name once; " + variable.group(1) + " repeats)");
        }
      } else if (segment.isEmpty() || segment.contains("{") || segment.contains("}")
          || !LITERAL_SEGMENT.matcher(segment).matches()) {
        throw new BadRequestException("Invalid routeKey: " + routeKey
            + " (expected: non-empty path segments, each a literal or a whole {variable})");
      }
    }
  }

  // ---------------------------------------------------------------- integrations

  /** CreateIntegration of an HTTP API: AWS_PROXY or HTTP_PROXY, with AWS's defaults. */
  static Integration createIntegration(JsonNode body, String integrationId) {
    Integration i = integrationChanges(body);
    String type = i.integrationType();
    if (type == null) {
      throw new BadRequestException("integrationType is required (expected: AWS_PROXY or HTTP_PROXY for HTTP APIs)");
    }
    if (i.integrationSubtype() == null && i.integrationUri() == null) {
      throw new BadRequestException("integrationUri is required for integrationType " + type);
    }
    String method = i.integrationMethod();
    if (method == null && type.equals("HTTP_PROXY")) {
      throw new BadRequestException("integrationMethod is required for integrationType HTTP_PROXY");
    }
    Integration created = new Integration(integrationId, type, i.integrationUri(),
        method == null && i.integrationSubtype() == null ? "POST" : method,
        i.connectionType() == null ? "INTERNET" : i.connectionType(), i.credentialsArn(),
        i.description(), orEmpty(i.requestParameters()), Map.of(), null, null,
        i.timeoutInMillis() == null ? MAX_TIMEOUT : i.timeoutInMillis(), null, null, Map.of(),
        i.payloadFormatVersion() == null && (type.equals("HTTP_PROXY") || i.integrationSubtype() != null)
            ? "1.0" : i.payloadFormatVersion(),
        i.integrationSubtype(), i.responseParameters() == null ? Map.of() : i.responseParameters(), null,
        i.tlsConfig(), i.connectionId());
    checkIntegration(created);
    return created;
  }

  /** UpdateIntegration of an HTTP API: the fields to change (the merged integration is checked by {@link #checkIntegration}). */
  static Integration integrationChanges(JsonNode body) {
    refuse(body, WEBSOCKET_INTEGRATION_FIELDS, "supported only for WebSocket APIs");
    String type = JsonFields.string(body, "integrationType");
    if (type != null && !INTEGRATION_TYPES.contains(type)) {
      throw new BadRequestException(
          "Integration type " + type + " is not supported for HTTP APIs (expected: AWS_PROXY or HTTP_PROXY)");
    }
    String subtype = JsonFields.string(body, "integrationSubtype");
    if (subtype != null && IntegrationSubtypes.of(subtype) == null) {
      throw new BadRequestException("Invalid integrationSubtype: " + subtype + " (expected: one of "
          + IntegrationSubtypes.names() + ")");
    }
    String connectionType = V2ApiRequests.connectionType(body);
    String connectionId = V2ApiRequests.connectionId(body);
    Integer timeout = JsonFields.integer(body, "timeoutInMillis");
    if (timeout != null && (timeout < V2ApiRequests.MIN_TIMEOUT || timeout > MAX_TIMEOUT)) {
      throw new BadRequestException(
          "Invalid timeoutInMillis: " + timeout + " (expected: " + V2ApiRequests.MIN_TIMEOUT + "-" + MAX_TIMEOUT + ")");
    }
    String version = JsonFields.string(body, "payloadFormatVersion");
    if (version != null && !PAYLOAD_VERSIONS.contains(version)) {
      throw new BadRequestException("Invalid payloadFormatVersion: " + version + " (expected: 1.0 or 2.0)");
    }
    String method = JsonFields.string(body, "integrationMethod");
    if (method != null && !V2ApiRequests.HTTP_METHODS.contains(method)) {
      throw new BadRequestException("Invalid integrationMethod: " + method + " (expected: one of "
          + V2ApiRequests.HTTP_METHODS.stream().sorted().toList() + ")");
    }
    JsonNode tls = body.get("tlsConfig");
    TlsConfig tlsConfig = null;
    if (tls != null && !tls.isNull()) {
      if (!tls.isObject()) {
        throw new BadRequestException("Invalid value for tlsConfig (expected: {\"serverNameToVerify\": string})");
      }
      tlsConfig = new TlsConfig(JsonFields.string(tls, "serverNameToVerify"));
    }
    return new Integration(null, type, JsonFields.string(body, "integrationUri"), method, connectionType,
        JsonFields.string(body, "credentialsArn"), JsonFields.string(body, "description"),
        body.hasNonNull("requestParameters") ? JsonFields.stringMap(body, "requestParameters") : null, null, null, null,
        timeout, null, null, null, version, subtype, responseParameters(body), null, tlsConfig, connectionId);
  }

  /** The checks of a whole HTTP API integration: its URI fits its type, and its parameter mapping. */
  static void checkIntegration(Integration i) {
    String uri = i.integrationUri();
    if (i.integrationSubtype() != null) {
      if (!"AWS_PROXY".equals(i.integrationType())) {
        throw new BadRequestException("integrationSubtype is supported only for integrationType AWS_PROXY");
      }
      if (uri != null) {
        throw new BadRequestException("integrationUri is not supported with integrationSubtype " + i.integrationSubtype()
            + " (the action's parameters are in requestParameters)");
      }
      String credentials = i.credentialsArn();
      if (credentials != null && !ROLE_ARN.matcher(credentials).matches()) {
        throw new BadRequestException("Invalid credentialsArn: " + credentials + " for integrationSubtype "
            + i.integrationSubtype() + " (expected: a role ARN arn:aws:iam::{account}:role/{name} that API Gateway"
            + " assumes to call the service)");
      }
    } else if ("AWS_PROXY".equals(i.integrationType())) {
      if (uri == null || !(LAMBDA_ARN.matcher(uri).matches() || LAMBDA_INVOCATION.matcher(uri).matches())) {
        throw new BadRequestException("Invalid integrationUri: " + uri + " for integrationType AWS_PROXY (expected: a"
            + " Lambda function ARN or arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations)");
      }
    } else if ("VPC_LINK".equals(i.connectionType())) {
      if (!"HTTP_PROXY".equals(i.integrationType())) {
        throw new BadRequestException("connectionType VPC_LINK is supported only for integrationType HTTP_PROXY");
      }
      if (i.connectionId() == null) {
        throw new BadRequestException("connectionId is required for connectionType VPC_LINK (expected: a VPC link id)");
      }
      if (uri == null || !PRIVATE_TARGET.matcher(uri).matches()) {
        throw new BadRequestException("Invalid integrationUri: " + uri + " for connectionType VPC_LINK (expected: the"
            + " ARN of a load balancer listener, arn:aws:elasticloadbalancing:{region}:{account}:listener/{app|net}/..."
            + ", or of a Cloud Map service, arn:aws:servicediscovery:{region}:{account}:service/srv-...)");
      }
    } else if (uri == null || !(uri.startsWith("http://") || uri.startsWith("https://")) || uri.length() > 2048) {
      throw new BadRequestException(
          "Invalid integrationUri: " + uri + " for integrationType HTTP_PROXY (expected: an http(s) URL)");
    }
    if (i.integrationSubtype() != null) {
      ParameterMappings.checkSubtype(i.requestParameters() == null ? Map.of() : i.requestParameters(),
          IntegrationSubtypes.of(i.integrationSubtype()));
    } else if (i.requestParameters() != null) {
      ParameterMappings.checkRequest(i.requestParameters());
    }
    if (i.responseParameters() != null) {
      ParameterMappings.checkResponse(i.responseParameters());
    }
  }

  private static Map<String, Map<String, String>> responseParameters(JsonNode body) {
    JsonNode node = body.get("responseParameters");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new BadRequestException(
          "Invalid value for responseParameters (expected: status codes to maps of mapping keys to values)");
    }
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> {
      if (!e.getValue().isObject()) {
        throw new BadRequestException("Invalid value for responseParameters." + e.getKey()
            + " (expected: a map of mapping keys to values)");
      }
      Map<String, String> mappings = new LinkedHashMap<>();
      e.getValue().fields().forEachRemaining(m -> {
        if (!m.getValue().isTextual()) {
          throw new BadRequestException(
              "Invalid value for responseParameters." + e.getKey() + "." + m.getKey() + " (expected: a string)");
        }
        mappings.put(m.getKey(), m.getValue().asText());
      });
      out.put(e.getKey(), mappings);
    });
    return out;
  }

  // ---------------------------------------------------------------- authorizers

  /** CreateAuthorizer of an HTTP API: JWT or REQUEST (Lambda), with AWS's defaults. */
  static Authorizer createAuthorizer(JsonNode body, String authorizerId) {
    Authorizer a = authorizerChanges(body);
    if (a.authorizerType() == null) {
      throw new BadRequestException("authorizerType is required (expected: JWT or REQUEST)");
    }
    if (a.name() == null) {
      throw new BadRequestException("name is required (1-128 characters)");
    }
    List<String> sources = a.identitySource();
    if (sources.isEmpty() && a.authorizerType().equals("JWT")) {
      sources = List.of(JWT_IDENTITY_SOURCE);
    }
    Authorizer created = new Authorizer(authorizerId, a.name(), a.authorizerType(), a.authorizerUri(),
        a.authorizerCredentialsArn(), sources, a.identityValidationExpression(),
        a.authorizerResultTtlInSeconds() == null && a.authorizerType().equals("REQUEST") ? Integer.valueOf(0)
            : a.authorizerResultTtlInSeconds(),
        a.jwtConfiguration(), a.authorizerPayloadFormatVersion(),
        a.authorizerType().equals("REQUEST") ? Boolean.TRUE.equals(a.enableSimpleResponses()) : null);
    checkAuthorizer(created);
    return created;
  }

  /** UpdateAuthorizer of an HTTP API: the fields to change (the merged authorizer is checked by {@link #checkAuthorizer}). */
  static Authorizer authorizerChanges(JsonNode body) {
    String type = JsonFields.string(body, "authorizerType");
    if (type != null && !type.equals("JWT") && !type.equals("REQUEST")) {
      throw new BadRequestException("Invalid authorizerType: " + type + " (expected: JWT or REQUEST for HTTP APIs)");
    }
    String name = JsonFields.string(body, "name");
    if (name != null && (name.isBlank() || name.length() > 128)) {
      throw new BadRequestException("Invalid name: '" + name + "' (expected: 1-128 characters)");
    }
    Integer ttl = JsonFields.integer(body, "authorizerResultTtlInSeconds");
    if (ttl != null && (ttl < 0 || ttl > 3600)) {
      throw new BadRequestException("Invalid authorizerResultTtlInSeconds: " + ttl + " (expected: 0-3600)");
    }
    String version = JsonFields.string(body, "authorizerPayloadFormatVersion");
    if (version != null && !PAYLOAD_VERSIONS.contains(version)) {
      throw new BadRequestException("Invalid authorizerPayloadFormatVersion: " + version + " (expected: 1.0 or 2.0)");
    }
    List<String> sources = JsonFields.stringList(body, "identitySource");
    for (String source : sources) {
      if (IDENTITY_SOURCE_PREFIXES.stream().noneMatch(p -> source.startsWith(p) && source.length() > p.length())) {
        throw new BadRequestException("Invalid identitySource: " + source
            + " (expected: $request.header.X, $request.querystring.X, $context.X or $stageVariables.X)");
      }
    }
    JwtConfiguration jwt = null;
    JsonNode jwtNode = body.get("jwtConfiguration");
    if (jwtNode != null && !jwtNode.isNull()) {
      if (!jwtNode.isObject()) {
        throw new BadRequestException(
            "Invalid value for jwtConfiguration (expected: {\"issuer\": string, \"audience\": [string]})");
      }
      jwt = new JwtConfiguration(JsonFields.stringList(jwtNode, "audience"), JsonFields.string(jwtNode, "issuer"));
    }
    return new Authorizer(null, name, type, JsonFields.string(body, "authorizerUri"),
        JsonFields.string(body, "authorizerCredentialsArn"), sources,
        JsonFields.string(body, "identityValidationExpression"), ttl, jwt, version,
        V2ApiRequests.optionalBool(body, "enableSimpleResponses"));
  }

  /** The checks of a whole HTTP API authorizer, by type. */
  static void checkAuthorizer(Authorizer a) {
    if (a.authorizerType().equals("JWT")) {
      JwtConfiguration jwt = a.jwtConfiguration();
      if (jwt == null || jwt.issuer() == null) {
        throw new BadRequestException("jwtConfiguration with an issuer is required for JWT authorizers");
      }
      if (!jwt.issuer().startsWith("https://") && !jwt.issuer().startsWith("http://")) {
        throw new BadRequestException("Invalid jwtConfiguration.issuer: " + jwt.issuer() + " (expected: a URL)");
      }
      if (a.identitySource().size() != 1) {
        throw new BadRequestException("JWT authorizers take exactly one identitySource (e.g. " + JWT_IDENTITY_SOURCE + ")");
      }
      if (a.authorizerUri() != null || a.authorizerPayloadFormatVersion() != null
          || a.enableSimpleResponses() != null && a.enableSimpleResponses()) {
        throw new BadRequestException("authorizerUri, authorizerPayloadFormatVersion and enableSimpleResponses are "
            + "supported only for REQUEST authorizers");
      }
      return;
    }
    if (a.authorizerUri() == null || !LAMBDA_INVOCATION.matcher(a.authorizerUri()).matches()
        && !LAMBDA_ARN.matcher(a.authorizerUri()).matches()) {
      throw new BadRequestException("Invalid authorizerUri: " + a.authorizerUri() + " (expected: "
          + "arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function arn}/invocations)");
    }
    if (a.authorizerPayloadFormatVersion() == null) {
      throw new BadRequestException("authorizerPayloadFormatVersion is required for REQUEST authorizers (expected: 1.0 or 2.0)");
    }
    if (Boolean.TRUE.equals(a.enableSimpleResponses()) && !"2.0".equals(a.authorizerPayloadFormatVersion())) {
      throw new BadRequestException(
          "enableSimpleResponses is supported only with authorizerPayloadFormatVersion 2.0");
    }
    if (a.jwtConfiguration() != null) {
      throw new BadRequestException("jwtConfiguration is supported only for JWT authorizers");
    }
    if (a.authorizerResultTtlInSeconds() != null && a.authorizerResultTtlInSeconds() > 0 && a.identitySource().isEmpty()) {
      throw new BadRequestException(
          "identitySource is required when authorizerResultTtlInSeconds is greater than 0 (it keys the cache)");
    }
  }

  // ---------------------------------------------------------------- stages

  /** CreateStage of an HTTP API: {@code $default} or a name; autoDeploy false by default. */
  static Stage createStage(JsonNode body, Instant now) {
    String name = JsonFields.string(body, "stageName");
    if (name == null || !name.equals(DEFAULT_STAGE) && !STAGE_NAME.matcher(name).matches()) {
      throw new BadRequestException(
          "Invalid stageName: " + name + " (expected: $default or 1-128 characters of a-zA-Z0-9_-)");
    }
    Stage s = stageChanges(body);
    return new Stage(name, s.deploymentId(), s.description(), orEmpty(s.stageVariables()),
        s.defaultRouteSettings() == null ? RouteSettings.none() : s.defaultRouteSettings(), orEmpty(s.routeSettings()),
        TagRules.check(JsonFields.stringMap(body, "tags")), now, now, Boolean.TRUE.equals(s.autoDeploy()),
        s.accessLogSettings(), null, null);
  }

  /** UpdateStage of an HTTP API: the fields to change. */
  static Stage stageChanges(JsonNode body) {
    if (body.hasNonNull("clientCertificateId")) {
      throw new BadRequestException("clientCertificateId is supported only for WebSocket APIs");
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
    AccessLogSettings accessLog = null;
    JsonNode log = body.get("accessLogSettings");
    if (log != null && !log.isNull()) {
      if (!log.isObject()) {
        throw new BadRequestException(
            "Invalid value for accessLogSettings (expected: {\"destinationArn\": string, \"format\": string})");
      }
      String format = JsonFields.string(log, "format");
      if (format != null && (format.isBlank() || format.length() > 10_000)) {
        throw new BadRequestException("Invalid accessLogSettings.format (expected: 1-10000 characters)");
      }
      accessLog = new AccessLogSettings(JsonFields.string(log, "destinationArn"), format);
    }
    return new Stage(null, JsonFields.string(body, "deploymentId"), JsonFields.string(body, "description"),
        body.hasNonNull("stageVariables") ? variables : null,
        defaults == null || defaults.isNull() ? null : routeSettings(defaults, "defaultRouteSettings"),
        body.hasNonNull("routeSettings") ? routeSettings : null,
        body.hasNonNull("tags") ? TagRules.check(JsonFields.stringMap(body, "tags")) : null, null, null,
        V2ApiRequests.optionalBool(body, "autoDeploy"), accessLog, null, null);
  }

  /** HTTP APIs' route settings: throttling and detailed metrics (no execution logs). */
  private static RouteSettings routeSettings(JsonNode node, String field) {
    if (!node.isObject()) {
      throw new BadRequestException("Invalid value for " + field + " (expected: an object of route settings)");
    }
    for (String logging : List.of("loggingLevel", "dataTraceEnabled")) {
      if (node.hasNonNull(logging)) {
        throw new BadRequestException(field + "." + logging
            + " is not supported for HTTP APIs (execution logs are for WebSocket APIs; use accessLogSettings)");
      }
    }
    RouteSettings s = V2ApiRequests.routeSettings(node, field);
    return new RouteSettings(null, s.detailedMetricsEnabled(), null, s.throttlingBurstLimit(), s.throttlingRateLimit());
  }

  // ---------------------------------------------------------------- helpers

  private static void refuse(JsonNode body, List<String> fields, String why) {
    for (String field : fields) {
      JsonNode v = body.get(field);
      if (v != null && !v.isNull() && !(v.isContainerNode() && v.isEmpty())) {
        throw new BadRequestException(field + " is " + why);
      }
    }
  }

  private static List<String> listOrNull(JsonNode body, String field) {
    return body.hasNonNull(field) ? JsonFields.stringList(body, field) : null;
  }

  private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }
}
