package dev.apigw.node.dataplane.websocket;

import dev.apigw.node.dataplane.observability.ExecutionLogWriter;
import dev.apigw.node.dataplane.observability.WebSocketMetrics;
import dev.apigw.node.dataplane.request.ClientAddress;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.node.dataplane.snapshot.KeySnapshot;
import dev.apigw.node.dataplane.snapshot.WebSocketSnapshot.LiveWebSocketApi;
import dev.apigw.node.dataplane.snapshot.WebSocketSnapshot.LiveWebSocketStage;
import dev.apigw.node.dataplane.throttle.ApiKeyCheck;
import dev.apigw.node.dataplane.throttle.RouteLimits;
import dev.apigw.node.dataplane.throttle.UsageGate;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.PekkoFutures;
import dev.apigw.protocol.v2.Integration;
import dev.apigw.protocol.v2.Route;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket handshake: {@code $connect} (authorizer, API key, usage gate, the route's integration, whose non-2xx
 * result refuses the handshake with that status), then the accepted socket: its {@link SocketActor}, its sharded
 * {@link WebSocketSession} (registered before the upgrade is answered, so {@code @connections} finds it at once) and the
 * stream that feeds its messages, within {@link MessageLimits}, to its {@link SocketConnection}.
 */
final class ConnectHandshake {
  private static final Logger log = LoggerFactory.getLogger(ConnectHandshake.class);

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final WebSocketSettings settings;
  private final WebSocketIntegrations integrations;
  private final ConnectAuthorization authorization;
  private final UsageGate usage;
  private final ApiKeyCheck apiKeys;
  private final MessageLimits limits;
  private final OpenSockets open;
  private final ExecutionLogWriter executionLogs;

  ConnectHandshake(ActorSystem<?> system, WebSocketSettings settings, WebSocketIntegrations integrations,
      ConnectAuthorization authorization, UsageGate usage, ApiKeyCheck apiKeys, MessageLimits limits,
      OpenSockets open, ExecutionLogWriter executionLogs) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.settings = settings;
    this.integrations = integrations;
    this.authorization = authorization;
    this.usage = usage;
    this.apiKeys = apiKeys;
    this.limits = limits;
    this.open = open;
    this.executionLogs = executionLogs;
  }

  CompletionStage<HttpResponse> connect(HttpRequest http, WebSocketUpgrade upgrade, LiveWebSocketApi api,
      LiveWebSocketStage stage, ApiAddress address, String requestId, WebSocketMetrics.Instruments measured) {
    ConnectionContext handshake = new ConnectionContext(api.api().apiId(), address.stage(), WebSocketIds.random(),
        Instant.now(), ClientAddress.sourceIp(http), http.getHeader("User-Agent").map(HttpHeader::value).orElse(null),
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
      return usage.checkRoute(connection.apiId(), connection.stage(), "$connect",
          RouteLimits.of(stage.stage(), "$connect"), admitted).thenApply(v -> connection);
    }).thenCompose(connection -> {
      CompletionStage<WebSocketIntegrations.Result> connected;
      if (integration == null) {
        connected = CompletableFuture.completedFuture(new WebSocketIntegrations.Result(200, null));
      } else {
        var event = new WebSocketIntegrations.Event(connection, "$connect", "CONNECT", null, requestId, null,
            stage.variables());
        var logged = WebSocketExecutionLog.start(executionLogs, stage.stage(), event);
        connected = IntegrationMetrics.measure(measured,
                integrations.invoke(stage.deploymentId(), integration, event, logged))
            .whenComplete((result, failure) -> logged.finished(result, failure));
      }
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
        String type = refused.headers().getOrDefault(AwsErrors.ERROR_TYPE, ResponseTypes.errorType(refused.responseType()));
        return AwsErrors.error(refused.status(), type, refused.messageField(), refused.getMessage());
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
    SocketConnection served = new SocketConnection(stage, connection, socket, session,
        RouteSelection.parse(api.api().routeSelectionExpression()), measured, integrations, usage, open,
        executionLogs);
    Sink<Message, NotUsed> in = Flow.<Message>create()
        .mapAsync(1, m -> limits.text(m).handle((text, failure) -> {
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
          open.add(connection.connectionId(), served);
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
