package dev.apigw.node.dataplane.cache;

import com.typesafe.config.Config;

/**
 * The stage cache's node-local bounds, read once from {@value #PATH}.
 *
 * @param maxBytes the most response bytes one node keeps for all stages together (AWS sizes a cache per stage,
 *     {@code cacheClusterSize}; here every node holds its own copy of what it served)
 */
public record StageCacheSettings(long maxBytes) {
  /** The configuration section. */
  public static final String PATH = "gateway.data-plane.stage-cache";

  public StageCacheSettings {
    if (maxBytes < 0) {
      throw new IllegalArgumentException(PATH + ".max-size: " + maxBytes + " (expected: >= 0)");
    }
  }

  /** Reads {@value #PATH}. */
  public static StageCacheSettings from(Config root) {
    return new StageCacheSettings(root.getConfig(PATH).getBytes("max-size"));
  }
}
