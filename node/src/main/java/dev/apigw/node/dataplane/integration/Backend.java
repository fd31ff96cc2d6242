package dev.apigw.node.dataplane.integration;

import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.http.Deadlines;
import dev.apigw.node.http.OwnBackend;
import dev.apigw.node.http.PekkoFutures;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.model.headers.Host;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends integration requests to HTTP backends over Pekko HTTP's pooled, keep-alive host
 * connection pools, with the integration's timeout. A response that arrives after the timeout is
 * drained so its connection returns to the pool. A request of a stage with a client certificate presents it to HTTPS
 * backends; a request through a VPC link goes to the address that stands for the link's load balancer.
 */
public final class Backend {
  private static final Logger log = LoggerFactory.getLogger(Backend.class);

  /**
   * How a request reaches its backend.
   *
   * @param clientCertificateId the stage's client certificate, presented to HTTPS backends, or null
   * @param vpcLinkId the VPC link the request goes through, or null for the uri's own host
   * @param privateTarget through an HTTP API (V2) link: the integration's load balancer listener or Cloud Map service
   *     ARN; null through a REST API link (its own load balancer is the target) or none
   */
  public record Connection(String clientCertificateId, String vpcLinkId, String privateTarget) {
    /** To the uri's host, presenting no certificate. */
    public static final Connection DIRECT = new Connection(null, null, null);

    /** Direct, or through a REST API VPC link. */
    public Connection(String clientCertificateId, String vpcLinkId) {
      this(clientCertificateId, vpcLinkId, null);
    }

    /** Through the HTTP API VPC link {@code vpcLinkId} to {@code privateTarget}. */
    public static Connection privateIntegration(String vpcLinkId, String privateTarget) {
      return new Connection(null, vpcLinkId, privateTarget);
    }
  }

  private final ActorSystem<?> system;
  private final Http http;
  private final BackendConnections connections;
  private final Deadlines deadlines;

  public Backend(ActorSystem<?> system, BackendSettings settings, String accountId, Duration askTimeout) {
    this.system = system;
    this.http = Http.get(system);
    this.connections = new BackendConnections(settings, new AccountView(system, accountId, askTimeout));
    this.deadlines = Deadlines.get(system);
  }

  /** {@link #send(HttpRequest, Duration, Connection)} straight to the uri's host, with no client certificate. */
  public CompletionStage<HttpResponse> send(HttpRequest request, Duration timeout) {
    return send(request, timeout, Connection.DIRECT);
  }

  /**
   * The backend's response head (the body may still stream). Fails with INTEGRATION_TIMEOUT
   * when no response arrives within {@code timeout}, with a 413 when the request's streamed body went over its size
   * limit on the way (the backend request is then aborted), with a 502 when the backend cannot be reached, and with
   * AWS's 500 for what AWS calls a configuration error: a failed TLS handshake (untrusted certificate, wrong host
   * name, client certificate refused), an unknown or unavailable VPC link, a missing client certificate.
   */
  public CompletionStage<HttpResponse> send(HttpRequest request, Duration timeout, Connection connection) {
    CompletableFuture<HttpResponse> result = new CompletableFuture<>();
    var timer = deadlines.after(timeout, () -> result.completeExceptionally(
        new GatewayError(ResponseTypes.INTEGRATION_TIMEOUT, ResponseTypes.defaultMessage(ResponseTypes.INTEGRATION_TIMEOUT))));
    CompletionStage<HttpResponse> sent = connections.prepare(request, connection).thenCompose(this::dispatch);
    sent.whenComplete((response, failure) -> {
      timer.cancel();
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      if (cause instanceof GatewayError configuration) {
        result.completeExceptionally(configuration);
      } else if (failure != null && overLimit(failure)) {
        // The client's streamed body went over the payload limit while it was forwarded: the backend request was
        // aborted half way (its body never ended), and the client is told why.
        log.info("Integration request to {} aborted: the request body went over the limit", loggable(request.getUri()));
        result.completeExceptionally(new GatewayError(ResponseTypes.REQUEST_TOO_LARGE,
            ResponseTypes.defaultMessage(ResponseTypes.REQUEST_TOO_LARGE)));
      } else if (failure != null && tlsFailure(failure)) {
        // AWS: "Execution failed due to configuration error" (an untrusted certificate, a host name it does not
        // name, a client certificate the backend refuses), answered 500.
        log.warn("Integration request to {} failed in the TLS handshake: {}", loggable(request.getUri()), cause.toString());
        result.completeExceptionally(new GatewayError(ResponseTypes.API_CONFIGURATION_ERROR,
            ResponseTypes.INTERNAL_SERVER_ERROR));
      } else if (failure != null) {
        log.info("Integration request to {} failed: {}", loggable(request.getUri()), cause.toString());
        result.completeExceptionally(unreachable());
      } else if (!result.complete(response)) {
        response.discardEntityBytes(system);
      }
    });
    return result;
  }

