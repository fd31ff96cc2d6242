package dev.apigw.node.dataplane;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The data plane's settings, read once from {@code gateway.data-plane}.
 *
 * @param domain hosts {@code {apiId}.execute-api.<domain>} address APIs
 * @param maxBodyBytes the largest request body (AWS: 10 MB)
 * @param bodyReadTimeout how long a client may take to send its body
 * @param resyncInterval how often every API is refetched, in case a change announcement was lost
 * @param askTimeout how long the loader waits for an entity
 */
public record DataPlaneSettings(
    String domain, long maxBodyBytes, Duration bodyReadTimeout, Duration resyncInterval, Duration askTimeout) {

  /** Reads {@code gateway.data-plane}. */
  public static DataPlaneSettings from(Config root) {
    Config c = root.getConfig("gateway.data-plane");
    long max = c.getBytes("max-body-size");
    if (max < 1) {
      throw new IllegalArgumentException("gateway.data-plane.max-body-size: " + max + " (expected: >= 1)");
    }
    return new DataPlaneSettings(
        c.getString("domain"), max, c.getDuration("body-read-timeout"), c.getDuration("resync-interval"),
        root.getDuration("gateway.management.ask-timeout"));
  }
}
