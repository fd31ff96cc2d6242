package dev.apigw.node.controlplane.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.node.controlplane.restapi.DocumentationRequests;
import dev.apigw.protocol.errors.ApiGatewayException;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.Documentation;
import dev.apigw.protocol.restapi.GatewayResponse;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.Model;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.servers.Server;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An OpenAPI document -> a REST API definition (built onto {@code base}: empty for import and
 * overwrite, the current definition for merge), the API settings it declares, and the warnings for
 * what it skipped.
 */
final class OpenApiReader {
  static final String BINARY_MEDIA_TYPES = "x-amazon-apigateway-binary-media-types";
  static final String API_KEY_SOURCE = "x-amazon-apigateway-api-key-source";
  static final String REQUEST_VALIDATORS = "x-amazon-apigateway-request-validators";
  static final String GATEWAY_RESPONSES = "x-amazon-apigateway-gateway-responses";
  static final String POLICY = "x-amazon-apigateway-policy";
  static final String MINIMUM_COMPRESSION_SIZE = "x-amazon-apigateway-minimum-compression-size";
  static final String ENDPOINT_CONFIGURATION = "x-amazon-apigateway-endpoint-configuration";
  static final String DOCUMENTATION = DocumentationRequests.EXTENSION;
  private static final Set<String> KNOWN = Set.of(BINARY_MEDIA_TYPES, API_KEY_SOURCE, REQUEST_VALIDATORS,
      OperationReader.VALIDATOR, GATEWAY_RESPONSES, POLICY, MINIMUM_COMPRESSION_SIZE, ENDPOINT_CONFIGURATION,
      DOCUMENTATION);
  /** Where a model's {@code $ref} to another model points, as AWS writes it. */
  static final String MODEL_URL = "https://apigateway.amazonaws.com/restapis/%s/models/%s";

  /**
   * @param definition the definition to persist
   * @param settings the API settings the document declares
   * @param warnings what was skipped
   */
  record Result(ApiDefinition definition, ApiSettings settings, List<String> warnings) {}

  private OpenApiReader() {}

  static Result read(OpenApiDocument doc, ApiDefinition base, String apiId, ImportOptions options) {
    Warnings warnings = new Warnings(options.failOnWarnings());
    OpenAPI api = doc.openApi();
    doc.parserMessages().forEach(m -> warnings.add("Parse issue: " + m));
    options.unknownParameters().forEach(p -> warnings.add("Unknown import parameter '" + p + "' was ignored"));
    if (api.getOpenapi() != null && api.getOpenapi().startsWith("3.1")) {
      warnings.add("OpenAPI " + api.getOpenapi() + " is read as 3.0; REST APIs support OpenAPI 3.0 and Swagger 2.0");
    }
    Extensions.warnUnknown(api.getExtensions(), KNOWN, "the document root", warnings);

    DefinitionBuilder builder = new DefinitionBuilder(base);
    models(api, apiId, builder);
    Map<String, String> validatorIds = validators(api, builder);
    String defaultValidator = textExtension(api.getExtensions(), OperationReader.VALIDATOR, "the document root");
    if (defaultValidator != null && !validatorIds.containsKey(defaultValidator)) {
      throw new BadRequestException("Invalid OpenAPI input at " + OperationReader.VALIDATOR
          + ": no request validator named '" + defaultValidator + "' in " + REQUEST_VALIDATORS);
    }
    Map<String, SecurityReader.Scheme> schemes = SecurityReader.read(api, builder, warnings);
    gatewayResponses(api, builder);
    OperationReader operations = new OperationReader(api, schemes, validatorIds, defaultValidator, warnings);
    String prefix = basePathPrefix(doc, options);
    if (api.getPaths() != null) {
      new TreeMap<>(api.getPaths()).forEach((path, item) -> {
        String where = "paths." + path;
        Extensions.warnUnknown(item.getExtensions(), Set.of(OpenApiDocument.ANY_METHOD), where, warnings);
        if (item.get$ref() != null) {
          warnings.add("Path item reference " + item.get$ref() + " at " + where + " is not supported and was ignored");
          return;
        }
        Map<String, Operation> ops = doc.operations(path, item);
        String resourceId = builder.resource(prefix + path, where);
        ops.forEach((httpMethod, op) -> {
          String at = where + "." + (httpMethod.equals("ANY") ? OpenApiDocument.ANY_METHOD : httpMethod.toLowerCase());
          if (httpMethod.equals("TRACE")) {
            warnings.add("TRACE is not supported by API Gateway: " + at + " was ignored");
            return;
          }
          Method method = operations.read(httpMethod, op, item, at);
          builder.method(resourceId, method, at);
        });
      });
    }
    if (!options.ignoreDocumentation()) {
      documentation(api, builder);
    }
    return new Result(builder.definition(), settings(api, warnings), warnings.list());
  }

