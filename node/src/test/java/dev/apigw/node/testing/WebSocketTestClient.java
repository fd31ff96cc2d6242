package dev.apigw.node.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (the JDK's) connected to a node's data plane with
 * {@code Host: {apiId}.execute-api.localhost}: collects text messages and how the socket closed.
 */
public final class WebSocketTestClient implements AutoCloseable {
  /** How the server closed the socket; code -1 when the connection broke without a close frame. */
  public record Closed(int code, String reason) {}

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final WebSocket socket;
  private final BlockingQueue<String> messages;
  private final CompletableFuture<Closed> closed;

  private WebSocketTestClient(WebSocket socket, BlockingQueue<String> messages, CompletableFuture<Closed> closed) {
    this.socket = socket;
    this.messages = messages;
    this.closed = closed;
  }

  /** Connects to {@code /{stage}} of {@code apiId}; fails with the handshake's exception. */
  public static WebSocketTestClient connect(URI dataPlane, String apiId, String stage) {
    return connect(dataPlane, apiId, stage, "");
  }

  /** Connects to {@code /{stage}{query}} (e.g. {@code ?token=x}) of {@code apiId}; fails with the handshake's exception. */
  public static WebSocketTestClient connect(URI dataPlane, String apiId, String stage, String query) {
    return connect(dataPlane, apiId, stage, query, java.util.Map.of());
  }

  /** Connects with extra handshake headers; fails with the handshake's exception. */
  public static WebSocketTestClient connect(URI dataPlane, String apiId, String stage, String query,
      java.util.Map<String, String> headers) {
    BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    CompletableFuture<Closed> closed = new CompletableFuture<>();
    WebSocket.Listener listener = new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          messages.add(partial.toString());
          partial.setLength(0);
        }
        webSocket.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
      }

      @Override
      public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Closed(-1, error.toString()));
      }
    };
    URI uri = URI.create("ws://127.0.0.1:" + dataPlane.getPort() + "/" + stage + query);
    try {
      WebSocket.Builder builder = HTTP.newWebSocketBuilder()
          .header("Host", apiId + ".execute-api.localhost:" + dataPlane.getPort());
      headers.forEach(builder::header);
      WebSocket socket = builder.buildAsync(uri, listener)
          .get(30, TimeUnit.SECONDS);
      return new WebSocketTestClient(socket, messages, closed);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Connects, retrying while the node does not serve the API yet (config reaches nodes asynchronously). */
  public static WebSocketTestClient awaitConnect(URI dataPlane, String apiId, String stage) {
    return awaitConnect(dataPlane, apiId, stage, "");
  }

  /** Connects with a query string, retrying while the node does not serve the API yet. */
  public static WebSocketTestClient awaitConnect(URI dataPlane, String apiId, String stage, String query) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      try {
        return connect(dataPlane, apiId, stage, query);
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        TestNode.sleep(100);
      }
    }
  }

  /** The status of a refused handshake, or -1 when it was not refused by a status. */
  public static int handshakeStatus(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
    }
    return -1;
  }

  /** The x-amzn-ErrorType of a refused handshake, or null. */
  public static String handshakeErrorType(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof WebSocketHandshakeException h) {
        return h.getResponse().headers().firstValue("x-amzn-ErrorType").orElse(null);
      }
    }
    return null;
  }

  /** Sends {@code text} as one frame. */
  public void send(String text) {
    socket.sendText(text, true).join();
  }

  /** The next message, waiting up to 10 s; null when none came. */
  public String next() {
    try {
      return messages.poll(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** How the server closed the socket, waiting up to {@code timeout}. */
  public Closed awaitClosed(Duration timeout) {
    try {
      return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("The socket was not closed within " + timeout, e);
    }
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }
}
