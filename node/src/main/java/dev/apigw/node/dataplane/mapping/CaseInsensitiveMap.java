package dev.apigw.node.dataplane.mapping;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps names as received and their order, but finds them ignoring case, as HTTP header
 * names must be.
 */
final class CaseInsensitiveMap<V> extends LinkedHashMap<String, V> {
  private static final long serialVersionUID = 1L;

  CaseInsensitiveMap(Map<String, ? extends V> source) {
    super(source);
  }

  @Override
  public V get(Object key) {
    V exact = super.get(key);
    if (exact != null || !(key instanceof String name)) {
      return exact;
    }
    // Header maps are small; a scan beats keeping a second, lower-cased index.
    for (Map.Entry<String, V> entry : entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null || super.containsKey(key);
  }
}
