package dev.apigw.node.controlplane;

import dev.apigw.node.controlplane.console.ClusterView;
import dev.apigw.node.controlplane.console.ConsoleApiRoutes;
import dev.apigw.node.controlplane.console.ConsoleFiles;
import dev.apigw.node.controlplane.console.LiveMetrics;
import dev.apigw.node.controlplane.domains.AccessAssociationRoutes;
import dev.apigw.node.controlplane.domains.AccessAssociationService;
import dev.apigw.node.controlplane.domains.DomainNameRoutes;
import dev.apigw.node.controlplane.domains.DomainNameService;
import dev.apigw.node.controlplane.domains.V2DomainNameRoutes;
import dev.apigw.node.controlplane.keys.ApiKeyImport;
import dev.apigw.node.controlplane.keys.ApiKeyImportRoutes;
import dev.apigw.node.controlplane.keys.ApiKeyRoutes;
import dev.apigw.node.controlplane.keys.ApiKeyService;
import dev.apigw.node.controlplane.keys.UsagePlanRoutes;
import dev.apigw.node.controlplane.keys.UsagePlanService;
import dev.apigw.node.controlplane.openapi.ExportService;
import dev.apigw.node.controlplane.openapi.ImportService;
import dev.apigw.node.controlplane.openapi.OpenApiRoutes;
import dev.apigw.node.controlplane.restapi.ComponentRoutes;
import dev.apigw.node.controlplane.restapi.DefinitionRoutes;
import dev.apigw.node.controlplane.restapi.DefinitionService;
import dev.apigw.node.controlplane.restapi.DocumentationRoutes;
import dev.apigw.node.controlplane.restapi.HistoryRoutes;
import dev.apigw.node.controlplane.restapi.HistoryService;
import dev.apigw.node.controlplane.restapi.RestApiRoutes;
import dev.apigw.node.controlplane.restapi.RestApiService;
import dev.apigw.node.controlplane.restapi.StageRoutes;
import dev.apigw.node.controlplane.restapi.StageService;
import dev.apigw.node.controlplane.restapi.TestInvokeRoutes;
import dev.apigw.node.controlplane.restapi.TestInvokeService;
import dev.apigw.node.controlplane.sdk.SdkGenerator;
import dev.apigw.node.controlplane.sdk.SdkRoutes;
import dev.apigw.node.controlplane.sdk.SdkService;
import dev.apigw.node.controlplane.sdk.SdkSettings;
import dev.apigw.node.controlplane.tags.ResourceArn;
import dev.apigw.node.controlplane.tags.TagRoutes;
import dev.apigw.node.controlplane.tags.TagService;
import dev.apigw.node.controlplane.tags.TagStore;
import dev.apigw.node.controlplane.v2api.V2ApiRoutes;
import dev.apigw.node.controlplane.v2api.V2ApiService;
import dev.apigw.node.controlplane.v2api.V2HistoryRoutes;
import dev.apigw.node.controlplane.v2api.V2HistoryService;
import dev.apigw.node.methodtest.AuthorizerTester;
import dev.apigw.node.methodtest.MethodTester;
import dev.apigw.node.sigv4.SigV4Directives;
import dev.apigw.node.sigv4.SigV4Result;
import dev.apigw.node.sigv4.SigV4Verifier;
import dev.apigw.node.controlplane.account.AccountRoutes;
import dev.apigw.node.controlplane.account.AccountResourceRoutes;
import dev.apigw.node.controlplane.account.AccountService;
import dev.apigw.node.controlplane.account.ClientCertificateService;
import dev.apigw.node.controlplane.account.V2VpcLinkRoutes;
import dev.apigw.node.controlplane.account.V2VpcLinkService;
import dev.apigw.node.controlplane.account.VpcLinkService;
import dev.apigw.persistence.account.AccountEntity;
import dev.apigw.persistence.changes.CacheFlushes;
import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.persistence.domains.DomainNameEntity;
import dev.apigw.persistence.health.JournalHealth;
import dev.apigw.persistence.history.JournalHistory;
import dev.apigw.persistence.keys.ApiKeyEntity;
import dev.apigw.persistence.keys.ApiKeyValueIndex;
import dev.apigw.persistence.keys.UsageCounter;
import dev.apigw.persistence.keys.UsagePlanEntity;
import dev.apigw.persistence.restapi.RestApiEntity;
import dev.apigw.persistence.restapi.RestApis;
import dev.apigw.persistence.v2.ApiEntity;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Assembles the management API: registers the entities it writes to with Cluster Sharding and
 * builds one route per resource family. A new resource family is one more entry in each list.
 */
