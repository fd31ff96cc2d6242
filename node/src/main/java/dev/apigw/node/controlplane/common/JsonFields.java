package dev.apigw.node.controlplane.common;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.protocol.errors.BadRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of optional request fields; a field of the wrong JSON type is AWS's 400. */
public final class JsonFields {
  private JsonFields() {}

  /** A string field, or null when absent or null. */
  public static String string(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw wrongType(field, "a string");
    }
    return v.textValue();
  }

  /** An integer field, or null when absent or null. */
  public static Integer integer(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw wrongType(field, "an integer");
    }
    return v.intValue();
  }

  /** A boolean field, or {@code absent} when absent or null. */
  public static boolean bool(JsonNode body, String field, boolean absent) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.isBoolean()) {
      throw wrongType(field, "a boolean");
    }
    return v.booleanValue();
  }

  /** A list of strings, empty when absent or null. */
  public static List<String> stringList(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw wrongType(field, "a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw wrongType(field, "a list of strings");
      }
      out.add(item.textValue());
    }
    return List.copyOf(out);
  }

  /** A map of strings to strings, empty when absent or null. */
  public static Map<String, String> stringMap(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return Map.of();
    }
    if (!v.isObject()) {
      throw wrongType(field, "a map of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (var it = v.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getValue().isTextual()) {
        throw wrongType(field + "." + e.getKey(), "a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  /** A map of strings to booleans, empty when absent or null. */
  public static Map<String, Boolean> boolMap(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return Map.of();
    }
    if (!v.isObject()) {
      throw wrongType(field, "a map of booleans");
    }
    Map<String, Boolean> out = new LinkedHashMap<>();
    for (var it = v.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getValue().isBoolean()) {
        throw wrongType(field + "." + e.getKey(), "a boolean");
      }
      out.put(e.getKey(), e.getValue().booleanValue());
    }
    return out;
  }

  private static BadRequestException wrongType(String field, String expected) {
    return new BadRequestException("Invalid value for " + field + " (expected: " + expected + ")");
  }
}
