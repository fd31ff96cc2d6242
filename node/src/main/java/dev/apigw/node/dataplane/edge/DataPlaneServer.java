package dev.apigw.node.dataplane.edge;

import dev.apigw.node.dataplane.request.RequestIdentifiers;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.RequestIds;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.impl.engine.server.HttpAttributes$;
import org.apache.pekko.http.javadsl.settings.ConnectionPoolSettings;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.io.Tcp;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.TLSClosing;
import org.apache.pekko.stream.TLSProtocol.SslTlsInbound;
import org.apache.pekko.stream.TLSProtocol.SslTlsOutbound;
import org.apache.pekko.stream.impl.io.IncomingConnectionStage;
import org.apache.pekko.stream.impl.io.OutgoingConnectionStage;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.TLS;
import org.apache.pekko.stream.javadsl.TLSPlacebo;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.concurrent.duration.FiniteDuration;
import scala.runtime.BoxedUnit;

/**
 * The data plane's HTTP server: every accepted connection passes the {@link ConnectionGate} (a connection over the
 * per-client or total limit is closed at once, so one client's flood never starves the others) and its requests
 * pass a {@link HeadDeadline} (a connection that does not deliver a complete request head in time is closed, however
 * slowly it trickles bytes). WebSocket upgrades work as before; once upgraded, no head deadline applies. The plain
 * and the TLS port share one gate, so the limits hold for a client's connections to both together; on the TLS port
 * the head deadline includes the handshake.
 *
 * <p>It binds with Pekko IO ({@link Acceptor}) and decides on the raw connection, before any stream, HTTP or TLS
 * stage exists: a refused connection is closed at once, so one source reconnecting as fast as it can costs
 * the node little per connection and the accept queue keeps moving for everyone else. Only an admitted connection
 * gets a stream with Pekko HTTP's server layer (and the TLS stage).
 *
 * <p>Each connection's requests are answered in an {@link ExchangeStage}, which also holds the connection's own
 * backend connection for plain-HTTP integration requests (gateway.data-plane.connections.own-backend-connections):
 * one actor for the client's and the backend's side of a request instead of a hand-off to the host connection pool.
 *
 * <p>The server settings' request-timeout is kept here, by the {@link ExchangeStage}'s periodic check per busy
 * connection, not by Pekko HTTP: Pekko's scheduler keeps every request's cancelled timeout in its wheel for seconds,
 * megabytes of garbage that survived every young collection under load and lengthened its pause (load-tests/README.md,
 * "Timers and thread hand-offs").
 */
public final class DataPlaneServer {
  private static final Logger log = LoggerFactory.getLogger(DataPlaneServer.class);
  private static final long REFUSAL_LOG_INTERVAL_NANOS = 10_000_000_000L;
  private static final AtomicLong ACCEPTORS = new AtomicLong();
  private static final AtomicLong OWN_BACKENDS = new AtomicLong();

