package dev.apigw.node.dataplane.request;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * What becomes of the streamed body of a request the gateway refused (413, 403, ...): it is read to its end, up to
 * twice the payload limit, into nothing, so the connection stays usable and the answer reaches the client. Left
 * unread, or discarded under the server's own size limit, a body over that limit failed its stream at once and closed
 * the connection with the body still arriving, and the client's reset could lose the answer (REST and HTTP API
 * pipelines both met it in their 413 tests).
 */
public final class RefusedBodies {
  private final ActorSystem<?> system;
  private final long drainLimit;

  public RefusedBodies(ActorSystem<?> system, long maxBodyBytes) {
    this.system = system;
    this.drainLimit = 2 * maxBodyBytes;
  }

  /** Reads {@code http}'s body into nothing when it streams (a strict one is in memory already). */
  public void drain(HttpRequest http) {
    if (!http.entity().isStrict()) {
      http.entity().withSizeLimit(drainLimit).discardBytes(system);
    }
  }
}
