package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.PekkoFutures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/** Reads a request's body into memory within the size and time limits: 413 over the size, 400 when never sent. */
final class BodyReader {
  private final ActorSystem<?> system;
  private final long maxBodyBytes;
  private final long timeoutMillis;

  BodyReader(ActorSystem<?> system, long maxBodyBytes, long timeoutMillis) {
    this.system = system;
    this.maxBodyBytes = maxBodyBytes;
    this.timeoutMillis = timeoutMillis;
  }

  /** {@code http} with its body read (itself when it already was). */
  CompletionStage<HttpRequest> read(HttpRequest http) {
    if (http.entity().isStrict()) {
      return CompletableFuture.completedFuture(http);
    }
    return PekkoFutures.plain(http.entity().toStrict(timeoutMillis, maxBodyBytes, system))
        .<HttpRequest>thenApply(http::withEntity)
        .exceptionally(e -> {
          throw AwsErrors.isBodyTooLarge(e) ? GatewayErrors.tooLarge()
              : new GatewayError(ResponseTypes.DEFAULT_4XX, 400, "Request body could not be read", null);
        });
  }
}
