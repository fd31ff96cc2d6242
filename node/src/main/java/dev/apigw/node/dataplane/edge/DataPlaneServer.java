package dev.apigw.node.dataplane.edge;

import dev.apigw.node.dataplane.request.RequestIdentifiers;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.RequestIds;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;
import org.apache.pekko.http.javadsl.IncomingConnection;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane's HTTP server: every accepted connection passes the {@link ConnectionGate} (a connection over the
 * per-client or total limit is closed at once, so one client's flood never starves the others) and its requests
 * pass a {@link HeadDeadline} (a connection that does not deliver a complete request head in time is closed, however
 * slowly it trickles bytes). WebSocket upgrades work as before; once upgraded, no head deadline applies. The plain
 * and the TLS port share one gate, so the limits hold for a client's connections to both together; on the TLS port
 * the head deadline includes the handshake.
 */
public final class DataPlaneServer {
  private static final Logger log = LoggerFactory.getLogger(DataPlaneServer.class);
  private static final long REFUSAL_LOG_INTERVAL_NANOS = 10_000_000_000L;

  private final ActorSystem<?> system;
  private final EdgeSettings edge;
  private final ServerSettings server;
  private final int pipeliningLimit;
  private final Function<HttpRequest, CompletionStage<HttpResponse>> handler;
  private final ConnectionGate gate;
  private final AtomicLong refusedSinceLog = new AtomicLong();
  private final AtomicLong headTimeoutsSinceLog = new AtomicLong();
  private final AtomicLong lastRefusalLog = new AtomicLong(System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS);
  private final AtomicLong lastTimeoutLog = new AtomicLong(System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS);

  private DataPlaneServer(ActorSystem<?> system, EdgeSettings edge, ServerSettings server,
      Function<HttpRequest, CompletionStage<HttpResponse>> handler) {
    this.system = system;
    this.edge = edge;
    this.server = server;
    this.pipeliningLimit = server.getPipeliningLimit();
    this.handler = handler;
    this.gate = new ConnectionGate(edge.maxConnections(), edge.maxConnectionsPerClient());
  }

  /** A server with {@code server} settings that serves every admitted connection with {@code handler}; bind it next. */
  public static DataPlaneServer create(ActorSystem<?> system, ServerSettings server, EdgeSettings edge,
      Function<HttpRequest, CompletionStage<HttpResponse>> handler) {
    return new DataPlaneServer(system, edge, server, handler);
  }

  /** Binds the plain data-plane port {@code host:port}. */
  public CompletionStage<ServerBinding> bind(String host, int port) {
    return Http.get(system).newServerAt(host, port).withSettings(server).connectionSource()
        .to(Sink.foreach(this::accept))
        .run(system);
  }

  /** Binds the TLS data-plane port {@code host:port} with {@code https} (certificates by SNI). */
  public CompletionStage<ServerBinding> bindTls(String host, int port, HttpsConnectionContext https) {
    return Http.get(system).newServerAt(host, port).withSettings(server).enableHttps(https).connectionSource()
        .to(Sink.foreach(this::accept))
        .run(system);
  }

  private void accept(IncomingConnection connection) {
    var admission = gate.admit(connection.remoteAddress().getAddress());
    if (admission.lease().isEmpty()) {
      refuse(connection, admission.refusal());
      return;
    }
    ConnectionGate.Lease lease = admission.lease().get();
    AtomicBoolean upgraded = new AtomicBoolean();
    Flow<HttpRequest, HttpResponse, NotUsed> flow = Flow.<HttpRequest>create()
        .via(new HeadDeadline(edge.headTimeout(), edge.nextRequestTimeout(), upgraded::get, this::headTimedOut))
        .mapAsync(pipeliningLimit, request -> handle(request).thenApply(response -> {
          if (response.status().intValue() == 101) {
            upgraded.set(true);
          }
          return response;
        }))
        .watchTermination((notUsed, done) -> {
          done.whenComplete((d, failure) -> lease.release());
          return NotUsed.getInstance();
        });
    try {
      connection.handleWith(flow, Materializer.matFromSystem(system));
    } catch (RuntimeException e) {
      lease.release();
      throw e;
    }
  }

  private CompletionStage<HttpResponse> handle(HttpRequest request) {
    CompletionStage<HttpResponse> response;
    try {
      response = handler.apply(request);
    } catch (Exception e) {
      response = CompletableFuture.failedFuture(e);
    }
    return response.exceptionally(failure -> {
      log.error("The data plane failed a request", failure);
      return AwsErrors.error(500, "InternalServerErrorException", "Internal server error")
          .addHeader(RawHeader.create(RequestIds.REQUEST_ID, RequestIdentifiers.requestId()));
    });
  }

  /** Closes the connection without reading from it; logs a summary at most every 10 s, never per connection. */
  private void refuse(IncomingConnection connection, ConnectionGate.Refusal why) {
    connection.handleWith(Flow.fromSinkAndSourceCoupled(Sink.cancelled(), Source.<HttpResponse>empty()), Materializer.matFromSystem(system));
    long refused = refusedSinceLog.incrementAndGet();
    long last = lastRefusalLog.get();
    long now = System.nanoTime();
    if (now - last >= REFUSAL_LOG_INTERVAL_NANOS && lastRefusalLog.compareAndSet(last, now)) {
      refusedSinceLog.addAndGet(-refused);
      log.warn("Data plane refused {} connection(s) in the last {} s (latest: over the {} limit of {}); {} open",
          refused, REFUSAL_LOG_INTERVAL_NANOS / 1_000_000_000L,
          why == ConnectionGate.Refusal.TOTAL ? "total" : "per-client",
          why == ConnectionGate.Refusal.TOTAL ? edge.maxConnections() : edge.maxConnectionsPerClient(), gate.open());
    }
  }

  private void headTimedOut() {
    long closed = headTimeoutsSinceLog.incrementAndGet();
    long last = lastTimeoutLog.get();
    long now = System.nanoTime();
    if (now - last >= REFUSAL_LOG_INTERVAL_NANOS && lastTimeoutLog.compareAndSet(last, now)) {
      headTimeoutsSinceLog.addAndGet(-closed);
      log.info("Data plane closed {} connection(s) in the last {} s that sent no complete request head in time",
          closed, REFUSAL_LOG_INTERVAL_NANOS / 1_000_000_000L);
    }
  }
}
