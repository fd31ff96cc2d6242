package dev.apigw.node.dataplane.edge;

import dev.apigw.node.dataplane.request.RequestIdentifiers;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.RequestIds;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.TLSClosing;
import org.apache.pekko.stream.TLSProtocol.SslTlsInbound;
import org.apache.pekko.stream.TLSProtocol.SslTlsOutbound;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.TLS;
import org.apache.pekko.stream.javadsl.TLSPlacebo;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.concurrent.duration.FiniteDuration;

/**
 * The data plane's HTTP server: every accepted connection passes the {@link ConnectionGate} (a connection over the
 * per-client or total limit is closed at once, so one client's flood never starves the others) and its requests
 * pass a {@link HeadDeadline} (a connection that does not deliver a complete request head in time is closed, however
 * slowly it trickles bytes). WebSocket upgrades work as before; once upgraded, no head deadline applies. The plain
 * and the TLS port share one gate, so the limits hold for a client's connections to both together; on the TLS port
 * the head deadline includes the handshake.
 *
 * <p>It binds at the TCP level and decides on the raw connection, before any HTTP or TLS stage exists: a refused
 * connection is reset by a three-stage stream run inside the accepting stream (no actor, no HTTP layer of its own),
 * so one source reconnecting as fast as it can costs the node little per connection and the accept queue keeps
 * moving for everyone else. Only an admitted connection gets Pekko HTTP's server layer (and the TLS stage).
 */
public final class DataPlaneServer {
  private static final Logger log = LoggerFactory.getLogger(DataPlaneServer.class);
  private static final long REFUSAL_LOG_INTERVAL_NANOS = 10_000_000_000L;
  /** Refused connections being reset at once; beyond it accepting waits (a reset takes one message round trip). */
  private static final int RESETTING_AT_ONCE = 1024;
  private static final RuntimeException REFUSED = new RefusedConnection();

  private final ActorSystem<?> system;
  private final EdgeSettings edge;
  private final ServerSettings server;
  /** The same settings (the only implementation of the javadsl ones), for the scaladsl server layer. */
  private final org.apache.pekko.http.scaladsl.settings.ServerSettings scalaServer;
  private final int pipeliningLimit;
  private final Function<HttpRequest, CompletionStage<HttpResponse>> handler;
  private final ConnectionGate gate;
  private final org.apache.pekko.http.scaladsl.HttpExt http;
  private final LoggingAdapter httpLog;
  private final AtomicLong refusedSinceLog = new AtomicLong();
  private final AtomicLong headTimeoutsSinceLog = new AtomicLong();
  private final AtomicLong lastRefusalLog = new AtomicLong(System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS);
  private final AtomicLong lastTimeoutLog = new AtomicLong(System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS);

  private DataPlaneServer(ActorSystem<?> system, EdgeSettings edge, ServerSettings server,
      Function<HttpRequest, CompletionStage<HttpResponse>> handler) {
    this.system = system;
    this.edge = edge;
    this.server = server;
    this.scalaServer = (org.apache.pekko.http.scaladsl.settings.ServerSettings) server;
    this.pipeliningLimit = server.getPipeliningLimit();
    this.handler = handler;
    this.gate = new ConnectionGate(edge.maxConnections(), edge.maxConnectionsPerClient());
    this.http = org.apache.pekko.http.scaladsl.Http.apply(system.classicSystem());
    this.httpLog = system.classicSystem().log();
  }

  /** A server with {@code server} settings that serves every admitted connection with {@code handler}; bind it next. */
  public static DataPlaneServer create(ActorSystem<?> system, ServerSettings server, EdgeSettings edge,
      Function<HttpRequest, CompletionStage<HttpResponse>> handler) {
    return new DataPlaneServer(system, edge, server, handler);
  }

  /** Binds the plain data-plane port {@code host:port}. */
  public CompletionStage<Tcp.ServerBinding> bind(String host, int port) {
    return listen(host, port, Optional.empty());
  }