public final class ControlPlane {
  private ControlPlane() {}

  /** A stage's id in a tag store, {@code {apiId}/{stageName}}, as its parts. */
  private static ResourceArn stageArn(String id) {
    return new ResourceArn("stages", id);
  }

  /** Registers every control-plane entity with sharding on this node. */
  public static void initEntities(ActorSystem<?> system, String accountId) {
    RestApiEntity.init(system, accountId);
    AccountDirectory.init(system);
    ApiKeyEntity.init(system);
    ApiKeyValueIndex.init(system);
    UsagePlanEntity.init(system);
    UsageCounter.init(system);
    DomainNameEntity.init(system);
    ApiEntity.init(system, accountId);
    AccountEntity.init(system);
  }

  /**
   * The management API's route: the web console's static files under /console/, then request ids, SigV4 and the
   * resource families; writes are refused with 503 while {@code journal} is unavailable.
   */
  public static Route route(ActorSystem<?> system, ControlPlaneSettings settings, JournalHealth journal,
      MethodTester methodTester, AuthorizerTester authorizerTester) {
    var sharding = ClusterSharding.get(system);
    var clock = Clock.systemUTC();
    var askTimeout = settings.askTimeout();
    var verifier = new SigV4Verifier(settings.credentials(), "apigateway", settings.region(), clock, settings.maxClockSkew());
    var auth = new SigV4Directives(verifier, settings.maxBodyBytes(), askTimeout);
    String account = settings.accountId();
    var apis = new RestApis(sharding, askTimeout, account);
    var restApiService = new RestApiService(sharding, apis, askTimeout, account, clock);
    var restApis = new RestApiRoutes(restApiService);
    var definitionService = new DefinitionService(apis, clock);
    var definitions = new DefinitionRoutes(definitionService);
    var components = new ComponentRoutes(definitionService);
    var testInvoke = new TestInvokeRoutes(new TestInvokeService(apis, methodTester, authorizerTester));
    var accountService = new AccountService(sharding, askTimeout, account, clock);
    var certificates = new ClientCertificateService(accountService,
        system.dispatchers().lookup(DispatcherSelector.blocking()));
    var stageService = new StageService(apis, clock, flush -> CacheFlushes.publish(system, flush),
        certificates::get);
    var stages = new StageRoutes(stageService);
    var documentation = new DocumentationRoutes(definitionService, stageService, clock);
    var journalHistory = new JournalHistory(system, settings.readJournalPluginId());
    var history = new HistoryRoutes(new HistoryService(
        journalHistory, apis, clock));
    var apiKeys = new ApiKeyService(sharding, askTimeout, account, clock);
    var v2VpcLinks = new V2VpcLinkService(accountService);
    // Integrations name links of the version their API uses: HTTP APIs V2 ones, WebSocket APIs REST (V1) ones.
    var webSocketApiService = new V2ApiService(sharding, askTimeout, account, clock,
        (id, v2) -> accountService.state().thenApply(state -> state.vpcLink(id, v2)));
    var usagePlans = new UsagePlanService(sharding, askTimeout, account, apiKeys, restApiService,
        webSocketApiService::getApi, clock);
    var domains = new DomainNameService(sharding, askTimeout, account, settings.region(), restApiService,
        webSocketApiService, clock);
    var accountRoutes = new AccountRoutes(accountService, settings.accountRateLimit(), settings.accountBurstLimit());
    var vpcLinks = new VpcLinkService(accountService);
    Route accountResourceRoutes = new AccountResourceRoutes(certificates, vpcLinks).route();
    Route v2VpcLinkRoutes = new V2VpcLinkRoutes(v2VpcLinks).route();
    var tags =
        new TagService(
            Map.of(
                "apikeys", new TagStore(apiKeys::tags, apiKeys::retag),
                "usageplans", new TagStore(usagePlans::tags, usagePlans::retag),
                "domainnames", new TagStore(domains::tags, domains::retag),
                "clientcertificates", new TagStore(certificates::tags, certificates::retag),
                "vpclinks", new TagStore(vpcLinks::tags, vpcLinks::retag),
                "restapis", new TagStore(restApiService::tags, (id, change) -> restApiService.retag(id, change, null)),
                "restapis/stages", new TagStore(
                    id -> restApiService.stageTags(stageArn(id).apiId(), stageArn(id).stageName()),
                    (id, change) -> restApiService.retag(stageArn(id).apiId(), change, stageArn(id).stageName())),
                "apis", new TagStore(webSocketApiService::tags, (id, change) -> webSocketApiService.retag(id, null, change)),
                "apis/stages", new TagStore(
                    id -> webSocketApiService.stageTags(stageArn(id).apiId(), stageArn(id).stageName()),
                    (id, change) -> webSocketApiService.retag(stageArn(id).apiId(), stageArn(id).stageName(), change))));
    Route apiKeyImportRoutes = new ApiKeyImportRoutes(new ApiKeyImport(apiKeys, usagePlans)).route();
    Route apiKeyRoutes = new ApiKeyRoutes(apiKeys).route();
    Route usagePlanRoutes = new UsagePlanRoutes(usagePlans).route();
    Route domainRoutes = new DomainNameRoutes(domains, settings.region(), account).route();
    Route accessAssociationRoutes = new AccessAssociationRoutes(
        new AccessAssociationService(sharding, askTimeout, account, settings.region())).route();
    Route v2DomainRoutes = new V2DomainNameRoutes(domains, settings.region()).route();
    var tagRouting = new TagRoutes(tags);
    Route tagRoutes = tagRouting.route().orElse(tagRouting.v2Route());
    var v2History = new V2HistoryRoutes(new V2HistoryService(journalHistory, webSocketApiService));
    var webSocketApis = new V2ApiRoutes(webSocketApiService, settings.dataPlaneDomain(), settings.dataPlanePort());
    // OpenAPI first: its POST /restapis matches only with ?mode=..., before plain CreateRestApi.
    var exports = new ExportService(apis, settings.region());
    var openApi = new OpenApiRoutes(new ImportService(restApiService, apis, clock), exports);
    // GetSdk: openapi-generator is blocking and CPU heavy, so it runs on the blocking dispatcher, one at a time.
    Route sdks = new SdkRoutes(new SdkService(exports, new SdkGenerator(SdkSettings.from(system.settings().config()),
        system.dispatchers().lookup(DispatcherSelector.blocking())), clock)).route();
    Route console = new ConsoleApiRoutes(LiveMetrics.shared(), new ClusterView(system, journal, List.of(
        RestApiEntity.ENTITY_KEY, ApiEntity.ENTITY_KEY, ApiKeyEntity.ENTITY_KEY, ApiKeyValueIndex.ENTITY_KEY,
        UsagePlanEntity.ENTITY_KEY, UsageCounter.ENTITY_KEY, DomainNameEntity.ENTITY_KEY, AccountDirectory.ENTITY_KEY,
        AccountEntity.ENTITY_KEY), askTimeout), clock).route();
    List<Function<SigV4Result.Accepted, Route>> resources = List.of(
        caller -> openApi.route(caller.accessKeyId()),
        caller -> sdks,
        caller -> restApis.route(caller.accessKeyId()),
        caller -> testInvoke.route(),
        caller -> definitions.route(caller.accessKeyId()),
        caller -> components.route(caller.accessKeyId()),
        caller -> documentation.route(caller.accessKeyId()),
        caller -> stages.route(caller.accessKeyId()),
        caller -> history.route(caller.accessKeyId()),
        caller -> apiKeyImportRoutes,
        caller -> apiKeyRoutes,
        caller -> usagePlanRoutes,
        caller -> domainRoutes,
        caller -> v2DomainRoutes,
        caller -> v2VpcLinkRoutes,
        caller -> v2History.route(caller.accessKeyId()),
        caller -> webSocketApis.route(caller.accessKeyId()),
        caller -> accountRoutes.route(caller.accessKeyId()),
        caller -> accountResourceRoutes,
        caller -> tagRoutes,
        caller -> accessAssociationRoutes,
        caller -> console);
    // The console's files need no signature (they hold no data); everything they call is signed.
    return new ConsoleFiles().route().orElse(new ManagementRoutes(auth, resources, journal::available).route());
  }
}