  private final ActorSystem<?> system;
  private final EdgeSettings edge;
  private final ServerSettings server;
  /** The same settings (the only implementation of the javadsl ones), for the scaladsl server layer. */
  private final org.apache.pekko.http.scaladsl.settings.ServerSettings scalaServer;
  private final int pipeliningLimit;
  private final Function<HttpRequest, CompletionStage<HttpResponse>> handler;
  /** The whole-request backstop (server request-timeout); null when that is infinite. */
  private final Duration requestTimeout;
  private final ConnectionGate gate;
  private final org.apache.pekko.http.scaladsl.HttpExt http;
  /** Where client connections' own backend connections send their Connect (null: they have none, all go pooled). */
  private final ActorRef connector;
  /** Client connections with an own backend connection now (at most edge.ownBackendConnections()). */
  private final AtomicInteger withOwnBackend = new AtomicInteger();
  /** The settings of the pool's connections, for the own ones too. */
  private final org.apache.pekko.http.scaladsl.settings.ClientConnectionSettings backendConnection;
  /** Pekko HTTP's client layer for own backend connections, built once (as the server layer, see listen). */
  private final BidiFlow<HttpRequest, ByteString, ByteString, HttpResponse, NotUsed> clientLayer;
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
    var settings = (org.apache.pekko.http.scaladsl.settings.ServerSettings) server;
    var timeouts = settings.timeouts();
    this.requestTimeout = timeouts.requestTimeout() instanceof FiniteDuration finite
        ? Duration.ofNanos(finite.toNanos()) : null;
    // Zero: Pekko HTTP leaves its request-timeout stage out (~1.5% of a proxied request's CPU); the ExchangeStage
    // keeps the backstop.
    this.scalaServer = settings.withTimeouts(timeouts.withRequestTimeout(scala.concurrent.duration.Duration.Zero()));
    this.pipeliningLimit = server.getPipeliningLimit();
    this.handler = handler;
    this.gate = new ConnectionGate(edge.maxConnections(), edge.maxConnectionsPerClient());
    this.http = org.apache.pekko.http.scaladsl.Http.apply(system.classicSystem());
    this.httpLog = system.classicSystem().log();
    this.backendConnection = (org.apache.pekko.http.scaladsl.settings.ClientConnectionSettings)
        ConnectionPoolSettings.create(system.classicSystem()).getConnectionSettings();
    this.clientLayer = clientLayer();
    this.connector = edge.ownBackendConnections() > 0
        ? ((ExtendedActorSystem) system.classicSystem()).systemActorOf(
            LazyConnector.props(Tcp.get(system.classicSystem()).manager()), "own-backends-" + ACCEPTORS.incrementAndGet())
        : null;
  }

  /** A server with {@code server} settings that serves every admitted connection with {@code handler}; bind it next. */
  public static DataPlaneServer create(ActorSystem<?> system, ServerSettings server, EdgeSettings edge,
      Function<HttpRequest, CompletionStage<HttpResponse>> handler) {
    return new DataPlaneServer(system, edge, server, handler);
  }

  /** A bound data-plane port. */
  public record Binding(InetSocketAddress localAddress, ActorRef acceptor) {
    /** Stops accepting; open connections stay. */
    public CompletionStage<Done> unbind() {
      var done = new CompletableFuture<Done>();
      acceptor.tell(new Acceptor.Unbind(done), ActorRef.noSender());
      return done;
    }
  }

  /** Binds the plain data-plane port {@code host:port}. */
  public CompletionStage<Binding> bind(String host, int port) {
    return listen(host, port, Optional.empty());
  }

  /** Binds the TLS data-plane port {@code host:port}; {@code engines} gives each connection its server engine. */
  public CompletionStage<Binding> bindTls(String host, int port, Supplier<SSLEngine> engines) {
    return listen(host, port, Optional.of(engines));
  }

  private CompletionStage<Binding> listen(String host, int port, Optional<Supplier<SSLEngine>> tls) {
    var bound = new CompletableFuture<InetSocketAddress>();
    // Built once per port and materialized for every connection, as Pekko HTTP's own bind does: building it primes
    // a header parser (a trie of every modeled header), which per connection was a fifth of the CPU of a new
    // connection (load-tests/README.md, "Own backend connections").
    var layer = layer(tls);
    // A system actor: a typed system's user guardian takes no classic children from outside.
    ActorRef acceptor = ((ExtendedActorSystem) system.classicSystem()).systemActorOf(
        Acceptor.props(new InetSocketAddress(host, port), server.getBacklog(), server.getSocketOptions(), bound,
            (connection, connected) -> accept(connection, connected.remoteAddress(), layer)),
        "data-plane-acceptor-" + ACCEPTORS.incrementAndGet());
    return bound.thenApply(local -> new Binding(local, acceptor));
  }

  /** Serves an admitted connection; false for a refused one, which the acceptor closes (nothing read, no stream). */
  private boolean accept(ActorRef connection, InetSocketAddress remote,
      BidiFlow<HttpResponse, ByteString, ByteString, HttpRequest, NotUsed> layer) {
    var admission = gate.admit(remote.getAddress());
    if (admission.lease().isEmpty()) {
      countRefusal(admission.refusal());
      return false;
    }
    ConnectionGate.Lease lease = admission.lease().get();
    try {
      serve(connection, remote, layer, lease);
      return true;
    } catch (RuntimeException e) {
      lease.release();
      log.error("The data plane could not start a connection's stream", e);
      return false;
    }
  }

  private void serve(ActorRef connection, InetSocketAddress remote,
      BidiFlow<HttpResponse, ByteString, ByteString, HttpRequest, NotUsed> layer, ConnectionGate.Lease lease) {
    AtomicBoolean upgraded = new AtomicBoolean();
    java.util.function.Function<HttpRequest, CompletableFuture<HttpResponse>> answer =
        request -> handle(request).thenApply(response -> {
          if (response.status().intValue() == 101) {
            upgraded.set(true);
          }
          return response;
        }).toCompletableFuture();
    Flow<HttpRequest, HttpRequest, NotUsed> requests = Flow.<HttpRequest>create()
        .via(new HeadDeadline(edge.headTimeout(), edge.nextRequestTimeout(), upgraded::get, this::headTimedOut));
    boolean own = takeOwnBackend();
    Flow<HttpRequest, HttpResponse, NotUsed> exchange = requests.via(own ? withOwnBackend(answer) : pooled(answer));
    Flow<HttpRequest, HttpResponse, NotUsed> flow = exchange
        .watchTermination((notUsed, done) -> {
          done.whenComplete((d, failure) -> lease.release());
          return NotUsed.getInstance();
        });
    Flow<ByteString, ByteString, NotUsed> bytes = tcp(connection, remote);
    if (own) {
      // Its place is free when the connection ends, not when its requests do: a WebSocket connection ends its
      // requests at the upgrade but keeps the backend side's stages (and their heap) as long as it stays open.
      bytes = bytes.watchTermination((notUsed, done) -> {
        done.whenComplete((d, failure) -> withOwnBackend.decrementAndGet());
        return NotUsed.getInstance();
      });
    }
    try {
      // The remote address as Pekko HTTP's bind gives it: an attribute its server layer reads when materialized.
      layer.addAttributes(HttpAttributes$.MODULE$.remoteAddress(remote)).join(bytes).join(flow)
          .run(Materializer.matFromSystem(system));
    } catch (RuntimeException e) {
      if (own) {
        withOwnBackend.decrementAndGet();
      }
      throw e;
    }
  }

  /** Pekko HTTP's client layer without TLS; requests carry their own Host (Backend sets it), so its default is unused. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private BidiFlow<HttpRequest, ByteString, ByteString, HttpResponse, NotUsed> clientLayer() {
    BidiFlow<HttpRequest, SslTlsOutbound, SslTlsInbound, HttpResponse, NotUsed> layer = (BidiFlow) http.clientLayer(
        org.apache.pekko.http.scaladsl.model.headers.Host.apply("own-backend"), backendConnection, httpLog).asJava();
    return layer.atop((BidiFlow) TLSPlacebo.getInstance());
  }

  /** Whether a new client connection gets an own backend connection: while fewer than the configured count have one. */
  private boolean takeOwnBackend() {
    if (connector == null) {
      return false;
    }
    if (withOwnBackend.incrementAndGet() <= edge.ownBackendConnections()) {
      return true;
    }
    withOwnBackend.decrementAndGet();
    return false;
  }

  /**
   * The requests answered by {@code answer} in an {@link ExchangeStage} joined to the connection's own backend
   * connection: Pekko HTTP's client layer on an outgoing TCP stage whose {@code Connect} waits at the
   * {@link LazyConnector} under a token until the first request that uses it names the backend's address.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Flow<HttpRequest, HttpResponse, NotUsed> withOwnBackend(
      java.util.function.Function<HttpRequest, CompletableFuture<HttpResponse>> answer) {
    String token = "own-backend-" + OWN_BACKENDS.incrementAndGet();
    Flow<ByteString, ByteString, NotUsed> backendTcp = Flow.fromGraph(new OutgoingConnectionStage(connector,
            InetSocketAddress.createUnresolved(token, 1), Option.empty(), backendConnection.socketOptions(), true,
            backendConnection.connectingTimeout()))
        .mapMaterializedValue(connected -> NotUsed.getInstance())
        .detach();
    Flow<HttpRequest, HttpResponse, NotUsed> backend = clientLayer.join(backendTcp);
    return BidiFlow.fromGraph(new ExchangeStage(pipeliningLimit, answer, connector, token, requestTimeout,
        this::timedOut)).join(backend);
  }

  /** The requests answered by {@code answer} in an {@link ExchangeStage} without an own backend connection. */
  private Flow<HttpRequest, HttpResponse, NotUsed> pooled(
      java.util.function.Function<HttpRequest, CompletableFuture<HttpResponse>> answer) {
    return BidiFlow.fromGraph(new ExchangeStage(pipeliningLimit, answer, null, null, requestTimeout, this::timedOut))
        .join(Flow.fromSinkAndSource(Sink.ignore(), Source.never()));
  }

  /**
   * The connection's bytes, as Pekko Streams' {@code Tcp.bind} would give them: its own connection stage (Pekko
   * internal API: the public one accepts only one connection per round trip through a stream; see {@link Acceptor}),
   * without half-close (as Pekko HTTP binds) and with the read-ahead it adds.
   */
  private static Flow<ByteString, ByteString, NotUsed> tcp(ActorRef connection, InetSocketAddress remote) {
    return Flow.fromGraph(new IncomingConnectionStage(connection, remote, false, () -> BoxedUnit.UNIT)).detach();
  }

  /**
   * What Pekko HTTP's connectionSource() puts on every connection: its server layer (parsing, rendering, timeouts,
   * WebSocket upgrades, the remote address and TLS session attributes; the scaladsl one takes isSecureConnection, so
   * URIs on the TLS port are https), the TLS stage (or its placebo, an engine per connection) and the idle-timeout.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private BidiFlow<HttpResponse, ByteString, ByteString, HttpRequest, NotUsed> layer(
      Optional<Supplier<SSLEngine>> tls) {
    // Every javadsl request and response is the scaladsl one (Pekko HTTP's javadsl serverLayer casts the same way).
    BidiFlow<HttpResponse, SslTlsOutbound, SslTlsInbound, HttpRequest, NotUsed> httpLayer = (BidiFlow)
        http.serverLayer(scalaServer, Option.empty(), httpLog, tls.isPresent()).asJava();
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

  /**
   * The answer to a request unanswered within the request timeout (longer than any integration's timeout, so only a
   * step stuck inside the node meets it); the {@link ExchangeStage} keeps that backstop.
   */
  private HttpResponse timedOut() {
    log.warn("A data-plane request got no answer within the request timeout of {} s: answered 503",
        requestTimeout.toSeconds());
    return AwsErrors.error(503, "ServiceUnavailableException", "Service Unavailable")
        .addHeader(RawHeader.create(RequestIds.REQUEST_ID, RequestIdentifiers.requestId()));
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
}
