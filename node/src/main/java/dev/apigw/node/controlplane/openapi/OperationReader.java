package dev.apigw.node.controlplane.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.restapi.DefinitionRequests;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.restapi.Integration;
import dev.apigw.protocol.restapi.IntegrationResponse;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.MethodResponse;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One operation of a document -> one {@link Method} with its method responses and integration,
 * checked with the same rules as PutMethod / PutIntegration ({@link DefinitionRequests}).
 */
final class OperationReader {
  static final String INTEGRATION = "x-amazon-apigateway-integration";
  static final String VALIDATOR = "x-amazon-apigateway-request-validator";
  static final String AUTH = "x-amazon-apigateway-auth";
  private static final Set<String> KNOWN = Set.of(INTEGRATION, VALIDATOR, AUTH);
  private static final Set<String> INTEGRATION_FIELDS = Set.of("type", "httpMethod", "uri", "connectionType",
      "connectionId", "credentials", "requestParameters", "requestTemplates", "passthroughBehavior", "contentHandling",
      "timeoutInMillis", "cacheNamespace", "cacheKeyParameters", "responses");
  private static final Pattern STATUS = Pattern.compile("[1-5]\\d\\d");
  private static final Map<String, String> LOCATIONS = Map.of("path", "path", "query", "querystring", "header", "header");

  private final OpenAPI api;
  private final Map<String, SecurityReader.Scheme> schemes;
  private final Map<String, String> validatorIds;
  private final String defaultValidator;
  private final Warnings warnings;

  OperationReader(OpenAPI api, Map<String, SecurityReader.Scheme> schemes, Map<String, String> validatorIds,
      String defaultValidator, Warnings warnings) {
    this.api = api;
    this.schemes = schemes;
    this.validatorIds = validatorIds;
    this.defaultValidator = defaultValidator;
    this.warnings = warnings;
  }

  Method read(String httpMethod, Operation op, PathItem item, String where) {
    Extensions.warnUnknown(op.getExtensions(), KNOWN, where, warnings);
    if (op.getCallbacks() != null && !op.getCallbacks().isEmpty()) {
      warnings.add("Callbacks at " + where + " are not supported and were ignored");
    }
    ObjectNode body = Json.object();
    security(op, where, body);
    if (op.getOperationId() != null) {
      body.put("operationName", op.getOperationId());
    }
    body.set("requestParameters", Json.MAPPER.valueToTree(parameters(item, op, where)));
    body.set("requestModels", Json.MAPPER.valueToTree(requestModels(op.getRequestBody(), where)));
    String validator = validatorName(op, where);
    if (validator != null) {
      String id = validatorIds.get(validator);
      if (id == null) {
        throw new BadRequestException("Invalid OpenAPI input at " + where + "." + VALIDATOR + ": no request validator named '"
            + validator + "' in x-amazon-apigateway-request-validators");
      }
      body.put("requestValidatorId", id);
    }
    Method method = checked(where, () -> DefinitionRequests.method(httpMethod, body));
    for (MethodResponse r : methodResponses(op, where)) {
      method = method.withMethodResponse(r);
    }
    ObjectNode integration = Extensions.object(op.getExtensions(), INTEGRATION, where);
    if (integration == null) {
      warnings.add("No " + INTEGRATION + " at " + where + ": the method was imported without an integration");
      return method;
    }
    Integration read = integration(integration, where + "." + INTEGRATION);
    IntegrationSupport.unsupported(read).ifPresent(why ->
        warnings.add("Integration at " + where + " cannot be served by this gateway (requests answer 500): " + why));
    return method.withIntegration(read);
  }

