package dev.apigw.node.dataplane.websocket;

import dev.apigw.node.dataplane.authorizers.IamAuthorization;
import dev.apigw.node.dataplane.authorizers.InvokePermissions;
import dev.apigw.node.dataplane.authorizers.LambdaAuthorizers;
import dev.apigw.node.dataplane.integration.Backend;
import dev.apigw.node.dataplane.integration.lambda.LambdaInvoker;
import dev.apigw.node.dataplane.observability.ExecutionLogWriter;
import dev.apigw.node.dataplane.observability.WebSocketMetrics;
import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.node.dataplane.snapshot.WebSocketSnapshot.LiveWebSocketApi;
import dev.apigw.node.dataplane.snapshot.WebSocketSnapshot.LiveWebSocketStage;
import dev.apigw.node.dataplane.throttle.ApiKeyCheck;
import dev.apigw.node.dataplane.throttle.Throttler;
import dev.apigw.node.dataplane.throttle.UsageGate;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.sigv4.SigV4Verifier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.SystemMaterializer;

/**
 * WebSocket APIs on the data-plane port, for the requests the front door ({@code DataPlaneRouter}) hands over:
 *
 * <ul>
 *   <li>a WebSocket upgrade addressed to a WebSocket API ({@code Host: {apiId}.execute-api.<domain>}, path {@code
 *       /{stage}}): a token from the cluster-wide new-connections bucket, then the {@link ConnectHandshake};
 *   <li>{@code POST|GET|DELETE /{stage}/@connections/{connectionId}} ({@link ConnectionsApi}), with the API's host or
 *       with any host that names no API.
 * </ul>
 *
 * The parts: {@link ConnectHandshake} ({@code $connect} and the accepted socket), {@link SocketConnection} (one
 * connection's messages and its {@code $disconnect}), {@link MessageLimits}, {@link ConnectionsApi} and {@link
 * OpenSockets} (this node's sockets, closed gracefully when it stops).
 */
public final class WebSocketGateway {
  // One account per gateway: one bucket for every WebSocket API's new connections.
  private static final String NEW_CONNECTIONS_BUCKET = "websocket-new-connections";

  private final WebSocketSettings settings;
  private final Throttler throttler;
  private final WebSocketMetrics metrics = new WebSocketMetrics();
  private final ConnectHandshake handshakes;
  private final ConnectionsApi connections;

  /**
   * @param verifier checks {@code @connections} calls and {@code AWS_IAM} handshakes (signing name {@code execute-api},
   *     the data plane's key pairs)
   * @param permissions what each of those keys may invoke and whose connections it may manage
   * @param throttler holds the cluster-wide bucket of new connections
   * @param maxBackendResponseBytes the data plane's payload limit: the largest HTTP integration response read (and what
   *     a refused {@code @connections} body is read up to, twice it, before the refusal)
   * @param authorizers runs the REQUEST authorizers of {@code $connect} routes
   * @param region the region and {@code accountId} the account that method ARNs name
   * @param usage the throttles and quotas every message and handshake goes through (the REST requests' gate: the
   *     connection's usage plan, the route, the account)
   * @param apiKeys checks the API key of a {@code $connect} route with {@code apiKeyRequired}
   * @param executionLogs the node's execution log file, which stages' route settings write to
   */
  public WebSocketGateway(ActorSystem<?> system, WebSocketSettings settings, Backend backend, LambdaInvoker lambda,
      SigV4Verifier verifier, InvokePermissions permissions, Throttler throttler, long maxBackendResponseBytes, LambdaAuthorizers authorizers,
      String region, String accountId, UsageGate usage, ApiKeyCheck apiKeys, ExecutionLogWriter executionLogs) {
    this.settings = settings;
    this.throttler = throttler;
    this.connections = new ConnectionsApi(system, settings, verifier, permissions, region, accountId,
        maxBackendResponseBytes);
    this.handshakes = new ConnectHandshake(system, settings,
        new WebSocketIntegrations(system, backend, lambda, maxBackendResponseBytes),
        new ConnectAuthorization(authorizers, new IamAuthorization(verifier, permissions, region), region,
            accountId), usage, apiKeys,
        new MessageLimits(settings, SystemMaterializer.get(system).materializer()), new OpenSockets(system),
        executionLogs);
  }

  /**
   * Serves a request the front door addressed to WebSocket API {@code api}: its handshake, or {@code @connections} on
   * the API's own host; null when it is neither.
   */
  public CompletionStage<HttpResponse> serve(HttpRequest http, ApiAddress address, LiveWebSocketApi api,
      String requestId) {
    CompletionStage<HttpResponse> hosted = connections.onApiHost(http, api.api().apiId(), address.stage(),
        address.path());
    if (hosted != null) {
      return hosted;
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
        return handshakes.connect(http, upgrade.get(), api, stage, address, requestId, measured);
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
    return connections.onAnyHost(http, rawPath);
  }
}
