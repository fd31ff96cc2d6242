package dev.apigw.node.dataplane.websocket;

import dev.apigw.node.sigv4.SigV4Directives;
import dev.apigw.node.sigv4.SigV4Result;
import dev.apigw.node.sigv4.SigV4Verifier;
import dev.apigw.node.dataplane.authorizers.IamAuthorization;
import dev.apigw.node.dataplane.authorizers.LambdaAuthorizers;
import dev.apigw.node.dataplane.integration.Backend;
import dev.apigw.node.dataplane.integration.lambda.LambdaInvoker;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.node.dataplane.snapshot.KeySnapshot;
import dev.apigw.node.dataplane.snapshot.WebSocketSnapshot.LiveWebSocketApi;
import dev.apigw.node.dataplane.snapshot.WebSocketSnapshot.LiveWebSocketStage;
import dev.apigw.node.dataplane.throttle.ApiKeyCheck;
import dev.apigw.node.dataplane.throttle.Limit;
import dev.apigw.node.dataplane.throttle.Throttler;
import dev.apigw.node.dataplane.throttle.UsageGate;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.Json;
import dev.apigw.node.http.PekkoFutures;
import dev.apigw.node.dataplane.observability.WebSocketMetrics;
import dev.apigw.protocol.v2.Integration;
import dev.apigw.protocol.v2.Route;
import dev.apigw.protocol.v2.RouteSettings;
import dev.apigw.protocol.v2.Stage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.BinaryMessage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SystemMaterializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket APIs on the data-plane port, for the requests the front door ({@code DataPlaneRouter}) hands over:
 *
 * <ul>
 *   <li>a WebSocket upgrade addressed to a WebSocket API ({@code Host: {apiId}.execute-api.<domain>},
 *       path {@code /{stage}}): runs {@code $connect}, registers the connection's {@link WebSocketSession}
 *       and serves the socket (route selection, integrations, route responses, {@code $disconnect});
 *   <li>{@code POST|GET|DELETE /{stage}/@connections/{connectionId}}, SigV4-signed for {@code execute-api},
 *       from any node: either with the API's host, or with any host that names no API (what the AWS SDK's
 *       {@code ApiGatewayManagementApiClient} sends with an {@code endpointOverride} of
 *       {@code http://host:port/{stage}}); the connection id alone finds the session, which checks the stage.
 * </ul>
 */
public final class WebSocketGateway {
  private static final Logger log = LoggerFactory.getLogger(WebSocketGateway.class);
  private static final Pattern CONNECTIONS = Pattern.compile("^/([^/]+)/@connections/([^/?]+)/?$");
  private static final Pattern HOSTED_CONNECTIONS = Pattern.compile("^/@connections/([^/?]+)/?$");
  private static final SecureRandom RANDOM = new SecureRandom();
  // Within Pekko's default 5 s per coordinated-shutdown phase.
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(4);
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  // One account per gateway: one bucket for every WebSocket API's new connections.
  private static final String NEW_CONNECTIONS_BUCKET = "websocket-new-connections";

  private final ActorSystem<?> system;
  private final Materializer materializer;
  private final ClusterSharding sharding;
  private final WebSocketSettings settings;
  private final WebSocketIntegrations integrations;
  private final SigV4Verifier verifier;
  private final Throttler throttler;
  private final ConnectAuthorization authorization;
  private final UsageGate usage;
  private final ApiKeyCheck apiKeys;
  private final WebSocketMetrics metrics = new WebSocketMetrics();
  // This node's open sockets by connection id, for a graceful shutdown.
  private final Map<String, Socket> open = new ConcurrentHashMap<>();

  /**
   * @param verifier checks {@code @connections} calls (signing name {@code execute-api})
   * @param throttler holds the cluster-wide bucket of new connections
   * @param maxBackendResponseBytes the largest HTTP integration response read
   * @param authorizers runs the REQUEST authorizers of {@code $connect} routes
   * @param region the region and {@code accountId} the account that method ARNs name
   * @param usage the throttles and quotas every message and handshake goes through (the REST requests' gate: the
   *     connection's usage plan, the route, the account)
   * @param apiKeys checks the API key of a {@code $connect} route with {@code apiKeyRequired}
   */
  public WebSocketGateway(ActorSystem<?> system, WebSocketSettings settings, Backend backend, LambdaInvoker lambda,
      SigV4Verifier verifier, Throttler throttler,
      long maxBackendResponseBytes, LambdaAuthorizers authorizers, String region, String accountId, UsageGate usage,
      ApiKeyCheck apiKeys) {
    this.system = system;
    this.materializer = SystemMaterializer.get(system).materializer();
    this.sharding = ClusterSharding.get(system);
    this.settings = settings;
    this.integrations = new WebSocketIntegrations(system, backend, lambda, maxBackendResponseBytes);
    this.verifier = verifier;
    this.throttler = throttler;
    this.usage = usage;
    this.apiKeys = apiKeys;
    this.authorization = new ConnectAuthorization(authorizers, new IamAuthorization(verifier), region, accountId);
    // With the servers' unbind: close every socket of this node and let its $disconnect run, before the
    // HTTP server's hard termination would drop them without either.
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(),
        "websocket-close-sockets-" + INSTANCES.incrementAndGet(), this::closeAll);
  }

  /**
   * Serves a request the front door addressed to WebSocket API {@code api}: its handshake, or {@code @connections} on
   * the API's own host; null when it is neither.
   */
  public CompletionStage<HttpResponse> serve(HttpRequest http, ApiAddress address, LiveWebSocketApi api,
      String requestId) {
    Matcher hosted = HOSTED_CONNECTIONS.matcher(address.path());
    if (address.stage() != null && hosted.matches()) {
      return connections(http, api.api().apiId(), address.stage(), decode(hosted.group(1)));
    }
    var upgrade = http.getAttribute(AttributeKeys.webSocketUpgrade);
    if (upgrade.isEmpty()) {
      return null;
    }
    LiveWebSocketStage stage = address.stage() == null ? null : api.stages().get(address.stage());
    if (stage == null || !"/".equals(address.path())) {
      return CompletableFuture.completedFuture(AwsErrors.error(403, "ForbiddenException", "Forbidden"));
    }
    var measured = metrics.of(api.api().apiId(), address.stage());
    measured.connects().increment();
    return throttler.acquire(NEW_CONNECTIONS_BUCKET, settings.newConnections()).thenCompose(admission -> {
      if (admission.admitted()) {
        return connect(http, upgrade.get(), api, stage, address, requestId, measured);
      }
      measured.clientErrors().increment();
      return CompletableFuture.completedFuture(AwsErrors.error(429, "LimitExceededException", "Rate exceeded"));
    });
  }

  /**
   * {@code /{stage}/@connections/{connectionId}} on a host that names no API (the AWS SDK's {@code endpointOverride});
   * null when the path is not that.
   */
  public CompletionStage<HttpResponse> connectionsOnAnyHost(HttpRequest http, String rawPath) {
    Matcher m = CONNECTIONS.matcher(rawPath);
    return m.matches() ? connections(http, null, decode(m.group(1)), decode(m.group(2))) : null;
  }

  // ---- the socket ----

  private CompletionStage<HttpResponse> connect(HttpRequest http, WebSocketUpgrade upgrade, LiveWebSocketApi api,
      LiveWebSocketStage stage, ApiAddress address, String requestId, WebSocketMetrics.Instruments measured) {
    ConnectionContext handshake = new ConnectionContext(api.api().apiId(), address.stage(), connectionId(),
        Instant.now(), sourceIp(http), http.getHeader("User-Agent").map(HttpHeader::value).orElse(null),
        address.domainName(), headers(http), query(http), Map.of(), null);
    Route route = stage.routes().get("$connect");
    Integration integration = route == null ? null : stage.integrationOf(route);
    // As for REST: authorize, then the API key, then the throttles and the quota (the key's plan applies to them).
    return authorization.authorize(route, stage, handshake, http, requestId).thenCompose(authorizer -> {
      KeySnapshot.Admitted admitted = route != null && Boolean.TRUE.equals(route.apiKeyRequired())
          ? apiKeys.admit(apiKey(api.api().apiKeySelectionExpression(), handshake, authorizer), api.api().apiId(),
              address.stage())
          : null;
      ConnectionContext connection = handshake.withAuthorizer(authorizer).withApiKey(admitted);
      return usage.checkWebSocket(connection.apiId(), connection.stage(), "$connect",
          routeLimit(stage.stage(), "$connect"), admitted).thenApply(v -> connection);
    }).thenCompose(connection -> {
      CompletionStage<WebSocketIntegrations.Result> connected = integration == null
          ? CompletableFuture.completedFuture(new WebSocketIntegrations.Result(200, null))
          : measure(measured, integrations.invoke(integration, new WebSocketIntegrations.Event(connection, "$connect",
              "CONNECT", null, requestId, null, stage.variables())));
      return connected.thenCompose(result -> {
        if (!result.ok()) {
          // AWS refuses the handshake with the integration's status.
          return CompletableFuture.completedFuture(HttpResponse.create().withStatus(result.status())
              .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, result.body() == null ? "" : result.body())));
        }
        return accept(upgrade, api, stage, connection.withoutHandshake(), measured);
      });
    }).exceptionally(failure -> {
      Throwable t = AwsErrors.unwrap(failure);
      if (t instanceof GatewayError refused) {
        // Refused by the authorizer or the key check, throttled or over the quota: that status and AWS's body.
        measured.clientErrors().increment();
        return AwsErrors.error(refused.status(), ResponseTypes.errorType(refused.responseType()), refused.getMessage());
      }
      log.info("$connect of {} failed: {}", handshake.connectionId(), t.toString());
      return AwsErrors.error(500, "InternalServerErrorException", "Internal server error");
    });
  }

  private CompletionStage<HttpResponse> accept(WebSocketUpgrade upgrade, LiveWebSocketApi api,
      LiveWebSocketStage stage, ConnectionContext connection, WebSocketMetrics.Instruments measured) {
    var session = sharding.entityRefFor(WebSocketSession.ENTITY_KEY, connection.connectionId());
    ActorRef<SocketActor.Command> socket = system.systemActorOf(
        SocketActor.create(settings.outboundBuffer(), settings.idleTimeout(), settings.maxConnectionDuration(),
            settings.sessionRefresh(), () -> measured.messages().increment(),
            self -> session.tell(new WebSocketSession.Register(connection.apiId(), connection.stage(), self,
                connection.connectedAt(), connection.sourceIp(), connection.userAgent(), system.ignoreRef()))),
        "websocket-" + connection.connectionId(), Props.empty());
    Socket served = new Socket(stage, connection, socket, RouteSelection.parse(api.api().routeSelectionExpression()),
        measured);
    Sink<Message, NotUsed> in = Flow.<Message>create()
        .mapAsync(1, m -> text(m).handle((text, failure) -> {
          if (failure != null) {
            log.info("Closing {}: {}", connection.connectionId(), AwsErrors.unwrap(failure).getMessage());
            socket.tell(new SocketActor.Fail(AwsErrors.unwrap(failure)));
            return Optional.<String>empty();
          }
          return Optional.of(text);
        }))
        .filter(Optional::isPresent)
        .mapAsync(1, text -> served.onMessage(text.get()))
        .to(Sink.ignore());
    // The queue is materialized with the socket's stream (no pre-materialized publisher: that would cost an actor
    // per connection, and it gives up when the upgrade takes longer than the subscription timeout).
    Source<Message, NotUsed> outbound = Source.<Message>queue(settings.outboundBuffer())
        .mapMaterializedValue(queue -> {
          socket.tell(new SocketActor.Attached(queue));
          return NotUsed.getInstance();
        })
        .watchTermination((notUsed, done) -> {
          open.put(connection.connectionId(), served);
          done.whenComplete((d, e) -> served.onClosed());
          return notUsed;
        });
    // Registered before the upgrade is answered, so @connections finds the connection as soon as the client does.
    return PekkoFutures.plain(session.<Done>ask(replyTo -> new WebSocketSession.Register(connection.apiId(),
            connection.stage(), socket, connection.connectedAt(), connection.sourceIp(), connection.userAgent(), replyTo),
            settings.askTimeout()))
        .thenApply(done -> upgrade.handleMessagesWith(Flow.fromSinkAndSourceCoupled(in, outbound)))
        .whenComplete((r, failure) -> {
          if (failure != null) {
            socket.tell(new SocketActor.Closed());
          }
        });
  }

  /**
   * A message's text, bounded: Pekko HTTP hands over messages, not frames, so the frame limit is
   * checked where it can be seen (a message that arrived whole, or one streamed piece, is at most
   * one frame) and the message limit on the whole. Too large fails the socket's stream, which closes it.
   */
  private CompletionStage<String> text(Message message) {
    try {
      return bounded(message);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletionStage<String> bounded(Message message) {
    if (message.isText()) {
      TextMessage text = message.asTextMessage();
      if (text.isStrict()) {
        return CompletableFuture.completedFuture(checkWhole(text.getStrictText()));
      }
      return text.getStreamedText()
          .map(this::checkPiece)
          .limitWeighted(settings.maxMessageBytes(), WebSocketGateway::utf8Length)
          .runFold(new StringBuilder(), StringBuilder::append, materializer)
          .thenApply(StringBuilder::toString);
    }
    BinaryMessage binary = message.asBinaryMessage();
    if (binary.isStrict()) {
      return CompletableFuture.completedFuture(checkWhole(binary.getStrictData().utf8String()));
    }
    return binary.getStreamedData()
        .map(b -> checkPiece(b.utf8String()))
        .limitWeighted(settings.maxMessageBytes(), WebSocketGateway::utf8Length)
        .runFold(new StringBuilder(), StringBuilder::append, materializer)
        .thenApply(StringBuilder::toString);
  }

  private String checkWhole(String text) {
    long length = utf8Length(text);
    if (length > settings.maxFrameBytes() || length > settings.maxMessageBytes()) {
      throw new MessageTooBigException(length);
    }
    return text;
  }

  private String checkPiece(String piece) {
    long length = utf8Length(piece);
    if (length > settings.maxFrameBytes()) {
      throw new MessageTooBigException(length);
    }
    return piece;
  }

  private static long utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** A frame or message over the limits. */
  static final class MessageTooBigException extends RuntimeException {
    MessageTooBigException(long length) {
      super("WebSocket frame or message of " + length + " bytes is over the limit");
    }
  }

  /** One accepted connection: what its messages and its end do. */
  private final class Socket {
    private final LiveWebSocketStage stage;
    private final ConnectionContext connection;
    private final ActorRef<SocketActor.Command> actor;
    private final RouteSelection selection;
    private final WebSocketMetrics.Instruments measured;
    // Completes once the socket closed and its $disconnect ran.
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    Socket(LiveWebSocketStage stage, ConnectionContext connection, ActorRef<SocketActor.Command> actor,
        RouteSelection selection, WebSocketMetrics.Instruments measured) {
      this.measured = measured;
      this.stage = stage;
      this.connection = connection;
      this.actor = actor;
      this.selection = selection;
    }

    CompletionStage<Done> onMessage(String text) {
      measured.messages().increment();
      actor.tell(new SocketActor.Touched());
      session().tell(new WebSocketSession.Touch(Instant.now()));
      String requestId = UUID.randomUUID().toString();
      String key = selection.select(text);
      Route route = key == null ? null : stage.routes().get(key);
      if (route == null) {
        route = stage.routes().get("$default");
      }
      if (route == null) {
        measured.clientErrors().increment();
        send(errorFrame("Forbidden", requestId));
        return CompletableFuture.completedFuture(Done.getInstance());
      }
      Route selected = route;
      return usage.checkWebSocket(connection.apiId(), connection.stage(), route.routeKey(),
          routeLimit(stage.stage(), route.routeKey()), connection.apiKey()).handle((v, failure) -> failure)
          .thenCompose(failure -> {
            if (failure == null) {
              return invoke(selected, text, requestId);
            }
            if (AwsErrors.unwrap(failure) instanceof GatewayError refused) {
              // Throttled ("Too Many Requests") or over the plan's quota ("Limit Exceeded"), as AWS's error frame.
              measured.clientErrors().increment();
              send(errorFrame(refused.getMessage(), requestId));
              return CompletableFuture.completedFuture(Done.getInstance());
            }
            return CompletableFuture.failedFuture(failure);
          });
    }

    private CompletionStage<Done> invoke(Route route, String text, String requestId) {
      Integration integration = stage.integrationOf(route);
      if (integration == null) {
        return CompletableFuture.completedFuture(Done.getInstance());
      }
      Route selected = route;
      var event = new WebSocketIntegrations.Event(connection, route.routeKey(), "MESSAGE", messageId(), requestId, text,
          stage.variables());
      return measure(measured, integrations.invoke(integration, event)).handle((result, failure) -> {
        if (failure != null) {
          log.info("Integration of route {} failed: {}", selected.routeKey(), AwsErrors.unwrap(failure).toString());
          send(errorFrame("Internal server error", requestId));
        } else if (selected.routeResponseSelectionExpression() != null && result.body() != null) {
          send(result.body());
        }
        return Done.getInstance();
      });
    }

    void onClosed() {
      actor.tell(new SocketActor.Closed());
      session().tell(new WebSocketSession.Unregister());
      Route route = stage.routes().get("$disconnect");
      Integration integration = route == null ? null : stage.integrationOf(route);
      if (integration == null) {
        open.remove(connection.connectionId());
        closed.complete(null);
        return;
      }
      // Best effort, as in AWS: the client is gone, so nothing waits for the answer but a node shutting down.
      integrations.invoke(integration, new WebSocketIntegrations.Event(connection, "$disconnect", "DISCONNECT", null,
              UUID.randomUUID().toString(), null, stage.variables()))
          .whenComplete((r, e) -> {
            if (e != null) {
              log.info("$disconnect of {} failed: {}", connection.connectionId(), AwsErrors.unwrap(e).toString());
            }
            open.remove(connection.connectionId());
            closed.complete(null);
          });
    }

    private void send(String text) {
      actor.tell(new SocketActor.Push(text));
    }

    private String errorFrame(String message, String requestId) {
      var body = Json.object();
      body.put("message", message);
      body.put("connectionId", connection.connectionId());
      body.put("requestId", requestId);
      return body.toString();
    }

    private org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<WebSocketSession.Command> session() {
      return sharding.entityRefFor(WebSocketSession.ENTITY_KEY, connection.connectionId());
    }
  }

  /**
   * The API key a {@code $connect} presents, by the API's {@code apiKeySelectionExpression}: the handshake's
   * {@code x-api-key} header ({@code $request.header.x-api-key}, the default) or the authorizer's {@code
   * usageIdentifierKey} ({@code $context.authorizer.usageIdentifierKey}); null when there is none.
   */
  private static String apiKey(String selectionExpression, ConnectionContext handshake, Map<String, Object> authorizer) {
    if ("$context.authorizer.usageIdentifierKey".equals(selectionExpression)) {
      Object key = authorizer.get("usageIdentifierKey");
      return key == null ? null : key.toString();
    }
    return handshake.headers().entrySet().stream()
        .filter(h -> h.getKey().equalsIgnoreCase(ApiKeyCheck.HEADER) && !h.getValue().isEmpty())
        .map(h -> h.getValue().get(0)).findFirst().orElse(null);
  }

  /** The route's rate and burst: its own settings' where set, else the stage default's; null without a rate. */
  static Limit routeLimit(Stage stage, String routeKey) {
    RouteSettings own = stage.routeSettings() == null ? null : stage.routeSettings().get(routeKey);
    RouteSettings defaults = stage.defaultRouteSettings();
    Double rate = own != null && own.throttlingRateLimit() != null ? own.throttlingRateLimit()
        : defaults == null ? null : defaults.throttlingRateLimit();
    if (rate == null) {
      return null;
    }
    Integer burst = own != null && own.throttlingBurstLimit() != null ? own.throttlingBurstLimit()
        : defaults == null ? null : defaults.throttlingBurstLimit();
    return UsageGate.limit(rate, burst);
  }

  /** Records the integration's latency and, when it answered 4XX/5XX or failed, its error. */
  private static CompletionStage<WebSocketIntegrations.Result> measure(WebSocketMetrics.Instruments measured,
      CompletionStage<WebSocketIntegrations.Result> invoked) {
    long started = System.nanoTime();
    return invoked.whenComplete((result, failure) -> {
      measured.integrationLatency().record((System.nanoTime() - started) / 1_000_000);
      if (failure != null) {
        measured.executionErrors().increment();
      } else if (result.status() >= 400) {
        measured.integrationErrors().increment();
      }
    });
  }

  /** Closes every socket of this node; completes when their $disconnect ran, or after {@code SHUTDOWN_WAIT}. */
  private CompletionStage<Done> closeAll() {
    var sockets = List.copyOf(open.values());
    if (!sockets.isEmpty()) {
      log.info("Closing {} WebSocket connections before the node stops", sockets.size());
    }
    sockets.forEach(s -> s.actor.tell(new SocketActor.GoingAway()));
    return CompletableFuture.allOf(sockets.stream().map(s -> s.closed).toArray(CompletableFuture[]::new))
        .completeOnTimeout(null, SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(v -> Done.getInstance());
  }

  // ---- @connections ----

  private CompletionStage<HttpResponse> connections(HttpRequest http, String apiId, String stage, String connectionId) {
    var declared = http.entity().getContentLengthOption();
    if (declared.isPresent() && declared.getAsLong() > settings.maxMessageBytes()) {
      http.discardEntityBytes(system);
      return CompletableFuture.completedFuture(tooLarge());
    }
    return PekkoFutures.plain(http.entity().toStrict(settings.askTimeout().toMillis(), settings.maxMessageBytes(), system))
        .thenCompose(strict -> {
          SigV4Result verified = verifier.verify(SigV4Directives.signedRequest(http.withEntity(strict)));
          if (verified instanceof SigV4Result.Rejected rejected) {
            return CompletableFuture.completedFuture(
                AwsErrors.error(rejected.status(), rejected.errorType(), rejected.message()));
          }
          return call(http.method().value(), apiId, stage, connectionId, strict.getData());
        })
        .exceptionally(failure -> AwsErrors.isBodyTooLarge(failure) ? tooLarge()
            : AwsErrors.error(500, "InternalServerErrorException", "Internal server error"));
  }

  private CompletionStage<HttpResponse> call(String method, String apiId, String stage, String connectionId,
      ByteString body) {
    var session = sharding.entityRefFor(WebSocketSession.ENTITY_KEY, connectionId);
    CompletionStage<WebSocketSession.Reply> reply = switch (method) {
      case "POST" -> session.ask(r -> new WebSocketSession.Post(apiId, stage, body.utf8String(), r), settings.askTimeout());
      case "GET" -> session.ask(r -> new WebSocketSession.Describe(apiId, stage, r), settings.askTimeout());
      case "DELETE" -> session.ask(r -> new WebSocketSession.Disconnect(apiId, stage, r), settings.askTimeout());
      default -> null;
    };
    if (reply == null) {
      return CompletableFuture.completedFuture(AwsErrors.error(405, "MethodNotAllowedException",
          "Method " + method + " (expected: POST, GET or DELETE)"));
    }
    return PekkoFutures.plain(reply).thenApply(r -> {
      if (r instanceof WebSocketSession.Info info) {
        var json = Json.object();
        json.put("connectedAt", info.connectedAt().toString());
        var identity = json.putObject("identity");
        identity.put("sourceIp", info.sourceIp());
        identity.put("userAgent", info.userAgent());
        json.put("lastActiveAt", info.lastActiveAt().toString());
        return HttpResponse.create().withEntity(Json.entity(json));
      }
      if (r instanceof WebSocketSession.Gone) {
        return AwsErrors.error(410, "GoneException", null);
      }
      if (r instanceof WebSocketSession.LimitExceeded) {
        return AwsErrors.error(429, "LimitExceededException", "Rate exceeded");
      }
      return "DELETE".equals(method) ? HttpResponse.create().withStatus(204) : HttpResponse.create();
    });
  }

  private HttpResponse tooLarge() {
    return AwsErrors.error(413, "PayloadTooLargeException",
        "Message is larger than the limit of " + settings.maxMessageBytes() + " bytes");
  }

  // ---- helpers ----

  /** 16 characters of base64url from 96 random bits: unique without coordination, like AWS's ids. */
  private static String connectionId() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String messageId() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String sourceIp(HttpRequest http) {
    var remote = http.getAttribute(AttributeKeys.remoteAddress);
    return remote.flatMap(r -> r.getAddress()).map(a -> a.getHostAddress()).orElse("127.0.0.1");
  }

  private static Map<String, List<String>> headers(HttpRequest http) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader h : http.getHeaders()) {
      headers.computeIfAbsent(h.name(), n -> new ArrayList<>()).add(h.value());
    }
    return headers;
  }

  private static Map<String, List<String>> query(HttpRequest http) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    http.getUri().query().toMultiMap().forEach((k, v) -> query.put(k, List.copyOf(v)));
    return query;
  }
}