  private void security(Operation op, String where, ObjectNode body) {
    String authorizationType = "NONE";
    List<SecurityRequirement> requirements = op.getSecurity() != null ? op.getSecurity() : api.getSecurity();
    var scopes = body.putArray("authorizationScopes");
    if (requirements != null) {
      for (SecurityRequirement requirement : requirements) {
        for (var e : requirement.entrySet()) {
          SecurityReader.Scheme scheme = schemes.get(e.getKey());
          if (scheme == null) {
            if (api.getComponents() == null || api.getComponents().getSecuritySchemes() == null
                || !api.getComponents().getSecuritySchemes().containsKey(e.getKey())) {
              throw new BadRequestException("Invalid OpenAPI input at " + where + ".security: no security scheme named '"
                  + e.getKey() + "'");
            }
            continue; // an unsupported scheme, already warned about
          }
          switch (scheme.kind()) {
            case API_KEY -> body.put("apiKeyRequired", true);
            case IAM -> authorizationType = "AWS_IAM";
            case AUTHORIZER -> {
              if (body.has("authorizerId") && !body.get("authorizerId").asText().equals(scheme.authorizerId())) {
                warnings.add("More than one authorizer at " + where + ": only '" + body.get("authorizerId").asText()
                    + "' was kept");
                continue;
              }
              authorizationType = scheme.authorizationType();
              body.put("authorizerId", scheme.authorizerId());
              if (scheme.authorizationType().equals("COGNITO_USER_POOLS")) {
                e.getValue().forEach(scopes::add);
              }
            }
          }
        }
      }
    }
    JsonNode auth = Extensions.get(op.getExtensions(), AUTH);
    if (auth != null && auth.has("type")) {
      String type = auth.get("type").asText().toUpperCase();
      if (!type.equals("AWS_IAM") && !type.equals("NONE")) {
        throw new BadRequestException("Invalid OpenAPI input at " + where + "." + AUTH + ".type: " + type
            + " (expected AWS_IAM or NONE)");
      }
      if (type.equals("AWS_IAM")) {
        authorizationType = "AWS_IAM";
      }
    }
    body.put("authorizationType", authorizationType);
  }

  private String validatorName(Operation op, String where) {
    JsonNode v = Extensions.get(op.getExtensions(), VALIDATOR);
    if (v == null) {
      return defaultValidator;
    }
    if (!v.isTextual()) {
      throw new BadRequestException("Invalid OpenAPI input at " + where + "." + VALIDATOR + ": expected a validator name");
    }
    return v.asText();
  }

  private Map<String, Boolean> parameters(PathItem item, Operation op, String where) {
    List<Parameter> all = new ArrayList<>();
    if (item.getParameters() != null) {
      all.addAll(item.getParameters());
    }
    if (op.getParameters() != null) {
      all.addAll(op.getParameters());
    }
    Map<String, Boolean> out = new LinkedHashMap<>();
    for (Parameter p : all) {
      Parameter param = resolve(p, where);
      if (param == null) {
        continue;
      }
      String location = LOCATIONS.get(param.getIn());
      if (location == null) {
        warnings.add("Parameter '" + param.getName() + "' in " + param.getIn() + " at " + where
            + " is not supported by API Gateway and was ignored");
        continue;
      }
      boolean required = location.equals("path") || Boolean.TRUE.equals(param.getRequired());
      // Operation parameters come last, so they override path-level ones of the same name.
      out.put("method.request." + location + "." + param.getName(), required);
    }
    return out;
  }

  private Parameter resolve(Parameter p, String where) {
    if (p.get$ref() == null) {
      return p;
    }
    String name = refName(p.get$ref());
    Parameter found = api.getComponents() == null || api.getComponents().getParameters() == null ? null
        : api.getComponents().getParameters().get(name);
    if (found == null) {
      warnings.add("Parameter reference " + p.get$ref() + " at " + where + " could not be resolved and was ignored");
    }
    return found;
  }

  private Map<String, String> requestModels(RequestBody requestBody, String where) {
    if (requestBody == null) {
      return Map.of();
    }
    RequestBody body = requestBody;
    if (body.get$ref() != null) {
      String name = refName(body.get$ref());
      body = api.getComponents() == null || api.getComponents().getRequestBodies() == null ? null
          : api.getComponents().getRequestBodies().get(name);
      if (body == null) {
        warnings.add("Request body reference " + requestBody.get$ref() + " at " + where + " could not be resolved and was ignored");
        return Map.of();
      }
    }
    return models(body.getContent(), where + ".requestBody");
  }

