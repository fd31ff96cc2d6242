package dev.apigw.node.dataplane.websocket;

import com.typesafe.config.Config;
import dev.apigw.node.dataplane.throttle.Limit;
import java.time.Duration;

/**
 * The WebSocket data plane's settings, read once from {@code gateway.websocket}.
 *
 * @param idleTimeout a connection with no message from its client for this long is closed (AWS: 10 minutes)
 * @param maxConnectionDuration a connection is closed after this long, active or not (AWS: 2 hours)
 * @param newConnections new connections per second across all WebSocket APIs of the account, cluster-wide
 *     (AWS: 500; burst as large), beyond it a handshake is refused with 429
 * @param maxFrameBytes the largest frame a client may send (AWS: 32 KB)
 * @param maxMessageBytes the largest message a client may send, and the largest {@code @connections} POST (AWS: 128 KB)
 * @param outboundBuffer messages queued towards one client; beyond it {@code @connections} POST answers 429
 * @param sessionRefresh how often a socket re-registers with its session (sessions are lost when their shard moves)
 * @param askTimeout how long a node waits for a connection's session
 */
public record WebSocketSettings(Duration idleTimeout, Duration maxConnectionDuration, Limit newConnections,
    long maxFrameBytes, long maxMessageBytes, int outboundBuffer, Duration sessionRefresh, Duration askTimeout) {

  public WebSocketSettings {
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("gateway.websocket.idle-timeout: " + idleTimeout + " (expected: > 0)");
    }
    if (maxConnectionDuration.isNegative() || maxConnectionDuration.isZero()) {
      throw new IllegalArgumentException(
          "gateway.websocket.max-connection-duration: " + maxConnectionDuration + " (expected: > 0)");
    }
    if (outboundBuffer < 1) {
      throw new IllegalArgumentException("gateway.websocket.outbound-buffer: " + outboundBuffer + " (expected: >= 1)");
    }
  }

  /** Reads {@code gateway.websocket}. */
  public static WebSocketSettings from(Config root) {
    Config c = root.getConfig("gateway.websocket");
    return new WebSocketSettings(c.getDuration("idle-timeout"), c.getDuration("max-connection-duration"),
        new Limit(c.getDouble("new-connections.rate"), c.getLong("new-connections.burst")), c.getBytes("max-frame-size"),
        c.getBytes("max-message-size"), c.getInt("outbound-buffer"), c.getDuration("session-refresh"),
        root.getDuration("gateway.management.ask-timeout"));
  }
}
