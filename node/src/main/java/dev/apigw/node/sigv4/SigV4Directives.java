package dev.apigw.node.sigv4;

import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.sigv4.SigV4Verifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawRequestURI;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import scala.concurrent.duration.FiniteDuration;

/**
 * Authenticates management calls with AWS Signature V4 before any route runs: reads the body
 * (bounded), rebuilds the request as the client sent it and hands the caller's identity on.
 */
public final class SigV4Directives extends AllDirectives {
  /** Declared bodies up to this many times the limit are drained before the 413. */
  private static final long DRAIN_FACTOR = 4;

  private final SigV4Verifier verifier;
  private final long maxBodyBytes;
  private final FiniteDuration bodyTimeout;

  public SigV4Directives(SigV4Verifier verifier, long maxBodyBytes, java.time.Duration bodyTimeout) {
    this.verifier = verifier;
    this.maxBodyBytes = maxBodyBytes;
    this.bodyTimeout = FiniteDuration.fromNanos(bodyTimeout.toNanos());
  }

  /** Runs {@code inner} for a correctly signed request; answers AWS's 403 otherwise. */
  public Route authenticated(Function<SigV4Result.Accepted, Route> inner) {
    return extractRequestEntity(
        entity -> {
          var length = entity.getContentLengthOption();
          if (length.isPresent() && length.getAsLong() > maxBodyBytes) {
            var tooLarge = AwsErrors.error(
                413, "PayloadTooLargeException", "Request body is larger than the limit of " + maxBodyBytes + " bytes");
            if (length.getAsLong() > DRAIN_FACTOR * maxBodyBytes) {
              // Far too large to be worth reading: answer now; Pekko closes the connection.
              return complete(tooLarge);
            }
            // Read and drop the body (never buffered) before answering, so that a client still
            // uploading gets the 413 instead of a connection closed under it. The server's own
            // parsing limit is lifted for this drain only; it is bounded by DRAIN_FACTOR above.
            return extractMaterializer(mat -> onComplete(
                entity.withoutSizeLimit().discardBytes(mat).completionStage(), drained -> complete(tooLarge)));
          }
          return verified(inner);
        });
  }

  private Route verified(Function<SigV4Result.Accepted, Route> inner) {
    return toStrictEntity(
        bodyTimeout,
        maxBodyBytes,
        () ->
            extractRequest(
                request -> {
                  SigV4Result result = verifier.verify(signedRequest(request));
                  if (result instanceof SigV4Result.Accepted accepted) {
                    return inner.apply(accepted);
                  }
                  var rejected = (SigV4Result.Rejected) result;
                  return complete(AwsErrors.error(rejected.status(), rejected.errorType(), rejected.message()));
                }));
  }

  /** The request as it was on the wire: raw path and query, and the headers Pekko lifts into the entity. */
  public static SignedRequest signedRequest(HttpRequest request) {
    HttpEntity.Strict entity = (HttpEntity.Strict) request.entity();
    String raw =
        request.getHeader(RawRequestURI.class).map(RawRequestURI::uri).orElse(request.getUri().toRelative().toString());
    int q = raw.indexOf('?');
    String rawPath = q < 0 ? raw : raw.substring(0, q);
    String rawQuery = q < 0 ? "" : raw.substring(q + 1);

    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (HttpHeader h : request.getHeaders()) {
      headers.add(Map.entry(h.name(), h.value()));
    }
    byte[] body = entity.getData().toArray();
    // Pekko keeps Content-Type and Content-Length on the entity, not among the headers.
    if (!entity.getContentType().equals(org.apache.pekko.http.javadsl.model.ContentTypes.NO_CONTENT_TYPE)) {
      headers.add(Map.entry("Content-Type", entity.getContentType().toString()));
    }
    headers.add(Map.entry("Content-Length", Long.toString(body.length)));
    return new SignedRequest(request.method().value(), rawPath, rawQuery, List.copyOf(headers), body);
  }
}