  private Map<String, String> models(Content content, String where) {
    Map<String, String> out = new LinkedHashMap<>();
    if (content == null) {
      return out;
    }
    content.forEach((mediaType, media) -> {
      if (media.getSchema() == null) {
        return;
      }
      // Swagger 2.0 bodies without "consumes" come out of the converter as */*; AWS uses JSON.
      String type = mediaType.equals("*/*") ? "application/json" : mediaType;
      String ref = media.getSchema().get$ref();
      if (ref != null && ref.startsWith("#/components/schemas/")) {
        out.put(type, refName(ref));
      } else if (ref != null) {
        warnings.add("Reference " + ref + " for " + mediaType + " at " + where
            + " is not a schema of this document; external references are not supported and it was ignored");
      } else {
        warnings.add("Inline schema for " + mediaType + " at " + where
            + " was not imported as a model (reference a schema in components.schemas / definitions instead)");
      }
    });
    return out;
  }

  private List<MethodResponse> methodResponses(Operation op, String where) {
    List<MethodResponse> out = new ArrayList<>();
    if (op.getResponses() == null) {
      return out;
    }
    op.getResponses().forEach((code, declared) -> {
      String at = where + ".responses." + code;
      if (!STATUS.matcher(code).matches()) {
        warnings.add("Response '" + code + "' at " + where + " is not a status code and was ignored");
        return;
      }
      ApiResponse response = declared;
      if (declared.get$ref() != null) {
        response = api.getComponents() == null || api.getComponents().getResponses() == null ? null
            : api.getComponents().getResponses().get(refName(declared.get$ref()));
        if (response == null) {
          warnings.add("Response reference " + declared.get$ref() + " at " + at + " could not be resolved; imported without headers or models");
          out.add(new MethodResponse(code, Map.of(), Map.of()));
          return;
        }
      }
      Map<String, Boolean> headers = new LinkedHashMap<>();
      if (response.getHeaders() != null) {
        response.getHeaders().forEach((name, header) ->
            headers.put("method.response.header." + name, Boolean.TRUE.equals(header.getRequired())));
      }
      out.add(new MethodResponse(code, headers, models(response.getContent(), at)));
    });
    return out;
  }

  private Integration integration(ObjectNode raw, String where) {
    raw.fieldNames().forEachRemaining(f -> {
      if (!INTEGRATION_FIELDS.contains(f)) {
        warnings.add("Unsupported field " + f + " at " + where + " was ignored");
      }
    });
    ObjectNode body = raw.deepCopy();
    // AWS's own examples write "http_proxy", "aws_proxy", "post": accept any case, as AWS does.
    upper(body, "type");
    upper(body, "httpMethod");
    upper(body, "passthroughBehavior");
    upper(body, "contentHandling");
    upper(body, "connectionType");
    JsonNode responses = body.remove("responses");
    Integration integration = checked(where, () -> DefinitionRequests.integration(body));
    if (responses == null || responses.isNull()) {
      return integration;
    }
    if (!responses.isObject()) {
      throw new BadRequestException("Invalid OpenAPI input at " + where + ".responses: expected a map of selection pattern to response");
    }
    for (var it = responses.fields(); it.hasNext(); ) {
      var e = it.next();
      String at = where + ".responses." + e.getKey();
      if (!e.getValue().isObject() || !e.getValue().path("statusCode").isValueNode()) {
        throw new BadRequestException("Invalid OpenAPI input at " + at + ": statusCode is required");
      }
      ObjectNode r = ((ObjectNode) e.getValue()).deepCopy();
      String status = checked(at, () -> DefinitionRequests.statusCode(r.get("statusCode").asText()));
      r.remove("statusCode");
      upper(r, "contentHandling");
      if (!e.getKey().equals("default")) {
        r.put("selectionPattern", e.getKey());
      }
      if (integration.integrationResponses().containsKey(status)) {
        warnings.add("More than one integration response with status " + status + " at " + where
            + ": only the first was kept");
        continue;
      }
      IntegrationResponse response = checked(at, () -> DefinitionRequests.integrationResponse(status, r));
      integration = integration.withResponse(response);
    }
    return integration;
  }

  private static void upper(ObjectNode body, String field) {
    if (body.path(field).isTextual()) {
      body.put(field, body.get(field).asText().toUpperCase());
    }
  }

  static String refName(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  private static <T> T checked(String where, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (BadRequestException e) {
      throw new BadRequestException("Invalid OpenAPI input at " + where + ": " + e.getMessage());
    }
  }
}
