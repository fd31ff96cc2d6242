package dev.apigw.node.dataplane;

import dev.apigw.node.controlplane.auth.SigV4Verifier;
import dev.apigw.node.controlplane.restapi.RestApis;
import dev.apigw.node.dataplane.integration.Backend;
import dev.apigw.node.dataplane.integration.IntegrationFactory;
import dev.apigw.node.dataplane.integration.lambda.LambdaInvoker;
import dev.apigw.node.dataplane.integration.lambda.LambdaSettings;
import dev.apigw.node.dataplane.pipeline.DataPlaneHandler;
import dev.apigw.node.dataplane.routing.AddressResolver;
import dev.apigw.node.dataplane.snapshot.DataPlaneSnapshot;
import dev.apigw.node.dataplane.snapshot.DeploymentCompiler;
import dev.apigw.node.dataplane.snapshot.DomainNameTarget;
import dev.apigw.node.dataplane.snapshot.ApiKeyTarget;
import dev.apigw.node.dataplane.snapshot.DomainSnapshot;
import dev.apigw.node.dataplane.snapshot.KeySnapshot;
import dev.apigw.node.dataplane.snapshot.UsagePlanTarget;
import dev.apigw.node.dataplane.snapshot.WebSocketApiTarget;
import dev.apigw.node.dataplane.snapshot.WebSocketSnapshot;
import dev.apigw.node.dataplane.websocket.WebSocketGateway;
import dev.apigw.node.dataplane.websocket.WebSocketSession;
import dev.apigw.node.dataplane.websocket.WebSocketSettings;
import dev.apigw.node.dataplane.throttle.ApiKeyCheck;
import dev.apigw.node.dataplane.throttle.QuotaLeases;
import dev.apigw.node.dataplane.throttle.ThrottleBucket;
import dev.apigw.node.dataplane.throttle.ThrottleSettings;
import dev.apigw.node.dataplane.throttle.Throttler;
import dev.apigw.node.dataplane.throttle.UsageGate;
import dev.apigw.node.dataplane.snapshot.RestApiTarget;
import dev.apigw.node.dataplane.snapshot.SnapshotLoader;
import dev.apigw.node.observability.AccessLog;
import dev.apigw.node.observability.DataPlaneMetrics;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** Assembles the data plane: the snapshot, its loader, and the request handler that reads it. */
public final class DataPlane {
  private DataPlane() {}

  /**
   * Starts the loader and returns the handler to bind.
   *
   * @param connectionsVerifier checks {@code @connections} calls (signing name {@code execute-api})
   * @param onLoaded runs once every API present at start is loaded (readiness)
   */
  public static DataPlaneHandler start(ActorSystem<?> system, DataPlaneSettings settings, String accountId,
      SigV4Verifier connectionsVerifier, Runnable onLoaded) {
    var snapshot = new DataPlaneSnapshot();
    var domains = new DomainSnapshot();
    var sharding = ClusterSharding.get(system);
    // Ready once every snapshot (REST APIs, domains, keys, plans, WebSocket APIs) holds everything that existed at start.
    var pending = new java.util.concurrent.atomic.AtomicInteger(5);
    Runnable loaded = () -> {
      if (pending.decrementAndGet() == 0) {
        onLoaded.run();
      }
    };
    var lambda = new LambdaInvoker(system, LambdaSettings.from(system.settings().config()));
    var backend = new Backend(system);
    var integrations = new IntegrationFactory(system, backend, lambda, settings.maxBodyBytes());
    var apis = new RestApis(sharding, settings.askTimeout(), accountId);
    system.systemActorOf(
        SnapshotLoader.create(new RestApiTarget(snapshot, new DeploymentCompiler(integrations), apis), accountId,
            settings.askTimeout(), settings.resyncInterval(), loaded),
        "data-plane-rest-apis", Props.empty());
    system.systemActorOf(
        SnapshotLoader.create(new DomainNameTarget(domains, sharding, settings.askTimeout()), accountId,
            settings.askTimeout(), settings.resyncInterval(), loaded),
        "data-plane-domain-names", Props.empty());
    var keys = new KeySnapshot();
    system.systemActorOf(
        SnapshotLoader.create(new ApiKeyTarget(keys, sharding, settings.askTimeout()), accountId,
            settings.askTimeout(), settings.resyncInterval(), loaded),
        "data-plane-api-keys", Props.empty());
    system.systemActorOf(
        SnapshotLoader.create(new UsagePlanTarget(keys, sharding, settings.askTimeout()), accountId,
            settings.askTimeout(), settings.resyncInterval(), loaded),
        "data-plane-usage-plans", Props.empty());
    var webSocketApis = new WebSocketSnapshot();
    system.systemActorOf(
        SnapshotLoader.create(new WebSocketApiTarget(webSocketApis, sharding, settings.askTimeout()), accountId,
            settings.askTimeout(), settings.resyncInterval(), loaded),
        "data-plane-websocket-apis", Props.empty());
    WebSocketSession.init(system);
    ThrottleBucket.init(system);
    var throttling = ThrottleSettings.from(system.settings().config());
    var usage = new UsageGate(Throttler.create(system, throttling), new QuotaLeases(system, settings.askTimeout()),
        throttling.account(), throttling.rateLimitHeaders());
    var metrics = new DataPlaneMetrics();
    var accessLog = new AccessLog();
    var resolver = new AddressResolver(settings.domain(), domains);
    var webSockets = new WebSocketGateway(system, webSocketApis, resolver,
        WebSocketSettings.from(system.settings().config()), backend, lambda, connectionsVerifier, settings.maxBodyBytes());
    return new DataPlaneHandler(system, snapshot, resolver, accountId,
        settings.maxBodyBytes(), settings.bodyReadTimeout().toMillis(), request -> {
          metrics.completed(request);
          accessLog.completed(request);
        }, new ApiKeyCheck(keys), usage, webSockets);
  }
}
