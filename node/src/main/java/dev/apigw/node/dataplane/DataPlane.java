package dev.apigw.node.dataplane;

import dev.apigw.node.dataplane.authorizers.AuthorizerSettings;
import dev.apigw.node.dataplane.authorizers.Authorizers;
import dev.apigw.node.dataplane.authorizers.CognitoAuthorizers;
import dev.apigw.node.dataplane.authorizers.IamAuthorization;
import dev.apigw.node.dataplane.authorizers.InvokePermissions;
import dev.apigw.node.dataplane.authorizers.LambdaAuthorizers;
import dev.apigw.node.dataplane.cache.StageCache;
import dev.apigw.node.dataplane.cache.StageCacheSettings;
import dev.apigw.node.dataplane.http.HttpApiSnapshot;
import dev.apigw.node.dataplane.http.HttpLambdaAuthorizer;
import dev.apigw.node.dataplane.http.JwtAuthorizer;
import dev.apigw.node.dataplane.http.OidcKeys;
import dev.apigw.node.dataplane.httpapi.HttpPipeline;
import dev.apigw.node.dataplane.integration.Backend;
import dev.apigw.node.dataplane.integration.BackendSettings;
import dev.apigw.node.dataplane.integration.HttpApiProxy;
import dev.apigw.node.dataplane.integration.IntegrationFactory;
import dev.apigw.node.dataplane.integration.aws.AwsServiceClient;
import dev.apigw.node.dataplane.integration.aws.AwsSettings;
import dev.apigw.node.dataplane.integration.aws.GatewayCredentials;
import dev.apigw.node.dataplane.integration.lambda.LambdaInvoker;
import dev.apigw.node.dataplane.integration.lambda.LambdaSettings;
import dev.apigw.node.dataplane.mapping.TemplateSettings;
import dev.apigw.node.dataplane.observability.AccessLog;
import dev.apigw.node.dataplane.observability.ExecutionLogSettings;
import dev.apigw.node.dataplane.observability.ExecutionLogWriter;
import dev.apigw.node.dataplane.observability.DataPlaneMetrics;
import dev.apigw.node.dataplane.observability.HttpApiMetrics;
import dev.apigw.node.dataplane.pipeline.AuthorizerTests;
import dev.apigw.node.dataplane.pipeline.MethodTests;
import dev.apigw.node.dataplane.pipeline.RestPipeline;
import dev.apigw.node.dataplane.request.RefusedBodies;
import dev.apigw.node.dataplane.router.AddressResolver;
import dev.apigw.node.dataplane.router.DataPlaneRouter;
import dev.apigw.node.dataplane.snapshot.DataPlaneSnapshot;
import dev.apigw.node.dataplane.snapshot.DeploymentCompiler;
import dev.apigw.node.dataplane.snapshot.DomainSnapshot;
import dev.apigw.node.dataplane.snapshot.EntityTarget;
import dev.apigw.node.dataplane.snapshot.KeySnapshot;
import dev.apigw.node.dataplane.snapshot.RestApiTarget;
import dev.apigw.node.dataplane.snapshot.SnapshotLoader;
import dev.apigw.node.dataplane.snapshot.WebSocketSnapshot;
import dev.apigw.node.dataplane.throttle.ApiKeyCheck;
import dev.apigw.node.dataplane.throttle.QuotaLeases;
import dev.apigw.node.dataplane.throttle.ThrottleBucket;
import dev.apigw.node.dataplane.throttle.ThrottleSettings;
import dev.apigw.node.dataplane.throttle.Throttler;
import dev.apigw.node.dataplane.throttle.UsageGate;
import dev.apigw.node.dataplane.tls.CertificateStore;
import dev.apigw.node.dataplane.tls.MutualTls;
import dev.apigw.node.dataplane.tls.TlsSettings;
import dev.apigw.node.dataplane.websocket.WebSocketGateway;
import dev.apigw.node.dataplane.websocket.WebSocketSession;
import dev.apigw.node.dataplane.websocket.WebSocketSettings;
import dev.apigw.node.methodtest.AuthorizerTester;
import dev.apigw.node.methodtest.MethodTester;
import dev.apigw.node.sigv4.SigV4Verifier;
import dev.apigw.persistence.changes.CacheFlushes;
import dev.apigw.persistence.health.JournalHealth;
import dev.apigw.persistence.restapi.RestApis;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Assembles the data plane: the snapshots, their loaders, the pipelines and the front door that picks one, and the
 * TLS port's certificates.
 *
 * @param router the front door, for both data-plane ports
 * @param certificates the TLS port's certificates, refreshed on domain changes and every reload interval
 * @param methodTester runs TestInvokeMethod through the REST pipeline (the management API asks it)
 * @param authorizerTester runs TestInvokeAuthorizer with the data plane's authorizers (the management API asks it)
 */