  /**
   * Plain HTTP over the client connection's own backend connection when this runs in its stage and it takes the
   * request (one actor for the whole exchange); otherwise, and for HTTPS, through Pekko's host connection pool. A
   * request the own connection lost when it closed goes through the pool when repeating it is safe (idempotent
   * method, body in memory), as the pool itself retries.
   */
  private CompletionStage<HttpResponse> dispatch(BackendConnections.Prepared prepared) {
    HttpRequest request = prepared.request();
    if (prepared.context() != null) {
      return PekkoFutures.plain(http.singleRequest(request, prepared.context()));
    }
    OwnBackend own = OwnBackend.current();
    Uri uri = request.getUri();
    if (own == null || !"http".equals(uri.getScheme())) {
      return PekkoFutures.plain(http.singleRequest(request));
    }
    // A streamed body's failure (over the size limit) aborts the connection; keep it to tell the client why.
    var bodyFailure = new AtomicReference<Throwable>();
    HttpRequest toSend = originForm(request.entity().isStrict() ? request
        : request.withEntity(watched(request.entity(), bodyFailure)));
    CompletableFuture<HttpResponse> sent = own.trySend(toSend, uri.host().address(), uri.port());
    if (sent == null) {
      return PekkoFutures.plain(http.singleRequest(request));
    }
    return sent.exceptionallyCompose(failure -> {
      if (!(failure instanceof OwnBackend.ClosedBeforeResponse)) {
        return CompletableFuture.failedFuture(failure);
      }
      if (bodyFailure.get() != null) {
        return CompletableFuture.failedFuture(bodyFailure.get());
      }
      return request.method().isIdempotent() && request.entity().isStrict()
          ? PekkoFutures.plain(http.singleRequest(request))
          : CompletableFuture.failedFuture(failure);
    });
  }

  /** {@code entity}, its stream's failure kept in {@code failure}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static RequestEntity watched(RequestEntity entity, AtomicReference<Throwable> failure) {
    org.apache.pekko.stream.scaladsl.Flow watcher = Flow.<ByteString>create().watchTermination((notUsed, done) -> {
      done.whenComplete((d, f) -> failure.set(f));
      return notUsed;
    }).asScala();
    return ((org.apache.pekko.http.scaladsl.model.RequestEntity) entity).transformDataBytes(watcher);
  }

  /** The request as sent on a connection to its host: origin-form uri and, as the pool writes it, a Host header. */
  private static HttpRequest originForm(HttpRequest request) {
    HttpRequest relative = request.withUri(request.getUri().toRelative());
    return request.getHeader(Host.class).isPresent() ? relative
        : relative.addHeader(BackendConnections.hostOf(request.getUri()));
  }

  private static boolean tlsFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException) {
        return true;
      }
    }
    return false;
  }

  private static boolean overLimit(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof EntityStreamSizeException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Scheme, host, port and path only: an integration uri may carry credentials (user info, a token in the query
   * string, filled from stage variables or the client's query), which must not reach the log.
   */
  static String loggable(Uri uri) {
    return uri.scheme() + "://" + uri.host().address() + (uri.port() > 0 ? ":" + uri.port() : "") + uri.path();
  }

  /** AWS answers a backend it cannot reach with a 5XX "Internal server error"; we use 502 Bad Gateway. */
  static GatewayError unreachable() {
    return new GatewayError(ResponseTypes.INTEGRATION_FAILURE, 502, ResponseTypes.INTERNAL_SERVER_ERROR, null);
  }
}
