package dev.apigw.node.controlplane.restapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ValidationErrors;
import dev.apigw.protocol.restapi.Integration;
import dev.apigw.protocol.restapi.IntegrationResponse;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.MethodResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks the bodies of PutMethod, PutMethodResponse, PutIntegration and PutIntegrationResponse.
 * Public so that OpenAPI import checks imported methods and integrations with the same rules.
 */
public final class DefinitionRequests {
  public static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");
  static final Set<String> AUTHORIZATION_TYPES = Set.of("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS");
  static final Set<String> INTEGRATION_TYPES = Set.of("HTTP", "HTTP_PROXY", "MOCK", "AWS", "AWS_PROXY");
  static final Set<String> PASSTHROUGH = Set.of("WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER");
  static final Set<String> CONTENT_HANDLING = Set.of("CONVERT_TO_BINARY", "CONVERT_TO_TEXT");
  // AWS's ValidationException lists: integration types in the order AWS's recorded answer lists them, the others
  // in the model's order (no recorded answer found).
  private static final List<String> INTEGRATION_TYPE_ENUM = List.of("HTTP", "MOCK", "AWS_PROXY", "HTTP_PROXY", "AWS");
  private static final List<String> CONNECTION_TYPE_ENUM = List.of("INTERNET", "VPC_LINK");
  private static final List<String> CONTENT_HANDLING_ENUM = List.of("CONVERT_TO_BINARY", "CONVERT_TO_TEXT");
  private static final Pattern STATUS_CODE = Pattern.compile("[1-5]\\d\\d");

  private DefinitionRequests() {}

  /** The method name from the path, checked. */
  static String httpMethod(String raw) {
    if (!HTTP_METHODS.contains(raw)) {
      throw new BadRequestException("Invalid HTTP method specified: " + raw + " (expected one of " + HTTP_METHODS + ")");
    }
    return raw;
  }

  /** A status code from the path, checked. */
  public static String statusCode(String raw) {
    if (!STATUS_CODE.matcher(raw).matches()) {
      throw new BadRequestException("Invalid status code specified: " + raw + " (expected: 100-599)");
    }
    return raw;
  }

  public static Method method(String httpMethod, JsonNode body) {
    String authorizationType = JsonFields.string(body, "authorizationType");
    if (authorizationType == null || !AUTHORIZATION_TYPES.contains(authorizationType)) {
      throw new BadRequestException("Invalid authorization type specified: " + authorizationType
          + " (expected one of " + AUTHORIZATION_TYPES + ")");
    }
    String authorizerId = JsonFields.string(body, "authorizerId");
    if ((authorizationType.equals("CUSTOM") || authorizationType.equals("COGNITO_USER_POOLS")) && authorizerId == null) {
      throw new BadRequestException("Invalid authorizer ID specified. Setting the authorization type to "
          + authorizationType + " requires a valid authorizer.");
    }
    return new Method(httpMethod, authorizationType, authorizerId, JsonFields.bool(body, "apiKeyRequired", false),
        JsonFields.string(body, "operationName"), JsonFields.boolMap(body, "requestParameters"),
        JsonFields.stringMap(body, "requestModels"), JsonFields.string(body, "requestValidatorId"),
        JsonFields.stringList(body, "authorizationScopes"), Map.of(), null);
  }

  public static MethodResponse methodResponse(String statusCode, JsonNode body) {
    return new MethodResponse(statusCode, JsonFields.boolMap(body, "responseParameters"),
        JsonFields.stringMap(body, "responseModels"));
  }

  /** PutIntegration's body: AWS's model constraints first (its ValidationException), then its own checks. */
  static Integration putIntegration(JsonNode body) {
    ValidationErrors.of("PutIntegration")
        .requiredOneOf("type", JsonFields.string(body, "type"), INTEGRATION_TYPE_ENUM)
        .oneOf("connectionType", JsonFields.string(body, "connectionType"), CONNECTION_TYPE_ENUM)
        .oneOf("contentHandling", JsonFields.string(body, "contentHandling"), CONTENT_HANDLING_ENUM)
        .throwIfAny();
    return integration(body);
  }

