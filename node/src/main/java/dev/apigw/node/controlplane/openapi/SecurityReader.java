package dev.apigw.node.controlplane.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.restapi.Authorizer;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns {@code components.securitySchemes} into what methods refer to: the API key ({@code apiKey}
 * scheme named {@code x-api-key} in a header), authorizers ({@code x-amazon-apigateway-authorizer}),
 * and IAM ({@code x-amazon-apigateway-authtype: awsSigv4}).
 */
final class SecurityReader {
  static final String AUTHORIZER = "x-amazon-apigateway-authorizer";
  static final String AUTHTYPE = "x-amazon-apigateway-authtype";
  static final String API_KEY_HEADER = "x-api-key";

  /** What a security requirement naming this scheme does to a method. */
  enum Kind { API_KEY, AUTHORIZER, IAM }

  /**
   * @param kind what it is
   * @param authorizerId for AUTHORIZER
   * @param authorizationType for AUTHORIZER: CUSTOM or COGNITO_USER_POOLS
   */
  record Scheme(Kind kind, String authorizerId, String authorizationType) {}

  private SecurityReader() {}

  /** Schemes by name; unsupported ones are left out with a warning, authorizers are put into {@code builder}. */
  static Map<String, Scheme> read(OpenAPI api, DefinitionBuilder builder, Warnings warnings) {
    Map<String, Scheme> out = new LinkedHashMap<>();
    if (api.getComponents() == null || api.getComponents().getSecuritySchemes() == null) {
      return out;
    }
    new TreeMap<>(api.getComponents().getSecuritySchemes()).forEach((name, scheme) -> {
      String where = "securitySchemes." + name;
      Extensions.warnUnknown(scheme.getExtensions(), Set.of(AUTHORIZER, AUTHTYPE), where, warnings);
      ObjectNode authorizer = Extensions.object(scheme.getExtensions(), AUTHORIZER, where);
      JsonNode authType = Extensions.get(scheme.getExtensions(), AUTHTYPE);
      if (authorizer != null) {
        Authorizer a = authorizer(name, scheme, authorizer, authType == null ? null : authType.asText(), where);
        String id = builder.authorizer(a, where);
        out.put(name, new Scheme(Kind.AUTHORIZER, id,
            a.type().equals("COGNITO_USER_POOLS") ? "COGNITO_USER_POOLS" : "CUSTOM"));
      } else if (authType != null && authType.asText().equalsIgnoreCase("awsSigv4")) {
        out.put(name, new Scheme(Kind.IAM, null, "AWS_IAM"));
      } else if (scheme.getType() == SecurityScheme.Type.APIKEY && scheme.getIn() == SecurityScheme.In.HEADER
          && API_KEY_HEADER.equalsIgnoreCase(scheme.getName())) {
        out.put(name, new Scheme(Kind.API_KEY, null, null));
      } else {
        warnings.add("Security scheme '" + name + "' (" + scheme.getType()
            + ") is neither the API key (apiKey x-api-key in header), an x-amazon-apigateway-authorizer nor awsSigv4;"
            + " methods that require it were imported without it");
      }
    });
    return out;
  }

  private static Authorizer authorizer(String name, SecurityScheme scheme, ObjectNode body, String authType, String where) {
    String at = where + "." + AUTHORIZER;
    String rawType = JsonFields.string(body, "type");
    String type = rawType == null ? null : rawType.toUpperCase();
    if (type == null || !Set.of("TOKEN", "REQUEST", "COGNITO_USER_POOLS").contains(type)) {
      throw new BadRequestException("Invalid OpenAPI input at " + at + ".type: " + rawType
          + " (expected one of [token, request, cognito_user_pools])");
    }
    String uri = JsonFields.string(body, "authorizerUri");
    List<String> providers = JsonFields.stringList(body, "providerARNs");
    if (!type.equals("COGNITO_USER_POOLS") && (uri == null || uri.isBlank())) {
      throw new BadRequestException("Invalid OpenAPI input at " + at + ": authorizerUri is required for " + type + " authorizers");
    }
    if (type.equals("COGNITO_USER_POOLS") && providers.isEmpty()) {
      throw new BadRequestException("Invalid OpenAPI input at " + at + ": providerARNs is required for cognito_user_pools authorizers");
    }
    Integer ttl = JsonFields.integer(body, "authorizerResultTtlInSeconds");
    if (ttl != null && (ttl < 0 || ttl > 3600)) {
      throw new BadRequestException("Invalid OpenAPI input at " + at + ".authorizerResultTtlInSeconds: " + ttl
          + " (expected: 0 to 3600)");
    }
    String identitySource = JsonFields.string(body, "identitySource");
    if (identitySource == null && !type.equals("REQUEST") && scheme.getIn() == SecurityScheme.In.HEADER
        && scheme.getName() != null) {
      // AWS's convention: the scheme's header is the token's source.
      identitySource = "method.request.header." + scheme.getName();
    }
    return new Authorizer(null, name, type, uri, JsonFields.string(body, "authorizerCredentials"), identitySource,
        JsonFields.string(body, "identityValidationExpression"), ttl == null ? 300 : ttl, providers, authType);
  }
}
