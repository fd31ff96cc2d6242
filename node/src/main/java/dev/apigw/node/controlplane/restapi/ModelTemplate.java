package dev.apigw.node.controlplane.restapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.Model;
import java.util.Iterator;
import java.util.Map;

/**
 * GetModelTemplate: a VTL mapping template that rebuilds a model's JSON from {@code $input.path('$')}, in AWS's
 * layout (strings quoted, numbers and booleans bare, arrays with {@code #foreach}, nested objects and
 * {@code $ref}s to the API's other models followed).
 */
final class ModelTemplate {
  /** Bounds recursive and self-referencing schemas. */
  private static final int MAX_DEPTH = 8;

  private ModelTemplate() {}

  static String of(ApiDefinition definition, Model model) {
    JsonNode schema = parse(model);
    StringBuilder out = new StringBuilder("#set($inputRoot = $input.path('$'))\n");
    value(definition, schema, "$inputRoot", "", out, 0);
    return out.append('\n').toString();
  }

  private static JsonNode parse(Model model) {
    if (model.schema() == null) {
      return Json.object();
    }
    try {
      return Json.MAPPER.readTree(model.schema());
    } catch (JsonProcessingException e) {
      throw new BadRequestException("Invalid model schema specified: " + e.getOriginalMessage());
    }
  }

  private static JsonNode resolve(ApiDefinition definition, JsonNode schema, int depth) {
    JsonNode ref = schema.get("$ref");
    if (ref == null || !ref.isTextual() || depth > MAX_DEPTH) {
      return schema;
    }
    String name = ref.asText().substring(ref.asText().lastIndexOf('/') + 1);
    Model target = definition.models().get(name);
    return target == null ? Json.object() : resolve(definition, parse(target), depth + 1);
  }

  private static void value(ApiDefinition definition, JsonNode raw, String expr, String indent, StringBuilder out,
      int depth) {
    JsonNode schema = resolve(definition, raw, depth);
    String type = schema.path("type").asText(schema.has("properties") ? "object" : schema.has("items") ? "array" : "");
    if (depth > MAX_DEPTH) {
      out.append("$").append(expr.substring(1));
      return;
    }
    switch (type) {
      case "object" -> {
        out.append("{");
        Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
        boolean first = true;
        while (fields.hasNext()) {
          var field = fields.next();
          out.append(first ? "\n" : ",\n").append(indent).append("  \"").append(field.getKey()).append("\" : ");
          value(definition, field.getValue(), expr + "." + field.getKey(), indent + "  ", out, depth + 1);
          first = false;
        }
        out.append("\n").append(indent).append("}");
      }
      case "array" -> {
        String elem = "$elem" + (depth == 0 ? "" : depth);
        out.append("[\n").append("#foreach(").append(elem).append(" in ").append(expr).append(")\n")
            .append(indent).append(" ");
        value(definition, schema.path("items"), elem, indent + " ", out, depth + 1);
        out.append("#if($foreach.hasNext),#end\n").append("#end\n").append(indent).append("]");
      }
      case "string" -> out.append('"').append(expr).append('"');
      default -> out.append(expr);
    }
  }
}
