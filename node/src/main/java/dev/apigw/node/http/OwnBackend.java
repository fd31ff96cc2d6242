package dev.apigw.node.http;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * A client connection's own backend connection, wired into that connection's stream: a request sent over it stays
 * in the client connection's actor, where one through Pekko's host connection pool crosses to the pool's stream and
 * back (about 15 us of the naive proxy's 50 us a request: load-tests/README.md, "Backend connections owned by the
 * client connection"). It is reachable only from the thread running the client connection's stage, while it runs
 * ({@link #current()}); an integration request sent from elsewhere goes through the pool.
 */
public interface OwnBackend {

  /**
   * Sends {@code request} (origin-form uri, its {@code Host} header set) to {@code host:port}, or declines (null):
   * when the connection is busy with another request, already bound to another address, or closed. The answer
   * fails with {@link ClosedBeforeResponse} when the connection closed before the response head came.
   */
  CompletableFuture<HttpResponse> trySend(HttpRequest request, String host, int port);

  /** The own backend of the client connection whose stage runs on this thread now, or null. */
  static OwnBackend current() {
    return Current.HOLDER.get();
  }

  /** What {@code body} returns, run with {@code backend} as this thread's {@link #current()}. */
  static <T> T within(OwnBackend backend, Supplier<T> body) {
    OwnBackend previous = Current.HOLDER.get();
    Current.HOLDER.set(backend);
    try {
      return body.get();
    } finally {
      Current.HOLDER.set(previous);
    }
  }

  /** The backend connection closed (or could not open) before the response head came; nothing was answered. */
  final class ClosedBeforeResponse extends RuntimeException {
    public ClosedBeforeResponse(Throwable cause) {
      super("the backend connection closed before the response" + (cause == null ? "" : ": " + cause), cause);
    }
  }

  /** The thread's binding; a class of its own because an interface's fields are public. */
  final class Current {
    private static final ThreadLocal<OwnBackend> HOLDER = new ThreadLocal<>();

    private Current() {}
  }
}
