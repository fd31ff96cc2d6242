package dev.apigw.node.controlplane.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.errors.BadRequestException;
import java.util.Map;
import java.util.Set;

/** Reading {@code x-amazon-apigateway-*} vendor extensions, which the parser hands over as plain maps and lists. */
final class Extensions {
  static final String PREFIX = "x-amazon-apigateway-";

  private Extensions() {}

  /** The extension's value as a JSON tree, or null when absent. */
  static JsonNode get(Map<String, Object> extensions, String name) {
    if (extensions == null || !extensions.containsKey(name)) {
      return null;
    }
    return Json.MAPPER.valueToTree(extensions.get(name));
  }

  /** The extension's value as an object, or null; any other shape is a 400 naming it. */
  static ObjectNode object(Map<String, Object> extensions, String name, String where) {
    JsonNode v = get(extensions, name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw new BadRequestException("Invalid OpenAPI input at " + where + "." + name + ": expected an object");
    }
    return (ObjectNode) v;
  }

  /** Warns about every {@code x-amazon-apigateway-*} extension at {@code where} that is not in {@code known}. */
  static void warnUnknown(Map<String, Object> extensions, Set<String> known, String where, Warnings warnings) {
    if (extensions == null) {
      return;
    }
    extensions.keySet().stream().sorted()
        .filter(k -> k.startsWith(PREFIX) && !known.contains(k))
        .forEach(k -> warnings.add("Unsupported extension " + k + " at " + where + " was ignored"));
  }
}
