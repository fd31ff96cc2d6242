package dev.apigw.node.dataplane.edge;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How many connections the data plane holds and how long a connection may take to send a request head, read once
 * from {@code gateway.data-plane.connections}.
 *
 * @param maxConnections open data-plane connections of this node, all clients together; beyond it a new connection is
 *     closed at once
 * @param maxConnectionsPerClient open connections from one client address; beyond it that client's new connections
 *     are closed at once, while other clients are still served
 * @param headTimeout how long a new connection may take to deliver its first complete request head, however it
 *     trickles the bytes (Pekko's idle-timeout starts again with every byte)
 * @param nextRequestTimeout how long a kept-alive connection may take, after a response, to deliver the next complete
 *     request head; then it is closed (gracefully: after the response being written)
 * @param ownBackendConnections how many client connections of the node at a time have a backend connection of their
 *     own for plain-HTTP integration requests, in their stream (0: none; the others' go through Pekko's host connection
 *     pool). Bounded because each costs ~16 KB of heap for as long as its client connection lives, used or not
 */
public record EdgeSettings(int maxConnections, int maxConnectionsPerClient, Duration headTimeout,
    Duration nextRequestTimeout, int ownBackendConnections) {

  public EdgeSettings {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("gateway.data-plane.connections.max-connections: " + maxConnections
          + " (expected: >= 1)");
    }
    if (maxConnectionsPerClient < 1 || maxConnectionsPerClient > maxConnections) {
      throw new IllegalArgumentException("gateway.data-plane.connections.max-connections-per-client: "
          + maxConnectionsPerClient + " (expected: >= 1 and <= max-connections " + maxConnections + ")");
    }
    if (headTimeout.isNegative() || headTimeout.isZero()) {
      throw new IllegalArgumentException("gateway.data-plane.connections.head-timeout: " + headTimeout
          + " (expected: > 0)");
    }
    if (ownBackendConnections < 0 || ownBackendConnections > maxConnections) {
      throw new IllegalArgumentException("gateway.data-plane.connections.own-backend-connections: "
          + ownBackendConnections + " (expected: 0 to max-connections " + maxConnections + ")");
    }
    if (nextRequestTimeout.isNegative() || nextRequestTimeout.isZero()) {
      throw new IllegalArgumentException("gateway.data-plane.connections.next-request-timeout: " + nextRequestTimeout
          + " (expected: > 0)");
    }
  }

  /** Reads {@code gateway.data-plane.connections}. */
  public static EdgeSettings from(Config root) {
    Config c = root.getConfig("gateway.data-plane.connections");
    return new EdgeSettings(c.getInt("max-connections"), c.getInt("max-connections-per-client"),
        c.getDuration("head-timeout"), c.getDuration("next-request-timeout"),
        c.getInt("own-backend-connections"));
  }
}
