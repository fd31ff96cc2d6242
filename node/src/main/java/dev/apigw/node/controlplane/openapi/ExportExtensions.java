package dev.apigw.node.controlplane.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.Authorizer;
import dev.apigw.protocol.restapi.GatewayResponse;
import dev.apigw.protocol.restapi.Integration;
import dev.apigw.protocol.restapi.IntegrationResponse;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.Model;
import dev.apigw.protocol.restapi.RequestValidator;
import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an export that are the same in OpenAPI 3.0 and Swagger 2.0: the values of the
 * {@code x-amazon-apigateway-*} extensions, and which of them the caller asked for.
 *
 * @param integrations write {@code x-amazon-apigateway-integration} and request validators
 * @param authorizers write {@code x-amazon-apigateway-authorizer}
 * @param apigateway also write API-level extensions (gateway responses, binary media types, key source)
 * @param documentation write {@code x-amazon-apigateway-documentation}: the documentation version published on the
 *     stage; AWS includes it by default, and when {@code extensions} is given only if it lists {@code documentation}
 */
record ExportExtensions(boolean integrations, boolean authorizers, boolean apigateway, boolean documentation) {
  static final String API_KEY_SCHEME = "api_key";
  static final String SIGV4_SCHEME = "sigv4";
  private static final Pattern MODEL_URL = Pattern.compile("https://apigateway\\.amazonaws\\.com/restapis/[^/]+/models/([^/#]+)");