public record DataPlane(DataPlaneRouter router, CertificateStore certificates, MethodTester methodTester,
    AuthorizerTester authorizerTester) {

  /**
   * Starts the loaders and returns the front door to bind.
   *
   * @param region the region method ARNs (Lambda authorizers' {@code methodArn}) name
   * @param executeApiVerifier checks {@code @connections} calls and {@code AWS_IAM} methods (signing name {@code
   *     execute-api}) with the data plane's key pairs
   * @param invokePermissions what each of those keys may invoke (its allow list)
   * @param journal whether the journal answers: while it does not, keyed requests do not wait for usage counters
   * @param onLoaded runs once every API present at start is loaded (readiness)
   */
  public static DataPlane start(ActorSystem<?> system, DataPlaneSettings settings, String accountId,
      String region, SigV4Verifier executeApiVerifier, InvokePermissions invokePermissions, JournalHealth journal, Runnable onLoaded) {
    var snapshot = new DataPlaneSnapshot();
    var domains = new DomainSnapshot();
    var keys = new KeySnapshot();
    var webSocketApis = new WebSocketSnapshot();
    var httpApis = new HttpApiSnapshot();
    var sharding = ClusterSharding.get(system);
    var awsSettings = AwsSettings.from(system.settings().config());
    var aws = new AwsServiceClient(system, awsSettings,
        GatewayCredentials.from(awsSettings, system.dispatchers().lookup(DispatcherSelector.blocking())));
    var lambda = new LambdaInvoker(system, LambdaSettings.from(system.settings().config()));
    var backend = new Backend(system, BackendSettings.from(system.settings().config()), accountId, settings.askTimeout());
    Executor templateRenders = system.dispatchers().lookup(DispatcherSelector.fromConfig(TemplateSettings.DISPATCHER));
    var integrations = new IntegrationFactory(system, backend, lambda, aws, settings.maxBodyBytes(),
        TemplateSettings.from(system.settings().config()), templateRenders);
    var apis = new RestApis(sharding, settings.askTimeout(), accountId);
    Duration ask = settings.askTimeout();
    Map<String, SnapshotLoader.Target<?>> targets = new LinkedHashMap<>();
    var compiler = new DeploymentCompiler(integrations);
    targets.put("data-plane-rest-apis", new RestApiTarget(snapshot, compiler, apis));
    targets.put("data-plane-domain-names", EntityTarget.domainNames(domains, sharding, ask));
    targets.put("data-plane-api-keys", EntityTarget.apiKeys(keys, sharding, ask));
    targets.put("data-plane-usage-plans", EntityTarget.usagePlans(keys, sharding, ask));
    targets.put("data-plane-v2-apis", EntityTarget.v2Apis(webSocketApis, httpApis, sharding, ask));
    // Ready once every snapshot holds everything that existed at start; counted before any loader runs.
    var pending = new AtomicInteger(targets.size());
    Runnable loaded = () -> {
      if (pending.decrementAndGet() == 0) {
        onLoaded.run();
      }
    };
    targets.forEach((name, target) -> system.systemActorOf(
        SnapshotLoader.create(target, accountId, ask, settings.resyncInterval(), loaded), name, Props.empty()));
    WebSocketSession.init(system);
    ThrottleBucket.init(system);
    var throttling = ThrottleSettings.from(system.settings().config());
    var throttler = Throttler.create(system, throttling);
    var usage = new UsageGate(throttler, new QuotaLeases(system, settings.askTimeout(), journal::available),
        throttling.account(), throttling.rateLimitHeaders());
    var apiKeyCheck = new ApiKeyCheck(keys);
    var authorizers = AuthorizerSettings.from(system.settings().config());
    var lambdaAuthorizers = new LambdaAuthorizers(lambda, authorizers, region);
    var stageCache = new StageCache(system, StageCacheSettings.from(system.settings().config()),
        settings.bodyReadTimeout().toMillis(), settings.maxBodyBytes());
    // FlushStageCache / FlushStageAuthorizersCache reach every node's caches.
    system.systemActorOf(Behaviors.<CacheFlushes.Flush>setup(ctx -> {
      CacheFlushes.subscribe(system, ctx.getSelf());
      return Behaviors.receiveMessage(flush -> {
        if (flush.what() == CacheFlushes.What.RESPONSES) {
          stageCache.flush(flush.apiId(), flush.stage());
        } else {
          lambdaAuthorizers.flush(flush.apiId());
        }
        return Behaviors.same();
      });
    }), "stage-cache-flushes", Props.empty());
    var metrics = new DataPlaneMetrics();
    var accessLog = new AccessLog();
    var executionLogs = new ExecutionLogWriter(ExecutionLogSettings.from(system.settings().config()));
    system.getWhenTerminated().thenRun(executionLogs::close);
    var resolver = new AddressResolver(settings.domain(), domains);
    var webSockets = new WebSocketGateway(system, WebSocketSettings.from(system.settings().config()), backend, lambda,
        executeApiVerifier, invokePermissions, throttler, settings.maxBodyBytes(), lambdaAuthorizers, region, accountId,
        usage, apiKeyCheck, executionLogs);
    var cognitoAuthorizers = new CognitoAuthorizers(system, authorizers, Clock.systemUTC());
    var rest = new RestPipeline(system, accountId, request -> {
      metrics.completed(request);
      accessLog.completed(request);
    }, new RestPipeline.Parts(snapshot::api,
        new Authorizers(lambdaAuthorizers, cognitoAuthorizers),
        new IamAuthorization(executeApiVerifier, invokePermissions, region), apiKeyCheck::admit, usage::check, stageCache, executionLogs,
        settings.maxBodyBytes(),
        settings.bodyReadTimeout().toMillis(), templateRenders));
    var http = new HttpPipeline(system, accountId, region, new HttpApiMetrics(), accessLog, new HttpPipeline.Parts(
        new JwtAuthorizer(new OidcKeys(authorizers.timeout(), authorizers.jwksMinRefresh(), authorizers.jwksRefresh()),
            Clock.systemUTC()),
        new HttpLambdaAuthorizer(lambda, authorizers.timeout(), authorizers.cacheMaxEntries()),
        new IamAuthorization(executeApiVerifier, invokePermissions, region), usage,
        new HttpApiProxy(backend, settings.maxBodyBytes()), lambda, aws, settings.maxBodyBytes(),
        settings.bodyReadTimeout().toMillis()));
    var certificates = new CertificateStore(domains, TlsSettings.from(system.settings().config()), settings.domain());
    return new DataPlane(new DataPlaneRouter(resolver, webSocketApis, webSockets, rest,
        new MutualTls(domains, certificates), httpApis, http, new RefusedBodies(system, settings.maxBodyBytes())),
        certificates,
        new MethodTests(system, rest, compiler, accountId, settings.maxBodyBytes(), settings.bodyReadTimeout().toMillis()),
        new AuthorizerTests(lambdaAuthorizers, cognitoAuthorizers, compiler, accountId, region));
  }
}