  /**
   * {@code x-amazon-apigateway-documentation}: its parts, merged into the base's by location (a part at a documented
   * location keeps its id and takes the new properties); with an empty base (import, overwrite) they are all the
   * parts. Its {@code version} names the snapshot an export came from and creates no version.
   */
  private static void documentation(OpenAPI api, DefinitionBuilder builder) {
    ObjectNode extension = Extensions.object(api.getExtensions(), DOCUMENTATION, "the document root");
    if (extension == null) {
      return;
    }
    List<Documentation.Part> parts;
    try {
      parts = DocumentationRequests.parts(extension, builder.definition().documentation());
    } catch (ApiGatewayException e) {
      throw new BadRequestException("Invalid OpenAPI input at " + DOCUMENTATION + ": " + e.getMessage());
    }
    if (!parts.isEmpty()) {
      builder.documentationParts(parts, DOCUMENTATION);
    }
  }

  private static void models(OpenAPI api, String apiId, DefinitionBuilder builder) {
    if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
      return;
    }
    new TreeMap<>(api.getComponents().getSchemas()).forEach((name, schema) -> {
      JsonNode tree = Json.mapper().valueToTree(schema);
      String text = Json.pretty(rewriteRefs(tree, apiId));
      builder.model(new Model(dev.apigw.protocol.Ids.newId(), name, schema.getDescription(), text, "application/json"),
          "components.schemas." + name);
    });
  }

  /** Model references become AWS's model URLs, as GetModel shows them. */
  static JsonNode rewriteRefs(JsonNode node, String apiId) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual()
          && (ref.asText().startsWith("#/components/schemas/") || ref.asText().startsWith("#/definitions/"))) {
        object.put("$ref", String.format(MODEL_URL, apiId, OperationReader.refName(ref.asText())));
      }
      object.fields().forEachRemaining(e -> rewriteRefs(e.getValue(), apiId));
    } else if (node.isArray()) {
      node.forEach(n -> rewriteRefs(n, apiId));
    }
    return node;
  }

  private static Map<String, String> validators(OpenAPI api, DefinitionBuilder builder) {
    Map<String, String> ids = new HashMap<>();
    ObjectNode validators = Extensions.object(api.getExtensions(), REQUEST_VALIDATORS, "the document root");
    if (validators == null) {
      return ids;
    }
    new TreeMap<String, JsonNode>(toMap(validators)).forEach((name, v) -> {
      String where = REQUEST_VALIDATORS + "." + name;
      if (!v.isObject()) {
        throw new BadRequestException("Invalid OpenAPI input at " + where + ": expected an object");
      }
      boolean body = checkedBool(v, "validateRequestBody", where);
      boolean params = checkedBool(v, "validateRequestParameters", where);
      ids.put(name, builder.requestValidator(name, body, params, where));
    });
    return ids;
  }

  private static void gatewayResponses(OpenAPI api, DefinitionBuilder builder) {
    ObjectNode responses = Extensions.object(api.getExtensions(), GATEWAY_RESPONSES, "the document root");
    if (responses == null) {
      return;
    }
    new TreeMap<String, JsonNode>(toMap(responses)).forEach((type, v) -> {
      String where = GATEWAY_RESPONSES + "." + type;
      if (!v.isObject()) {
        throw new BadRequestException("Invalid OpenAPI input at " + where + ": expected an object");
      }
      try {
        JsonNode status = v.get("statusCode");
        builder.gatewayResponse(new GatewayResponse(type, status == null || status.isNull() ? null : status.asText(),
            JsonFields.stringMap(v, "responseParameters"), JsonFields.stringMap(v, "responseTemplates")), where);
      } catch (BadRequestException e) {
        throw e.getMessage().startsWith("Invalid OpenAPI input") ? e
            : new BadRequestException("Invalid OpenAPI input at " + where + ": " + e.getMessage());
      }
    });
  }

  private static ApiSettings settings(OpenAPI api, Warnings warnings) {
    String where = "the document root";
    List<String> binary = null;
    JsonNode types = Extensions.get(api.getExtensions(), BINARY_MEDIA_TYPES);
    if (types != null) {
      ObjectNode holder = dev.apigw.node.http.Json.object();
      holder.set(BINARY_MEDIA_TYPES, types);
      binary = checked(BINARY_MEDIA_TYPES, () -> JsonFields.stringList(holder, BINARY_MEDIA_TYPES));
    }
    String keySource = textExtension(api.getExtensions(), API_KEY_SOURCE, where);
    if (keySource != null) {
      keySource = keySource.toUpperCase();
      if (!Set.of("HEADER", "AUTHORIZER").contains(keySource)) {
        throw new BadRequestException("Invalid OpenAPI input at " + API_KEY_SOURCE + ": " + keySource
            + " (expected HEADER or AUTHORIZER)");
      }
    }
    Integer compression = null;
    JsonNode size = Extensions.get(api.getExtensions(), MINIMUM_COMPRESSION_SIZE);
    if (size != null) {
      if (!size.canConvertToInt() || size.intValue() < 0 || size.intValue() > 10485760) {
        throw new BadRequestException("Invalid OpenAPI input at " + MINIMUM_COMPRESSION_SIZE + ": " + size
            + " (expected an integer from 0 to 10485760)");
      }
      compression = size.intValue();
    }
    JsonNode policy = Extensions.get(api.getExtensions(), POLICY);
    Boolean disable = null;
    ObjectNode endpoint = Extensions.object(api.getExtensions(), ENDPOINT_CONFIGURATION, where);
    if (endpoint != null) {
      if (endpoint.has("disableExecuteApiEndpoint")) {
        disable = checkedBool(endpoint, "disableExecuteApiEndpoint", ENDPOINT_CONFIGURATION);
      }
      if (endpoint.has("vpcEndpointIds")) {
        warnings.add("VPC endpoints are not supported: " + ENDPOINT_CONFIGURATION + ".vpcEndpointIds was ignored");
      }
    }
    var info = api.getInfo();
    return new ApiSettings(info == null ? null : info.getTitle(), info == null ? null : info.getDescription(),
        info == null ? null : info.getVersion(), binary, keySource, compression,
        policy == null || policy.isNull() ? null : policy.isTextual() ? policy.asText() : policy.toString(), disable);
  }

  /** The path the document's base path adds under {@code basepath=prepend|split}; empty for ignore. */
  private static String basePathPrefix(OpenApiDocument doc, ImportOptions options) {
    if (options.basePath().equals("ignore")) {
      return "";
    }
    List<Server> servers = doc.openApi().getServers();
    if (servers == null || servers.isEmpty() || servers.get(0).getUrl() == null) {
      return "";
    }
    Server server = servers.get(0);
    String url = server.getUrl();
    if (server.getVariables() != null) {
      for (var v : server.getVariables().entrySet()) {
        url = url.replace("{" + v.getKey() + "}", v.getValue().getDefault() == null ? "" : v.getValue().getDefault());
      }
    }
    String path;
    try {
      path = URI.create(url).getPath();
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("Invalid OpenAPI input at servers[0].url: " + url + " (" + e.getMessage() + ")");
    }
    List<String> parts = path == null ? List.of()
        : java.util.Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
    if (options.basePath().equals("split") && !parts.isEmpty()) {
      parts = parts.subList(1, parts.size());
    }
    return parts.isEmpty() ? "" : "/" + String.join("/", parts);
  }

  private static String textExtension(Map<String, Object> extensions, String name, String where) {
    JsonNode v = Extensions.get(extensions, name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new BadRequestException("Invalid OpenAPI input at " + where + "." + name + ": expected a string");
    }
    return v.asText();
  }

  private static boolean checkedBool(JsonNode node, String field, String where) {
    return checked(where, () -> JsonFields.bool(node, field, false));
  }

  private static <T> T checked(String where, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (BadRequestException e) {
      throw new BadRequestException("Invalid OpenAPI input at " + where + ": " + e.getMessage());
    }
  }

  private static Map<String, JsonNode> toMap(ObjectNode node) {
    Map<String, JsonNode> out = new HashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