  /** From GetExport's {@code extensions} parameter: a comma-separated list; unknown values are AWS's 400. */
  static ExportExtensions parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return new ExportExtensions(false, false, false, true);
    }
    boolean integrations = false;
    boolean authorizers = false;
    boolean apigateway = false;
    boolean documentation = false;
    for (String part : raw.split(",")) {
      switch (part.trim()) {
        case "integrations" -> integrations = true;
        case "authorizers" -> authorizers = true;
        case "apigateway" -> apigateway = true;
        case "documentation" -> documentation = true;
        case "postman" -> throw new dev.apigw.protocol.errors.BadRequestException(
            "Postman extensions are not supported by this gateway (expected: integrations, authorizers, apigateway, "
                + "documentation)");
        default -> throw new dev.apigw.protocol.errors.BadRequestException("Invalid extensions value: " + part
            + " (expected a comma-separated list of integrations, authorizers, apigateway, documentation)");
      }
    }
    return apigateway ? new ExportExtensions(true, true, true, documentation)
        : new ExportExtensions(integrations, authorizers, false, documentation);
  }

  static Map<String, Object> integration(Integration i) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", i.type().toLowerCase());
    putIfPresent(out, "httpMethod", i.httpMethod());
    putIfPresent(out, "uri", i.uri());
    if (i.connectionType() != null && !i.connectionType().equals("INTERNET")) {
      out.put("connectionType", i.connectionType());
    }
    putIfPresent(out, "connectionId", i.connectionId());
    putIfPresent(out, "credentials", i.credentials());
    putIfNotEmpty(out, "requestParameters", new TreeMap<>(i.requestParameters()));
    putIfNotEmpty(out, "requestTemplates", new TreeMap<>(i.requestTemplates()));
    putIfPresent(out, "passthroughBehavior", i.passthroughBehavior() == null ? null : i.passthroughBehavior().toLowerCase());
    putIfPresent(out, "contentHandling", i.contentHandling());
    out.put("timeoutInMillis", i.timeoutInMillis());
    putIfPresent(out, "cacheNamespace", i.cacheNamespace());
    if (!i.cacheKeyParameters().isEmpty()) {
      out.put("cacheKeyParameters", i.cacheKeyParameters());
    }
    if (!i.integrationResponses().isEmpty()) {
      Map<String, Object> responses = new LinkedHashMap<>();
      i.integrationResponses().values().stream().sorted(Comparator.comparing(IntegrationResponse::statusCode))
          .forEach(r -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("statusCode", r.statusCode());
            putIfNotEmpty(v, "responseParameters", new TreeMap<>(r.responseParameters()));
            putIfNotEmpty(v, "responseTemplates", new TreeMap<>(r.responseTemplates()));
            putIfPresent(v, "contentHandling", r.contentHandling());
            responses.put(r.selectionPattern() == null ? "default" : r.selectionPattern(), v);
          });
      out.put("responses", responses);
    }
    return out;
  }

  static Map<String, Object> authorizer(Authorizer a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", a.type().toLowerCase());
    putIfPresent(out, "authorizerUri", a.authorizerUri());
    putIfPresent(out, "authorizerCredentials", a.authorizerCredentials());
    putIfPresent(out, "identitySource", a.identitySource());
    putIfPresent(out, "identityValidationExpression", a.identityValidationExpression());
    out.put("authorizerResultTtlInSeconds", a.authorizerResultTtlInSeconds());
    if (!a.providerARNs().isEmpty()) {
      out.put("providerARNs", a.providerARNs());
    }
    return out;
  }

  /** AWS's {@code x-amazon-apigateway-authtype} for an authorizer. */
  static String authType(Authorizer a) {
    return a.type().equals("COGNITO_USER_POOLS") ? "cognito_user_pools" : "custom";
  }

  /** The header an authorizer reads its token from, as the security scheme's {@code name}. */
  static String authorizerHeader(Authorizer a) {
    String prefix = "method.request.header.";
    if (a.identitySource() != null && a.identitySource().startsWith(prefix) && !a.identitySource().contains(",")) {
      return a.identitySource().substring(prefix.length());
    }
    return "Unused";
  }

  static Map<String, Object> validators(ApiDefinition d) {
    Map<String, Object> out = new TreeMap<>();
    for (RequestValidator v : d.requestValidators().values()) {
      out.put(v.name(), Map.of("validateRequestBody", v.validateRequestBody(),
          "validateRequestParameters", v.validateRequestParameters()));
    }
    return out;
  }

  static Map<String, Object> gatewayResponses(ApiDefinition d) {
    Map<String, Object> out = new TreeMap<>();
    for (GatewayResponse r : d.gatewayResponses().values()) {
      Map<String, Object> v = new LinkedHashMap<>();
      putIfPresent(v, "statusCode", r.statusCode());
      putIfNotEmpty(v, "responseParameters", new TreeMap<>(r.responseParameters()));
      putIfNotEmpty(v, "responseTemplates", new TreeMap<>(r.responseTemplates()));
      out.put(r.responseType(), v);
    }
    return out;
  }

  /** The method's request validator name, or null. */
  static String validatorName(ApiDefinition d, Method m) {
    RequestValidator v = m.requestValidatorId() == null ? null : d.requestValidators().get(m.requestValidatorId());
    return v == null ? null : v.name();
  }

  /** A model's schema as a tree whose model references point at {@code refPrefix + name}. */
  static JsonNode schema(Model model, String refPrefix) {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(model.schema() == null ? "{}" : model.schema());
    } catch (IOException e) {
      // Models are stored as text; one that is not JSON is exported as an empty schema rather than failing the export.
      tree = Json.object();
    }
    return refsTo(tree, refPrefix);
  }

  private static JsonNode refsTo(JsonNode node, String prefix) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual()) {
        Matcher m = MODEL_URL.matcher(ref.asText());
        if (m.matches()) {
          object.put("$ref", prefix + m.group(1));
        }
      }
      object.fields().forEachRemaining(e -> refsTo(e.getValue(), prefix));
    } else if (node.isArray()) {
      node.forEach(n -> refsTo(n, prefix));
    }
    return node;
  }

  /** {@code method.request.querystring.x} -> {"query", "x"}; null for locations OpenAPI has no place for. */
  static String[] parameter(String requestParameter) {
    String[] parts = requestParameter.split("\\.", 4);
    if (parts.length != 4) {
      return null;
    }
    String in = switch (parts[2]) {
      case "path" -> "path";
      case "querystring", "multivaluequerystring" -> "query";
      case "header", "multivalueheader" -> "header";
      default -> null;
    };
    return in == null ? null : new String[] {in, parts[3]};
  }

  static List<String> methodOrder(Map<String, Method> methods) {
    return methods.keySet().stream().sorted().toList();
  }

  private static void putIfPresent(Map<String, Object> out, String key, Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  private static void putIfNotEmpty(Map<String, Object> out, String key, Map<String, ?> value) {
    if (!value.isEmpty()) {
      out.put(key, value);
    }
  }
}
