package dev.apigw.node.dataplane.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code $context} for one render: a private deep copy of the caller's tree (templates may {@code
 * #set} into it) with writable {@code requestOverride} and {@code responseOverride} branches, read
 * back as {@link Overrides} afterwards.
 */
final class ContextTree {
  private static final String REQUEST_OVERRIDE = "requestOverride";
  private static final String RESPONSE_OVERRIDE = "responseOverride";

  private final Map<String, Object> root;
  private final Map<String, Object> requestOverride;
  private final Map<String, Object> responseOverride;

  ContextTree(Map<String, Object> callerContext) {
    root = copyMap(callerContext);
    requestOverride = branch(REQUEST_OVERRIDE, "header", "querystring", "path");
    responseOverride = branch(RESPONSE_OVERRIDE, "header");
    root.put(REQUEST_OVERRIDE, requestOverride);
    root.put(RESPONSE_OVERRIDE, responseOverride);
  }

  /** The tree to expose as {@code $context}. */
  Map<String, Object> root() {
    return root;
  }

  /** What the template left in the override branches. */
  Overrides overrides() {
    return new Overrides(
        status(responseOverride.get("status")),
        strings(responseOverride.get("header")),
        strings(requestOverride.get("header")),
        strings(requestOverride.get("querystring")),
        strings(requestOverride.get("path")));
  }

  /**
   * A fresh override branch: what the caller's context held there is not carried over, since only
   * the template may set overrides, and each may be set only once.
   */
  private static Map<String, Object> branch(String name, String... kinds) {
    Map<String, Object> branch = new OverrideBranch("$context." + name, false);
    for (String kind : kinds) {
      branch.put(kind, new OverrideBranch("$context." + name + "." + kind, kind.equals("header")));
    }
    // The kinds themselves are containers: a template assigning a whole map to one
    // (#set($context.requestOverride.header = {...})) is refused, saying how to set one instead.
    return branch;
  }

  private static Integer status(Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      return null;
    }
    int status;
    if (value instanceof Number number) {
      status = number.intValue();
    } else {
      try {
        status = Integer.parseInt(value.toString().trim());
      } catch (NumberFormatException e) {
        throw new MappingException(
            "$context.responseOverride.status: " + value + " (expected: an HTTP status code)");
      }
    }
    if (status < 100 || status > 599) {
      throw new MappingException(
          "$context.responseOverride.status: " + status + " (expected: 100 to 599)");
    }
    return status;
  }

  private static Map<String, String> strings(Object value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) -> {
            if (k != null && v != null) {
              out.put(k.toString(), v.toString());
            }
          });
    }
    return out;
  }

  private static Map<String, Object> copyMap(Map<?, ?> source) {
    Map<String, Object> copy = new LinkedHashMap<>();
    if (source != null) {
      source.forEach((k, v) -> copy.put(String.valueOf(k), copyValue(v)));
    }
    return copy;
  }

  private static Object copyValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return copyMap(map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(copyValue(v)));
      return copy;
    }
    return value;
  }
}
