package dev.apigw.node.dataplane.mapping;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One writable branch of {@code $context.requestOverride} / {@code $context.responseOverride}. AWS's
 * overrides are final: setting the same parameter twice in one template is an error (API Gateway
 * answers 5XX), so a second {@code #set} of a name fails the render; header names compare ignoring
 * case, as HTTP's do.
 */
final class OverrideBranch extends LinkedHashMap<String, Object> {
  private static final long serialVersionUID = 1L;

  private final String where;
  private final boolean ignoreCase;

  OverrideBranch(String where, boolean ignoreCase) {
    this.where = where;
    this.ignoreCase = ignoreCase;
  }

  @Override
  public Object put(String key, Object value) {
    if (key != null && super.get(key) instanceof OverrideBranch) {
      throw new MappingException(where + "." + key + " holds overrides and cannot be replaced (expected: #set("
          + where + "." + key + ".<name> = ...))");
    }
    if (key != null && isSet(key)) {
      throw new MappingException(
          where + "." + key + " is overridden more than once (expected: each override set once per template)");
    }
    return super.put(key, value);
  }

  @Override
  public void putAll(Map<? extends String, ?> values) {
    values.forEach(this::put);
  }

  private boolean isSet(String key) {
    if (super.get(key) != null) {
      return true;
    }
    if (ignoreCase) {
      for (Map.Entry<String, Object> e : entrySet()) {
        if (e.getValue() != null && e.getKey().equalsIgnoreCase(key)) {
          return true;
        }
      }
    }
    return false;
  }
}
