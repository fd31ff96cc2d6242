package dev.apigw.node.dataplane.validation;

import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Words schema violations the way AWS's {@code $context.error.validationErrorString} does (the
 * messages of the draft-4 validator AWS runs), e.g. {@code object has missing required properties
 * (["name"])}. Keywords without a known AWS wording keep the validator's own message.
 */
final class AwsSchemaMessages {

  private AwsSchemaMessages() {}

  /** One message per violation; {@code required} and {@code additionalProperties} are grouped per object, names sorted. */
  static List<String> of(List<Error> errors) {
    List<Supplier<String>> lines = new ArrayList<>();
    Map<String, NameGroup> groups = new HashMap<>();
    for (Error error : errors) {
      String keyword = error.getKeyword();
      if ("required".equals(keyword) || "additionalProperties".equals(keyword)) {
        NameGroup group = groups.computeIfAbsent(keyword + "@" + error.getInstanceLocation(), k -> {
          NameGroup created = new NameGroup(keyword, new TreeSet<>());
          lines.add(created::text);
          return created;
        });
        group.names().add(error.getProperty());
      } else {
        String line = single(error);
        lines.add(() -> line);
      }
    }
    return lines.stream().map(Supplier::get).toList();
  }

  /** Property names one object lacks ({@code required}) or may not have ({@code additionalProperties}). */
  private record NameGroup(String keyword, TreeSet<String> names) {
    String text() {
      String list = names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(",", "[", "]"));
      return "required".equals(keyword)
          ? "object has missing required properties (" + list + ")"
          : "object instance has properties which are not allowed by the schema: " + list;
    }
  }

  private static String single(Error error) {
    JsonNode instance = error.getInstanceNode();
    JsonNode limit = error.getSchemaNode();
    if (instance == null || limit == null) {
      return error.getMessage();
    }
    return switch (error.getKeyword()) {
      case "type" -> "instance type (" + typeOf(instance) + ") does not match any allowed primitive type (allowed: "
          + allowedTypes(limit) + ")";
      case "enum" -> "instance value (" + instance + ") not found in enum (possible values: " + limit + ")";
      case "maximum" -> instance.decimalValue().compareTo(limit.decimalValue()) > 0
          ? "numeric instance is greater than the required maximum (maximum: " + limit + ", found: " + instance + ")"
          : "numeric instance is not strictly lower than the required maximum " + limit;
      case "minimum" -> instance.decimalValue().compareTo(limit.decimalValue()) < 0
          ? "numeric instance is lower than the required minimum (minimum: " + limit + ", found: " + instance + ")"
          : "numeric instance is not strictly greater than the required minimum " + limit;
      case "minLength" -> "string \"" + instance.asString() + "\" is too short (length: " + length(instance)
          + ", required minimum: " + limit + ")";
      case "maxLength" -> "string \"" + instance.asString() + "\" is too long (length: " + length(instance)
          + ", maximum allowed: " + limit + ")";
      case "pattern" -> "ECMA 262 regex \"" + limit.asString() + "\" does not match input string \""
          + instance.asString() + "\"";
      default -> error.getMessage();
    };
  }

  private static int length(JsonNode text) {
    String s = text.asString();
    return s.codePointCount(0, s.length());
  }

  /** The draft-4 primitive type of a value: integral numbers are {@code integer}. */
  private static String typeOf(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> "object";
      case ARRAY -> "array";
      case STRING -> "string";
      case BOOLEAN -> "boolean";
      case NULL -> "null";
      case NUMBER -> node.isIntegralNumber() ? "integer" : "number";
      default -> node.getNodeType().name().toLowerCase();
    };
  }

  /** The schema's allowed types, sorted; {@code number} also allows {@code integer}. */
  private static String allowedTypes(JsonNode type) {
    TreeSet<String> allowed = new TreeSet<>();
    if (type.isArray()) {
      type.forEach(t -> allowed.add(t.asString()));
    } else {
      allowed.add(type.asString());
    }
    if (allowed.contains("number")) {
      allowed.add("integer");
    }
    return allowed.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",", "[", "]"));
  }
}
