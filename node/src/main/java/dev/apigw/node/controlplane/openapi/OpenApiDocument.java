package dev.apigw.node.controlplane.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.protocol.errors.BadRequestException;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed OpenAPI 3.0 or Swagger 2.0 document (JSON or YAML), as swagger-parser's OpenAPI 3 model
 * (Swagger 2.0 converted), plus the raw tree for what the converter leaves alone. The HTTP API import
 * ({@code v2api}) reads the same parse: one parser, one set of YAML bounds.
 *
 * @param openApi the model
 * @param tree the document as written
 * @param swagger2 whether the document was Swagger 2.0
 * @param anyMethods path to its {@code x-amazon-apigateway-any-method}, parsed as an operation
 * @param parserMessages what the parser found odd but could read past (become import warnings)
 */
public record OpenApiDocument(
    OpenAPI openApi, JsonNode tree, boolean swagger2, Map<String, Operation> anyMethods, List<String> parserMessages) {

  static final String ANY_METHOD = "x-amazon-apigateway-any-method";

  /** Parses the body of ImportRestApi / PutRestApi; an unreadable document is AWS's 400 naming the problem. */
  public static OpenApiDocument parse(byte[] body) {
    if (body.length == 0) {
      throw new BadRequestException("Invalid OpenAPI input: the request body is empty (expected an OpenAPI 3.0 or Swagger 2.0 document)");
    }
    String text = new String(body, StandardCharsets.UTF_8);
    YamlLimits.check(text);
    JsonNode tree;
    try {
      // YAML is a superset of JSON: one reader for both, with a clean message on syntax errors.
      tree = Yaml.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new BadRequestException("Invalid OpenAPI input: the document is neither JSON nor YAML: " + e.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw new BadRequestException("Invalid OpenAPI input: the document must be a JSON or YAML object");
    }
    boolean swagger2 = tree.path("swagger").asText("").startsWith("2.");
    if (!swagger2 && !tree.path("openapi").asText("").startsWith("3.")) {
      throw new BadRequestException(
          "Invalid OpenAPI input: expected a 'swagger: \"2.0\"' or 'openapi: \"3.0.x\"' field at the top level");
    }
    SwaggerParseResult result = read(text);
    if (result.getOpenAPI() == null) {
      throw new BadRequestException("Invalid OpenAPI input: " + String.join("; ", messages(result)));
    }
    return new OpenApiDocument(result.getOpenAPI(), tree, swagger2, anyMethods(tree), messages(result));
  }

  private static SwaggerParseResult read(String text) {
    ParseOptions options = new ParseOptions();
    // No $ref resolution: it would fetch remote documents (SSRF) and inline the models we keep by name.
    options.setResolve(false);
    return new OpenAPIParser().readContents(text, null, options);
  }

  private static List<String> messages(SwaggerParseResult result) {
    return result.getMessages() == null ? List.of() : List.copyOf(result.getMessages());
  }

  /**
   * The converter and parser leave {@code x-amazon-apigateway-any-method} as a raw map (in Swagger
   * 2.0 shape for Swagger documents). Parsing a copy of the document in which each of them is the
   * {@code get} of its path gives them the same treatment as every other operation.
   */
  private static Map<String, Operation> anyMethods(JsonNode tree) {
    JsonNode paths = tree.path("paths");
    ObjectNode synthetic = tree.deepCopy();
    ObjectNode syntheticPaths = synthetic.putObject("paths");
    paths.fields().forEachRemaining(e -> {
      JsonNode any = e.getValue().get(ANY_METHOD);
      if (any != null && any.isObject()) {
        ObjectNode item = syntheticPaths.putObject(e.getKey());
        item.set("get", any);
        if (e.getValue().has("parameters")) {
          item.set("parameters", e.getValue().get("parameters"));
        }
      }
    });
    if (syntheticPaths.isEmpty()) {
      return Map.of();
    }
    SwaggerParseResult result;
    try {
      result = read(Yaml.mapper().writeValueAsString(synthetic));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A tree that was just read did not write back", e);
    }
    Map<String, Operation> out = new HashMap<>();
    if (result.getOpenAPI() != null && result.getOpenAPI().getPaths() != null) {
      result.getOpenAPI().getPaths().forEach((path, item) -> {
        if (item.getGet() != null) {
          out.put(path, item.getGet());
        }
      });
    }
    return out;
  }

  /** The operations of a path item by HTTP method, {@code ANY} included. */
  Map<String, Operation> operations(String path, PathItem item) {
    Map<String, Operation> out = new java.util.LinkedHashMap<>();
    if (item.readOperationsMap() != null) {
      item.readOperationsMap().forEach((method, op) -> out.put(method.name(), op));
    }
    Operation any = anyMethods.get(path);
    if (any != null) {
      out.put("ANY", any);
    }
    return out;
  }
}
