package dev.apigw.node.dataplane.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's open sockets, for a graceful stop: with the servers' unbind every socket is closed ("going away") and its
 * {@code $disconnect} runs, before the HTTP server's hard termination would drop them without either.
 */
final class OpenSockets {
  private static final Logger log = LoggerFactory.getLogger(OpenSockets.class);
  // Within Pekko's default 5 s per coordinated-shutdown phase.
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(4);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /** A socket as the registry sees it. */
  interface Open {
    /** Asks the client to go away (close code 1001 where the stack allows). */
    void goAway();

    /** Completes once the socket closed and its {@code $disconnect} ran. */
    CompletionStage<Void> closed();
  }

  private final Map<String, Open> open = new ConcurrentHashMap<>();

  OpenSockets(ActorSystem<?> system) {
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(),
        "websocket-close-sockets-" + INSTANCES.incrementAndGet(), this::closeAll);
  }

  void add(String connectionId, Open socket) {
    open.put(connectionId, socket);
  }

  void remove(String connectionId) {
    open.remove(connectionId);
  }

  /** Closes every socket of this node; completes when their $disconnect ran, or after {@code SHUTDOWN_WAIT}. */
  private CompletionStage<Done> closeAll() {
    var sockets = List.copyOf(open.values());
    if (!sockets.isEmpty()) {
      log.info("Closing {} WebSocket connections before the node stops", sockets.size());
    }
    sockets.forEach(Open::goAway);
    return CompletableFuture.allOf(sockets.stream().map(s -> s.closed().toCompletableFuture())
            .toArray(CompletableFuture[]::new))
        .completeOnTimeout(null, SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(v -> Done.getInstance());
  }
}
