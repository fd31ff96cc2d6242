package dev.apigw.node.controlplane;

import dev.apigw.node.bootstrap.GatewaySettings;
import dev.apigw.node.controlplane.auth.SigV4Directives;
import dev.apigw.node.controlplane.auth.SigV4Result;
import dev.apigw.node.controlplane.auth.SigV4Verifier;
import dev.apigw.node.controlplane.openapi.ExportService;
import dev.apigw.node.controlplane.openapi.ImportService;
import dev.apigw.node.controlplane.openapi.OpenApiRoutes;
import dev.apigw.node.controlplane.restapi.DefinitionRoutes;
import dev.apigw.node.controlplane.restapi.DefinitionService;
import dev.apigw.node.controlplane.restapi.HistoryRoutes;
import dev.apigw.node.controlplane.restapi.HistoryService;
import dev.apigw.node.controlplane.restapi.RestApis;
import dev.apigw.node.controlplane.restapi.StageRoutes;
import dev.apigw.node.controlplane.restapi.StageService;
import dev.apigw.node.controlplane.restapi.RestApiRoutes;
import dev.apigw.node.controlplane.restapi.RestApiService;
import dev.apigw.persistence.restapi.RestApiDirectory;
import dev.apigw.persistence.restapi.RestApiEntity;
import dev.apigw.persistence.restapi.RestApiHistory;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Assembles the management API: registers the entities it writes to with Cluster Sharding and
 * builds one route per resource family. A new resource family is one more entry in each list.
 */
public final class ControlPlane {
  private ControlPlane() {}

  /** Registers every control-plane entity with sharding on this node. */
  public static void initEntities(ActorSystem<?> system, String accountId) {
    RestApiEntity.init(system, accountId);
    RestApiDirectory.init(system);
  }

  /** The management API's route: request ids, SigV4, then the resource families. */
  public static Route route(ActorSystem<?> system, GatewaySettings settings) {
    var sharding = ClusterSharding.get(system);
    var clock = Clock.systemUTC();
    var askTimeout = settings.management().askTimeout();
    var verifier = new SigV4Verifier(settings.credentials(), "apigateway", clock, settings.maxClockSkew());
    var auth = new SigV4Directives(verifier, settings.management().maxBodyBytes(), askTimeout);
    var apis = new RestApis(sharding, askTimeout, settings.accountId());
    var restApiService = new RestApiService(sharding, apis, askTimeout, settings.accountId(), clock);
    var restApis = new RestApiRoutes(restApiService);
    var openApi = new OpenApiRoutes(new ImportService(restApiService, apis, clock), new ExportService(apis, settings.region()));
    var definitions = new DefinitionRoutes(new DefinitionService(apis, clock));
    var stages = new StageRoutes(new StageService(apis, clock));
    var history = new HistoryRoutes(new HistoryService(
        new RestApiHistory(system, settings.readJournalPluginId()), apis, clock));
    // OpenAPI first: its POST /restapis matches only with ?mode=..., before plain CreateRestApi.
    List<Function<SigV4Result.Accepted, Route>> resources = List.of(
        caller -> openApi.route(caller.accessKeyId()),
        caller -> restApis.route(caller.accessKeyId()),
        caller -> definitions.route(caller.accessKeyId()),
        caller -> stages.route(caller.accessKeyId()),
        caller -> history.route(caller.accessKeyId()));
    return new ManagementRoutes(auth, resources).route();
  }
}