  /** Binds the TLS data-plane port {@code host:port}; {@code engines} gives each connection its server engine. */
  public CompletionStage<Tcp.ServerBinding> bindTls(String host, int port, Supplier<SSLEngine> engines) {
    return listen(host, port, Optional.of(engines));
  }

  private CompletionStage<Tcp.ServerBinding> listen(String host, int port, Optional<Supplier<SSLEngine>> tls) {
    // No TCP-level idle timeout: server.idle-timeout applies in layer(), as with Pekko HTTP's own binding.
    return Tcp.get(system).bind(host, port, server.getBacklog(), server.getSocketOptions(), false, Optional.empty())
        .flatMapMerge(RESETTING_AT_ONCE, connection -> accept(connection, tls))
        .to(Sink.ignore())
        .run(system);
  }

  /**
   * Starts an admitted connection on its own stream and answers an empty source; answers a refused connection's
   * reset as a source for the accepting stream to run (fused into it: far cheaper than a stream of its own).
   */
  private Source<ByteString, NotUsed> accept(Tcp.IncomingConnection connection, Optional<Supplier<SSLEngine>> tls) {
    var admission = gate.admit(connection.remoteAddress().getAddress());
    if (admission.lease().isEmpty()) {
      countRefusal(admission.refusal());
      // A failing upstream makes the TCP stage abort (RST): no lingering close, nothing read.
      return Source.<ByteString>failed(REFUSED).via(connection.flow()).onErrorComplete();
    }
    ConnectionGate.Lease lease = admission.lease().get();
    try {
      serve(connection, tls, lease);
    } catch (RuntimeException e) {
      lease.release();
      log.error("The data plane could not start a connection's stream", e);
    }
    return Source.empty();
  }

  private void serve(Tcp.IncomingConnection connection, Optional<Supplier<SSLEngine>> tls, ConnectionGate.Lease lease) {
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
    layer(connection.remoteAddress(), tls).join(connection.flow()).join(flow).run(Materializer.matFromSystem(system));
  }

  /**
   * What Pekko HTTP's connectionSource() puts on every connection: its server layer (parsing, rendering, timeouts,
   * WebSocket upgrades, the remote address and TLS session attributes; the scaladsl one takes isSecureConnection, so
   * URIs on the TLS port are https), the TLS stage (or its placebo) and the idle-timeout.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private BidiFlow<HttpResponse, ByteString, ByteString, HttpRequest, NotUsed> layer(InetSocketAddress remote,
      Optional<Supplier<SSLEngine>> tls) {
    // Every javadsl request and response is the scaladsl one (Pekko HTTP's javadsl serverLayer casts the same way).
    BidiFlow<HttpResponse, SslTlsOutbound, SslTlsInbound, HttpRequest, NotUsed> httpLayer = (BidiFlow)
        http.serverLayer(scalaServer, Option.apply(remote), httpLog, tls.isPresent()).asJava();
    BidiFlow<SslTlsOutbound, ByteString, ByteString, SslTlsInbound, NotUsed> tlsLayer = tls.isPresent()
        ? TLS.create(tls.get(), TLSClosing.eagerClose())
        : (BidiFlow) TLSPlacebo.getInstance();
    var layer = httpLayer.atop(tlsLayer);
    if (server.getTimeouts().idleTimeout() instanceof FiniteDuration idle) {
      layer = layer.atop(BidiFlow.<ByteString, ByteString>bidirectionalIdleTimeout(idle));
    }
    return layer;
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

  /** Logs a summary of refusals at most every 10 s, never one line per connection. */
  private void countRefusal(ConnectionGate.Refusal why) {
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

  /** Fails a refused connection's outgoing side, which makes the TCP stage abort it; no stack trace: it is no error. */
  private static final class RefusedConnection extends RuntimeException {
    RefusedConnection() {
      super("connection refused by the data plane's connection limits", null, false, false);
    }
  }
}
