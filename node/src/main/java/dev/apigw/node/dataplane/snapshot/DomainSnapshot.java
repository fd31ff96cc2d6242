package dev.apigw.node.dataplane.snapshot;

import dev.apigw.protocol.domains.BasePathMapping;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The custom domain names this node routes, with their base path mappings (longest base path
 * first), swapped atomically like {@link DataPlaneSnapshot}.
 */
public final class DomainSnapshot {
  private final AtomicReference<Map<String, List<BasePathMapping>>> domains = new AtomicReference<>(Map.of());

  /** The mappings of {@code host} (lower case, no port), or null when it is not a custom domain. */
  public List<BasePathMapping> mappings(String host) {
    return domains.get().get(host);
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
    domains.updateAndGet(current -> {
      Map<String, List<BasePathMapping>> next = new HashMap<>(current);
      next.remove(domainName.toLowerCase(Locale.ROOT));
      return Map.copyOf(next);
    });
  }

  private static int basePathLength(BasePathMapping m) {
    return m.basePath() == null || BasePathMapping.NONE.equals(m.basePath()) ? 0 : m.basePath().length();
  }
}
