package dev.apigw.node.controlplane.restapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.Ids;
import dev.apigw.protocol.PatchOperation;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ValidationErrors;
import dev.apigw.protocol.restapi.Authorizer;
import dev.apigw.protocol.restapi.GatewayResponse;
import dev.apigw.protocol.restapi.Model;
import dev.apigw.protocol.restapi.RequestValidator;
import java.util.List;
import java.util.Set;

/** Reads and patches models, request validators, authorizers and gateway responses. */
final class ComponentRequests {
  static final Set<String> AUTHORIZER_TYPES = Set.of("TOKEN", "REQUEST", "COGNITO_USER_POOLS");
  // The orders AWS's ValidationException lists them in: authorizer types as recorded, gateway response types in the
  // model's order (no recorded answer found).
  private static final List<String> AUTHORIZER_TYPE_ENUM = List.of("TOKEN", "REQUEST", "COGNITO_USER_POOLS");
  private static final List<String> GATEWAY_RESPONSE_TYPE_ENUM = List.of("DEFAULT_4XX", "DEFAULT_5XX",
      "RESOURCE_NOT_FOUND", "UNAUTHORIZED", "INVALID_API_KEY", "ACCESS_DENIED", "AUTHORIZER_FAILURE",
      "AUTHORIZER_CONFIGURATION_ERROR", "INVALID_SIGNATURE", "EXPIRED_TOKEN", "MISSING_AUTHENTICATION_TOKEN",
      "INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT", "API_CONFIGURATION_ERROR", "UNSUPPORTED_MEDIA_TYPE",
      "BAD_REQUEST_PARAMETERS", "BAD_REQUEST_BODY", "REQUEST_TOO_LARGE", "THROTTLED", "QUOTA_EXCEEDED", "WAF_FILTERED");

  private ComponentRequests() {}

  static Model model(JsonNode body) {
    String name = JsonFields.string(body, "name");
    String contentType = JsonFields.string(body, "contentType");
    if (contentType == null) {
      throw new BadRequestException("Content type must be specified for a model");
    }
    return new Model(Ids.newId(), name, JsonFields.string(body, "description"), schema(JsonFields.string(body, "schema")),
        contentType);
  }

  static Model patch(Model m, List<PatchOperation> ops) {
    Model out = m;
    for (PatchOperation op : ops) {
      out = switch (replaceOnly(op)) {
        case "/schema" -> new Model(out.id(), out.name(), out.description(), schema(op.value()), out.contentType());
        case "/description" -> new Model(out.id(), out.name(), op.value(), out.schema(), out.contentType());
        default -> throw op.invalidPath();
      };
    }
    return out;
  }

  static RequestValidator validator(JsonNode body) {
    String name = JsonFields.string(body, "name");
    if (name == null || name.isBlank()) {
      throw new BadRequestException("Request validator name is required");
    }
    return new RequestValidator(Ids.newId(), name, JsonFields.bool(body, "validateRequestBody", false),
        JsonFields.bool(body, "validateRequestParameters", false));
  }

  static RequestValidator patch(RequestValidator v, List<PatchOperation> ops) {
    RequestValidator out = v;
    for (PatchOperation op : ops) {
      out = switch (replaceOnly(op)) {
        case "/name" -> new RequestValidator(out.id(), op.value(), out.validateRequestBody(), out.validateRequestParameters());
        case "/validateRequestBody" -> new RequestValidator(out.id(), out.name(),
            Boolean.parseBoolean(op.value()), out.validateRequestParameters());
        case "/validateRequestParameters" -> new RequestValidator(out.id(), out.name(), out.validateRequestBody(),
            Boolean.parseBoolean(op.value()));
        default -> throw op.invalidPath();
      };
    }
    return out;
  }

  static Authorizer authorizer(JsonNode body) {
    ValidationErrors.of("CreateAuthorizer")
        .notNull("name", JsonFields.string(body, "name"))
        .requiredOneOf("type", JsonFields.string(body, "type"), AUTHORIZER_TYPE_ENUM)
        .throwIfAny();
    return checked(new Authorizer(Ids.newId(), JsonFields.string(body, "name"), JsonFields.string(body, "type"),
        JsonFields.string(body, "authorizerUri"), JsonFields.string(body, "authorizerCredentials"),
        JsonFields.string(body, "identitySource"), JsonFields.string(body, "identityValidationExpression"),
        JsonFields.integer(body, "authorizerResultTtlInSeconds") == null ? 300
            : JsonFields.integer(body, "authorizerResultTtlInSeconds"),
        JsonFields.stringList(body, "providerARNs"), JsonFields.string(body, "authType")));
  }

