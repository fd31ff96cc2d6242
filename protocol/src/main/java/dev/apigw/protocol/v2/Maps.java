package dev.apigw.protocol.v2;

import java.util.LinkedHashMap;
import java.util.Map;

/** Null-tolerant immutable copies, for records that come from the journal or from partial updates. */
final class Maps {
  private Maps() {}

  /** An immutable copy; null stays null (an absent field of a partial update). */
  static <K, V> Map<K, V> copyOrNull(Map<K, V> map) {
    return map == null ? null : Map.copyOf(map);
  }

  /** An immutable copy; null becomes empty. */
  static <K, V> Map<K, V> copy(Map<K, V> map) {
    return map == null ? Map.of() : Map.copyOf(map);
  }

  /** {@code base} with {@code key} set to {@code value}. */
  static <K, V> Map<K, V> with(Map<K, V> base, K key, V value) {
    Map<K, V> next = new LinkedHashMap<>(base);
    next.put(key, value);
    return Map.copyOf(next);
  }

  /** {@code base} without {@code key}. */
  static <K, V> Map<K, V> without(Map<K, V> base, K key) {
    Map<K, V> next = new LinkedHashMap<>(base);
    next.remove(key);
    return Map.copyOf(next);
  }

  /** {@code change} if set, else {@code current}: how a partial update (apigatewayv2's PATCH) merges one field. */
  static <T> T pick(T change, T current) {
    return change != null ? change : current;
  }
}