  public static Integration integration(JsonNode body) {
    Integer timeout = JsonFields.integer(body, "timeoutInMillis");
    String passthrough = JsonFields.string(body, "passthroughBehavior");
    String connectionType = JsonFields.string(body, "connectionType");
    return checked(new Integration(JsonFields.string(body, "type"), JsonFields.string(body, "httpMethod"),
        JsonFields.string(body, "uri"), connectionType == null ? "INTERNET" : connectionType,
        JsonFields.string(body, "connectionId"), JsonFields.string(body, "credentials"),
        JsonFields.stringMap(body, "requestParameters"), JsonFields.stringMap(body, "requestTemplates"),
        passthrough == null ? "WHEN_NO_MATCH" : passthrough, JsonFields.string(body, "contentHandling"),
        timeout == null ? 29000 : timeout, JsonFields.string(body, "cacheNamespace"),
        JsonFields.stringList(body, "cacheKeyParameters"), Map.of()));
  }

  /** Throws AWS's 400 unless the integration is valid; used by PutIntegration and UpdateIntegration. */
  static Integration checked(Integration i) {
    String type = i.type();
    if (type == null || !INTEGRATION_TYPES.contains(type)) {
      throw new BadRequestException("Invalid integration type specified: " + type + " (expected one of " + INTEGRATION_TYPES + ")");
    }
    if (!type.equals("MOCK")) {
      if (i.httpMethod() == null || !HTTP_METHODS.contains(i.httpMethod())) {
        throw new BadRequestException("Enumeration value for HttpMethod must be non-empty");
      }
      if (i.uri() == null || i.uri().isBlank()) {
        throw new BadRequestException("Invalid integration URI specified");
      }
      if (type.startsWith("HTTP")) {
        checkHttpUri(i.uri());
      }
    }
    if (i.timeoutInMillis() < 50 || i.timeoutInMillis() > 29000) {
      throw new BadRequestException("Timeout should be between 50 ms and 29000 ms: " + i.timeoutInMillis());
    }
    if (!PASSTHROUGH.contains(i.passthroughBehavior())) {
      throw new BadRequestException("Invalid passthrough behavior specified: " + i.passthroughBehavior()
          + " (expected one of " + PASSTHROUGH + ")");
    }
    checkContentHandling(i.contentHandling());
    return i;
  }

  /** PutIntegrationResponse's body, its model constraints first. */
  static IntegrationResponse putIntegrationResponse(String statusCode, JsonNode body) {
    ValidationErrors.of("PutIntegrationResponse")
        .oneOf("contentHandling", JsonFields.string(body, "contentHandling"), CONTENT_HANDLING_ENUM)
        .throwIfAny();
    return integrationResponse(statusCode, body);
  }

  public static IntegrationResponse integrationResponse(String statusCode, JsonNode body) {
    return integrationResponse(new IntegrationResponse(statusCode, JsonFields.string(body, "selectionPattern"),
        JsonFields.stringMap(body, "responseParameters"), JsonFields.stringMap(body, "responseTemplates"),
        JsonFields.string(body, "contentHandling")));
  }

  /** Throws AWS's 400 unless the integration response is valid. */
  static IntegrationResponse integrationResponse(IntegrationResponse r) {
    if (r.selectionPattern() != null) {
      try {
        Pattern.compile(r.selectionPattern());
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new BadRequestException("Invalid selection pattern specified: " + e.getDescription());
      }
    }
    checkContentHandling(r.contentHandling());
    return r;
  }

  private static void checkContentHandling(String value) {
    if (value != null && !CONTENT_HANDLING.contains(value)) {
      throw new BadRequestException("Invalid content handling specified: " + value + " (expected one of " + CONTENT_HANDLING + ")");
    }
  }

  private static void checkHttpUri(String uri) {
    // Stage variables and path parameters ({proxy}, ${stageVariables.x}) are substituted at call time.
    String probe = uri.replaceAll("\\$\\{[^}]*}", "x").replaceAll("\\{[^}]*}", "x");
    try {
      URI parsed = URI.create(probe);
      if (parsed.getScheme() != null && (parsed.getScheme().equals("http") || parsed.getScheme().equals("https"))
          && parsed.getHost() != null) {
        return;
      }
    } catch (IllegalArgumentException e) {
      // falls through to the 400
    }
    throw new BadRequestException("Invalid HTTP endpoint specified for URI: " + uri);
  }
}
