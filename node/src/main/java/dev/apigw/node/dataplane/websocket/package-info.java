/** WebSocket APIs on the data-plane port: handshake, route selection, integrations, sharded sessions and {@code @connections}. */
package dev.apigw.node.dataplane.websocket;
