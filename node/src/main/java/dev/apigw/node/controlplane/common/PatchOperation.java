package dev.apigw.node.controlplane.common;

import dev.apigw.protocol.errors.BadRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One of AWS's patch operations ({@code {"op","path","value","from"}}), with the path helpers that
 * every {@code Update*} operation needs. Paths are JSON-pointer-like: {@code ~1} stands for
 * {@code /} and {@code ~0} for {@code ~} inside a segment (e.g. {@code /throttle/~1pets/GET}).
 *
 * @param op the operation
 * @param path the target path, always starting with {@code /}
 * @param value the new value as AWS sends it (always a string), or null
 * @param from the source path of {@code move} and {@code copy}, or null
 */
public record PatchOperation(Op op, String path, String value, String from) {

  /** AWS's patch operations. */
  public enum Op {
    ADD, REMOVE, REPLACE, MOVE, COPY, TEST;

    /** The lowercase wire name. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The op named {@code wire}, or a 400 in AWS's words. */
    public static Op fromWire(String wire) {
      for (Op op : values()) {
        if (op.wire().equals(wire)) {
          return op;
        }
      }
      throw new BadRequestException(
          "Invalid patch operation specified: " + wire + ". Must be one of: [add, remove, replace, move, copy, test]");
    }
  }

  /** The path's segments, decoded ({@code ~1} to {@code /}, {@code ~0} to {@code ~}). */
  public List<String> segments() {
    List<String> out = new ArrayList<>();
    for (String raw : path.substring(1).split("/", -1)) {
      out.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  /** Whether this is {@code op} on exactly {@code path}. */
  public boolean is(Op op, String path) {
    return this.op == op && this.path.equals(path);
  }

  /**
   * Matches the path against a template such as {@code /apiStages/{stage}/throttle/{resource}/{method}}:
   * literal segments must be equal, {@code {name}} segments capture one decoded segment.
   *
   * @return the captured segments by name, or empty if the path does not match
   */
  public Optional<Map<String, String>> match(String template) {
    String[] parts = template.substring(1).split("/", -1);
    List<String> segments = segments();
    if (parts.length != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> captured = new LinkedHashMap<>();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.startsWith("{") && part.endsWith("}")) {
        captured.put(part.substring(1, part.length() - 1), segments.get(i));
      } else if (!part.equals(segments.get(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(captured);
  }

  /** The value, or a 400 naming the path when it is missing. */
  public String requiredValue() {
    if (value == null) {
      throw new BadRequestException("Invalid patch operation: op '" + op.wire() + "' on " + path + " requires a value");
    }
    return value;
  }

  /** The value as a boolean ({@code true}/{@code false}), or a 400. */
  public boolean booleanValue() {
    String v = requiredValue();
    if (!v.equals("true") && !v.equals("false")) {
      throw new BadRequestException("Invalid boolean value for " + path + ": " + v + " (expected: true or false)");
    }
    return Boolean.parseBoolean(v);
  }

  /** The value as an integer, or a 400. */
  public int intValue() {
    String v = requiredValue();
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new BadRequestException("Invalid integer value for " + path + ": " + v);
    }
  }

  /** The value as a number, or a 400. */
  public double doubleValue() {
    String v = requiredValue();
    try {
      double d = Double.parseDouble(v.trim());
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException(v);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new BadRequestException("Invalid number value for " + path + ": " + v);
    }
  }

  /** AWS's 400 for a path this resource does not support with this op. */
  public BadRequestException unsupported(List<String> supportedPaths) {
    return new BadRequestException(
        "Invalid patch path '" + path + "' specified for op '" + op.wire() + "'. Must be one of: " + supportedPaths);
  }

  /** This operation as the journal records it (stage and REST API updates are persisted with their operations). */
  public dev.apigw.protocol.PatchOperation toJournal() {
    return new dev.apigw.protocol.PatchOperation(op.wire(), path, value, from);
  }
}
