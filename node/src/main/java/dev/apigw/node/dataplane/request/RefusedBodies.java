package dev.apigw.node.dataplane.request;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * What becomes of the streamed body of a request the gateway refused (413, 403, ...): it is read to its end, up to
 * twice the payload limit, into nothing, and the refusal goes out once it is read. Answered earlier, Pekko HTTP
 * closes the connection after the answer while the client still writes, and the client's TCP reset can lose the
 * answer (HttpApiDataPlaneTest's 413 to a 10 MB body, now and then); read first, the connection stays usable. A
 * body beyond the drain limit is answered when the limit is met, and the connection closed.
 */
public final class RefusedBodies {
  private final ActorSystem<?> system;
  private final long drainLimit;

  public RefusedBodies(ActorSystem<?> system, long maxBodyBytes) {
    this.system = system;
    this.drainLimit = 2 * maxBodyBytes;
  }

  /** {@code refusal}, once {@code http}'s body is read (at once for a strict body: it is in memory already). */
  public CompletionStage<HttpResponse> afterDrain(HttpRequest http, HttpResponse refusal) {
    if (http.entity().isStrict()) {
      return CompletableFuture.completedFuture(refusal);
    }
    return http.entity().withSizeLimit(drainLimit).discardBytes(system).completionStage()
        .handle((done, failure) -> refusal);
  }
}
