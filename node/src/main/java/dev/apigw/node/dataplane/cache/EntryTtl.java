package dev.apigw.node.dataplane.cache;

import com.github.benmanes.caffeine.cache.Expiry;
import java.util.function.BiFunction;

/**
 * A Caffeine expiry where each entry lives its own time-to-live from when it was written (created or replaced), and
 * reading does not extend it: the stage cache's and the authorizer cache's rule.
 */
public final class EntryTtl<K, V> implements Expiry<K, V> {
  private final BiFunction<K, V, Long> ttlNanos;

  private EntryTtl(BiFunction<K, V, Long> ttlNanos) {
    this.ttlNanos = ttlNanos;
  }

  /** Entries live {@code ttlNanos(key, value)} nanoseconds after each write. */
  public static <K, V> EntryTtl<K, V> of(BiFunction<K, V, Long> ttlNanos) {
    return new EntryTtl<>(ttlNanos);
  }

  @Override
  public long expireAfterCreate(K key, V value, long currentTime) {
    return ttlNanos.apply(key, value);
  }

  @Override
  public long expireAfterUpdate(K key, V value, long currentTime, long currentDuration) {
    return ttlNanos.apply(key, value);
  }

  @Override
  public long expireAfterRead(K key, V value, long currentTime, long currentDuration) {
    return currentDuration;
  }
}