  static Authorizer patch(Authorizer a, List<PatchOperation> ops) {
    Authorizer o = a;
    for (PatchOperation op : ops) {
      String v = op.value();
      o = switch (replaceOnly(op)) {
        case "/name" -> new Authorizer(o.id(), v, o.type(), o.authorizerUri(), o.authorizerCredentials(),
            o.identitySource(), o.identityValidationExpression(), o.authorizerResultTtlInSeconds(), o.providerARNs(), o.authType());
        case "/authorizerUri" -> new Authorizer(o.id(), o.name(), o.type(), v, o.authorizerCredentials(),
            o.identitySource(), o.identityValidationExpression(), o.authorizerResultTtlInSeconds(), o.providerARNs(), o.authType());
        case "/identitySource" -> new Authorizer(o.id(), o.name(), o.type(), o.authorizerUri(), o.authorizerCredentials(),
            v, o.identityValidationExpression(), o.authorizerResultTtlInSeconds(), o.providerARNs(), o.authType());
        case "/identityValidationExpression" -> new Authorizer(o.id(), o.name(), o.type(), o.authorizerUri(),
            o.authorizerCredentials(), o.identitySource(), v, o.authorizerResultTtlInSeconds(), o.providerARNs(), o.authType());
        case "/authorizerResultTtlInSeconds" -> new Authorizer(o.id(), o.name(), o.type(), o.authorizerUri(),
            o.authorizerCredentials(), o.identitySource(), o.identityValidationExpression(), ttl(v), o.providerARNs(), o.authType());
        default -> throw op.invalidPath();
      };
    }
    return checked(o);
  }

  static GatewayResponse gatewayResponse(String type, JsonNode body) {
    ValidationErrors.of("PutGatewayResponse").oneOf("responseType", type, GATEWAY_RESPONSE_TYPE_ENUM).throwIfAny();
    return new GatewayResponse(type, JsonFields.string(body, "statusCode"), JsonFields.stringMap(body, "responseParameters"),
        JsonFields.stringMap(body, "responseTemplates"));
  }

  private static Authorizer checked(Authorizer a) {
    if (a.name() == null || a.name().isBlank()) {
      throw new BadRequestException("Authorizer name is required");
    }
    if (a.type() == null || !AUTHORIZER_TYPES.contains(a.type())) {
      throw new BadRequestException("Invalid authorizer type specified: " + a.type() + " (expected one of " + AUTHORIZER_TYPES + ")");
    }
    if (a.type().equals("COGNITO_USER_POOLS") ? a.providerARNs().isEmpty() : a.authorizerUri() == null) {
      throw new BadRequestException(a.type().equals("COGNITO_USER_POOLS")
          ? "providerARNs are required for a COGNITO_USER_POOLS authorizer"
          : "Invalid Authorizer URI specified: authorizerUri is required for " + a.type() + " authorizers");
    }
    if (a.type().equals("TOKEN") && a.identitySource() == null) {
      throw new BadRequestException("Identity source is required for TOKEN authorizers");
    }
    if (a.type().equals("REQUEST") && a.authorizerResultTtlInSeconds() > 0
        && (a.identitySource() == null || a.identitySource().isBlank())) {
      // The cached result is keyed by the identity: without one, every caller would share the first one's answer.
      throw new BadRequestException("Identity source is required for REQUEST authorizers when caching is enabled "
          + "(authorizerResultTtlInSeconds > 0)");
    }
    ttl(Integer.toString(a.authorizerResultTtlInSeconds()));
    return a;
  }

  private static int ttl(String raw) {
    try {
      int ttl = Integer.parseInt(raw);
      if (ttl >= 0 && ttl <= 3600) {
        return ttl;
      }
    } catch (NumberFormatException e) {
      // falls through to the 400
    }
    throw new BadRequestException("Invalid authorizerResultTtlInSeconds: " + raw + " (expected: 0-3600)");
  }

  private static String schema(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      if (!Json.MAPPER.readTree(raw).isObject()) {
        throw new BadRequestException("Invalid model schema specified: expected a JSON object");
      }
      return raw;
    } catch (JsonProcessingException e) {
      throw new BadRequestException("Invalid model schema specified: " + e.getOriginalMessage());
    }
  }

  private static String replaceOnly(PatchOperation op) {
    if (!op.op().equals("replace")) {
      throw op.invalidPath();
    }
    return op.path();
  }

}
