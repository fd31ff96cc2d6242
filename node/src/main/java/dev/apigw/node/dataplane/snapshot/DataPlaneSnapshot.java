package dev.apigw.node.dataplane.snapshot;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What this node serves: every API's live stages, as one immutable map swapped atomically. The
 * request path only reads it (one volatile read per request); the loader is its only writer.
 */
public final class DataPlaneSnapshot {
  private final AtomicReference<Map<String, LiveApi>> apis = new AtomicReference<>(Map.of());

  /** The API, or null when this node serves no API with that id. */
  public LiveApi api(String apiId) {
    return apis.get().get(apiId);
  }

  /** How many APIs are served. */
  public int size() {
    return apis.get().size();
  }

  void put(LiveApi api) {
    apis.updateAndGet(current -> {
      Map<String, LiveApi> next = new HashMap<>(current);
      next.put(api.api().id(), api);
      return Map.copyOf(next);
    });
  }

  void remove(String apiId) {
    apis.updateAndGet(current -> {
      if (!current.containsKey(apiId)) {
        return current;
      }
      Map<String, LiveApi> next = new HashMap<>(current);
      next.remove(apiId);
      return Map.copyOf(next);
    });
  }
}
