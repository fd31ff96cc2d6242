package dev.apigw.node.dataplane.snapshot;

import dev.apigw.protocol.domains.BasePathMapping;
import dev.apigw.protocol.domains.DomainName;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The custom domain names this node routes, with their settings and base path mappings (longest base path
 * first), swapped atomically like {@link DataPlaneSnapshot}. Listeners hear every change (the TLS port reloads the
 * domains' certificates); they run on the thread that changed it and must not block.
 */
public final class DomainSnapshot {
  private final AtomicReference<Map<String, List<BasePathMapping>>> domains = new AtomicReference<>(Map.of());
  private final AtomicReference<Map<String, DomainName>> settings = new AtomicReference<>(Map.of());
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** The mappings of {@code host} (lower case, no port), or null when it is not a custom domain. */
  public List<BasePathMapping> mappings(String host) {
    return domains.get().get(host);
  }

  /** The settings of {@code host} (lower case, no port), or null when it is not a custom domain. */
  public DomainName domain(String host) {
    return settings.get().get(host);
  }

  /** Every custom domain's settings, by lower-case name. */
  public Map<String, DomainName> domains() {
    return settings.get();
  }

  /** Runs {@code listener} after every change. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  void put(DomainName domain, List<BasePathMapping> mappings) {
    String name = domain.domainName().toLowerCase(Locale.ROOT);
    settings.updateAndGet(current -> {
      Map<String, DomainName> next = new HashMap<>(current);
      next.put(name, domain);
      return Map.copyOf(next);
    });
    put(name, mappings);
    listeners.forEach(Runnable::run);
  }

  void put(String domainName, List<BasePathMapping> mappings) {
    List<BasePathMapping> sorted = mappings.stream()
        .sorted(Comparator.comparingInt((BasePathMapping m) -> basePathLength(m)).reversed())
        .toList();
    domains.updateAndGet(current -> {
      Map<String, List<BasePathMapping>> next = new HashMap<>(current);
      next.put(domainName.toLowerCase(Locale.ROOT), sorted);
      return Map.copyOf(next);
    });
  }

  void remove(String domainName) {
    String name = domainName.toLowerCase(Locale.ROOT);
    domains.updateAndGet(current -> {
      Map<String, List<BasePathMapping>> next = new HashMap<>(current);
      next.remove(name);
      return Map.copyOf(next);
    });
    settings.updateAndGet(current -> {
      Map<String, DomainName> next = new HashMap<>(current);
      next.remove(name);
      return Map.copyOf(next);
    });
    listeners.forEach(Runnable::run);
  }

  private static int basePathLength(BasePathMapping m) {
    return m.basePath() == null || BasePathMapping.NONE.equals(m.basePath()) ? 0 : m.basePath().length();
  }
}
