package dev.apigw.node.dataplane.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Defensive, order-keeping, null-tolerant map copies for the records of this package. */
final class Maps {
  private Maps() {}

  /** An unmodifiable copy keeping insertion order; null becomes empty. */
  static <K, V> Map<K, V> frozen(Map<K, V> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    // Map.copyOf would lose the order templates iterate in and reject null values.
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
