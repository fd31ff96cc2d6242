package dev.apigw.node.dataplane.websocket;

import dev.apigw.node.dataplane.observability.ExecutionLogWriter;
import dev.apigw.node.dataplane.observability.WebSocketMetrics;
import dev.apigw.node.dataplane.request.RequestIdentifiers;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.snapshot.WebSocketSnapshot.LiveWebSocketStage;
import dev.apigw.node.dataplane.throttle.RouteLimits;
import dev.apigw.node.dataplane.throttle.UsageGate;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.v2.Integration;
import dev.apigw.protocol.v2.Route;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted connection on this node: each message selects a route (else {@code $default}, else AWS's {@code
 * Forbidden} error frame), goes through the usage gate (the connection's plan, the route, the account) and runs the
 * route's integration; a two-way route sends the result back. When the socket closes, {@code $disconnect} runs.
 */
final class SocketConnection implements OpenSockets.Open {
  private static final Logger log = LoggerFactory.getLogger(SocketConnection.class);

  private final LiveWebSocketStage stage;
  private final ConnectionContext connection;
  private final ActorRef<SocketActor.Command> actor;
  private final EntityRef<WebSocketSession.Command> session;
  private final RouteSelection selection;
  private final WebSocketMetrics.Instruments measured;
  private final WebSocketIntegrations integrations;
  private final UsageGate usage;
  private final OpenSockets open;
  private final ExecutionLogWriter executionLogs;
  // Completes once the socket closed and its $disconnect ran.
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  SocketConnection(LiveWebSocketStage stage, ConnectionContext connection, ActorRef<SocketActor.Command> actor,
      EntityRef<WebSocketSession.Command> session, RouteSelection selection, WebSocketMetrics.Instruments measured,
      WebSocketIntegrations integrations, UsageGate usage, OpenSockets open, ExecutionLogWriter executionLogs) {
    this.stage = stage;
    this.connection = connection;
    this.actor = actor;
    this.session = session;
    this.selection = selection;
    this.measured = measured;
    this.integrations = integrations;
    this.usage = usage;
    this.open = open;
    this.executionLogs = executionLogs;
  }

  CompletionStage<Done> onMessage(String text) {
    measured.messages().increment();
    actor.tell(new SocketActor.Touched());
    session.tell(new WebSocketSession.Touch(Instant.now()));
    String requestId = RequestIdentifiers.requestId();
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
    return usage.checkRoute(connection.apiId(), connection.stage(), route.routeKey(),
        RouteLimits.of(stage.stage(), route.routeKey()), connection.apiKey()).handle((v, failure) -> failure)
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
    var event = new WebSocketIntegrations.Event(connection, route.routeKey(), "MESSAGE", WebSocketIds.random(), requestId,
        text, stage.variables());
    var logged = WebSocketExecutionLog.start(executionLogs, stage.stage(), event);
    var invoked = integrations.invoke(stage.deploymentId(), integration, event, logged);
    return IntegrationMetrics.measure(measured, invoked).handle((result, failure) -> {
      logged.finished(result, failure);
      if (failure != null) {
        log.info("Integration of route {} failed: {}", route.routeKey(), AwsErrors.unwrap(failure).toString());
        send(errorFrame("Internal server error", requestId));
      } else if (route.routeResponseSelectionExpression() != null && result.body() != null) {
        send(result.body());
      }
      return Done.getInstance();
    });
  }

  void onClosed() {
    actor.tell(new SocketActor.Closed());
    session.tell(new WebSocketSession.Unregister());
    Route route = stage.routes().get("$disconnect");
    Integration integration = route == null ? null : stage.integrationOf(route);
    if (integration == null) {
      open.remove(connection.connectionId());
      closed.complete(null);
      return;
    }
    // Best effort, as in AWS: the client is gone, so nothing waits for the answer but a node shutting down.
    var event = new WebSocketIntegrations.Event(connection, "$disconnect", "DISCONNECT", null,
        RequestIdentifiers.requestId(), null, stage.variables());
    var logged = WebSocketExecutionLog.start(executionLogs, stage.stage(), event);
    integrations.invoke(stage.deploymentId(), integration, event, logged)
        .whenComplete((r, e) -> {
          logged.finished(r, e);
          if (e != null) {
            log.info("$disconnect of {} failed: {}", connection.connectionId(), AwsErrors.unwrap(e).toString());
          }
          open.remove(connection.connectionId());
          closed.complete(null);
        });
  }

  @Override
  public void goAway() {
    actor.tell(new SocketActor.GoingAway());
  }

  @Override
  public CompletionStage<Void> closed() {
    return closed;
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
}
