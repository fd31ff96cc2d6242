package dev.apigw.persistence.v2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.persistence.testing.EntityTestKits;
import dev.apigw.persistence.v2.ApiEntity;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ConflictException;
import dev.apigw.protocol.errors.LimitExceededException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.tags.TagChange;
import dev.apigw.protocol.v2.Api;
import dev.apigw.protocol.v2.Authorizer;
import dev.apigw.protocol.v2.Definition;
import dev.apigw.protocol.v2.Deployment;
import dev.apigw.protocol.v2.Integration;
import dev.apigw.protocol.v2.IntegrationResponse;
import dev.apigw.protocol.v2.Route;
import dev.apigw.protocol.v2.RouteResponse;
import dev.apigw.protocol.v2.RouteSettings;
import dev.apigw.protocol.v2.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final String ID = "ws0chat001";
  private static final String ACCOUNT = "000000000000";

  private EventSourcedBehaviorTestKit<ApiEntity.Command, ApiEntity.Event, ApiEntity.State> kit;
  private final List<String> announced = new ArrayList<>();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void fresh() {
    announced.clear();
    // Serialization checks stay on (the default): every command, event and state must round-trip.
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), ApiEntity.create(ACCOUNT, ID, announced::add));
  }

  static Api api() {
    return new Api(ID, "chat", "a chat", "$request.body.action", "$request.header.x-api-key", false, null,
        Map.of("team", "core"), T0, null);
  }

  static Integration mock(String id) {
    return new Integration(id, "MOCK", null, null, "INTERNET", null, null, Map.of(),
        Map.of("$default", "{\"statusCode\": 200}"), "\\$default", "WHEN_NO_MATCH", 29000, null, null, Map.of());
  }

  static Integration proxy(String id) {
    return new Integration(id, "HTTP_PROXY", "https://backend.example/chat", "POST", "INTERNET", null, "backend",
        Map.of(), Map.of(), null, "WHEN_NO_MATCH", 5000, null, null, Map.of());
  }

  static Route route(String id, String key, String integrationId) {
    return new Route(id, key, integrationId == null ? null : "integrations/" + integrationId, "NONE", null, false, null,
        null, null, Map.of(), Map.of(), Map.of());
  }

  private <T> StatusReply<T> run(java.util.function.Function<ActorRef<StatusReply<T>>, ApiEntity.Command> command) {
    return kit.<StatusReply<T>>runCommand(command::apply).reply();
  }

  private ApiEntity.Active inspect() {
    return this.<ApiEntity.Active>run(ApiEntity.Inspect::new).getValue();
  }

  private void create() {
    assertThat(this.<Api>run(r -> new ApiEntity.CreateApi(api(), "test", r)).isSuccess()).isTrue();
  }

  /** The chat API: a MOCK and an HTTP_PROXY integration, $connect and sendmessage routes. */
  private void chat() {
    create();
    chatDefinition();
  }

  private void chatDefinition() {
    this.<Integration>run(r -> new ApiEntity.CreateIntegration(mock("mock001"), T0, "test", r));
    this.<Integration>run(r -> new ApiEntity.CreateIntegration(proxy("prox001"), T0, "test", r));
    this.<Route>run(r -> new ApiEntity.CreateRoute(route("conn001", "$connect", "mock001"), T0, "test", r));
    this.<Route>run(r -> new ApiEntity.CreateRoute(route("send001", "sendmessage", "prox001"), T0, "test", r));
  }

  private StatusReply<Deployment> deploy(String id, String stageName) {
    return run(r -> new ApiEntity.CreateDeployment(id, "d " + id, stageName, T1, "test", r));
  }

  private static Stage stage(String name, String deploymentId) {
    return new Stage(name, deploymentId, null, Map.of("env", "prod"), RouteSettings.none(), Map.of(), Map.of(), T1, T1);
  }

  @Test
  void emptyEntityCreatesAndAnswersNotFoundToEverythingElse() {
    var get = kit.<StatusReply<Api>>runCommand(ApiEntity.GetApi::new);
    assertThat(get.reply().getError()).isInstanceOf(NotFoundException.class)
        .hasMessage("Invalid API identifier specified " + ACCOUNT + ":" + ID);
    assertThat(get.hasNoEvents()).isTrue();
    assertThat(this.<Route>run(r -> new ApiEntity.CreateRoute(route("r000001", "$default", null), T0, "test", r)).getError())
        .isInstanceOf(NotFoundException.class);
    assertThat(deploy("dep0001", null).getError()).isInstanceOf(NotFoundException.class);

    var created = kit.<StatusReply<Api>>runCommand(r -> new ApiEntity.CreateApi(api(), "test", r));
    assertThat(created.reply().getValue()).isEqualTo(api());
    assertThat(created.event()).isEqualTo(new ApiEntity.ApiCreated(api(), "test"));
    assertThat(created.state())
        .isEqualTo(new ApiEntity.Active(api(), Definition.empty(), Map.of(), Map.of()));
    assertThat(announced).containsExactly(ID);
  }

  @Test
  void activeEntityUpdatesRefusesSecondCreateAndDeletesForGood() {
    create();
    assertThat(this.<Api>run(r -> new ApiEntity.CreateApi(api(), "test", r)).getError())
        .isInstanceOf(ConflictException.class);
    var changes = new Api(null, "chat-v2", null, null, "$context.authorizer.usageIdentifierKey", null, null, null, null, null);
    Api updated = this.<Api>run(r -> new ApiEntity.UpdateApi(changes, T1, "test", r)).getValue();
    assertThat(updated.name()).isEqualTo("chat-v2");
    assertThat(updated.description()).isEqualTo("a chat");
    assertThat(updated.apiKeySelectionExpression()).isEqualTo("$context.authorizer.usageIdentifierKey");
    assertThat(updated.createdDate()).isEqualTo(T0);

    var deleted = kit.<StatusReply<Done>>runCommand(r -> new ApiEntity.DeleteApi(T1, "test", r));
    assertThat(deleted.event()).isEqualTo(new ApiEntity.ApiDeleted(ID, T1, "test"));
    assertThat(deleted.state()).isEqualTo(new ApiEntity.Removed(ID, T1));
    assertThat(this.<Api>run(r -> new ApiEntity.CreateApi(api(), "test", r)).getError())
        .isInstanceOf(ConflictException.class);
    assertThat(this.<Api>run(ApiEntity.GetApi::new).getError()).isInstanceOf(NotFoundException.class);
    assertThat(this.<Done>run(r -> new ApiEntity.DeleteApi(T1, "test", r)).getError())
        .isInstanceOf(NotFoundException.class);
    assertThat(announced).containsExactly(ID, ID, ID);
  }

  @Test
  void routesNeedUniqueKeysAndExistingTargets() {
    chat();
    assertThat(this.<Route>run(r -> new ApiEntity.CreateRoute(route("dup0001", "sendmessage", "mock001"), T0, "test", r))
        .getError()).isInstanceOf(ConflictException.class).hasMessage("Route with key sendmessage already exists for this API");
    assertThat(this.<Route>run(r -> new ApiEntity.CreateRoute(route("bad0001", "other", "nope001"), T0, "test", r))
        .getError()).isInstanceOf(BadRequestException.class).hasMessageContaining("integrations/nope001");
    var iam = new Route("iam0001", "other", null, "AWS_IAM", null, false, null, null, null, Map.of(), Map.of(), Map.of());
    assertThat(this.<Route>run(r -> new ApiEntity.CreateRoute(iam, T0, "test", r)).getError())
        .isInstanceOf(BadRequestException.class).hasMessageContaining("$connect");

    var changes = new Route(null, null, "integrations/mock001", null, null, true, "$default", null, null, null, null, null);
    Route updated = this.<Route>run(r -> new ApiEntity.UpdateRoute("send001", changes, T1, "test", r)).getValue();
    assertThat(updated.routeKey()).isEqualTo("sendmessage");
    assertThat(updated.target()).isEqualTo("integrations/mock001");
    assertThat(updated.apiKeyRequired()).isTrue();
    var rename = new Route(null, "$connect", null, null, null, null, null, null, null, null, null, null);
    assertThat(this.<Route>run(r -> new ApiEntity.UpdateRoute("send001", rename, T1, "test", r)).getError())
        .isInstanceOf(ConflictException.class);
    assertThat(this.<Route>run(r -> new ApiEntity.UpdateRoute("nope001", rename, T1, "test", r)).getError())
        .isInstanceOf(NotFoundException.class).hasMessage("Invalid Route identifier specified nope001");

    assertThat(this.<Done>run(r -> new ApiEntity.DeleteIntegration("mock001", T1, "test", r)).getError())
        .isInstanceOf(BadRequestException.class).hasMessageContaining("target of route");
    assertThat(this.<Done>run(r -> new ApiEntity.DeleteIntegration("prox001", T1, "test", r)).isSuccess()).isTrue();
    assertThat(this.<Done>run(r -> new ApiEntity.DeleteRoute("send001", T1, "test", r)).isSuccess()).isTrue();
    assertThat(this.<Done>run(r -> new ApiEntity.DeleteRoute("send001", T1, "test", r)).getError())
        .isInstanceOf(NotFoundException.class);
    assertThat(inspect().routesByKey()).extracting(Route::routeKey).containsExactly("$connect");
  }

  @Test
  void routeAndIntegrationResponsesLiveInsideTheirParents() {
    chat();
    var response = new RouteResponse("rr00001", "$default", null, Map.of(), Map.of());
    assertThat(this.<RouteResponse>run(r -> new ApiEntity.CreateRouteResponse("send001", response, T1, "test", r))
        .getValue()).isEqualTo(response);
    var again = new RouteResponse("rr00002", "$default", null, Map.of(), Map.of());
    assertThat(this.<RouteResponse>run(r -> new ApiEntity.CreateRouteResponse("send001", again, T1, "test", r))
        .getError()).isInstanceOf(ConflictException.class);
    assertThat(this.<RouteResponse>run(r -> new ApiEntity.CreateRouteResponse("nope001", again, T1, "test", r))
        .getError()).isInstanceOf(NotFoundException.class);
    assertThat(inspect().routeResponse("send001", "rr00001")).isEqualTo(response);

    var ok = new IntegrationResponse("ir00001", "/2\\d\\d/", Map.of(), Map.of("$default", "ok"), "\\$default", null);
    assertThat(this.<IntegrationResponse>run(
        r -> new ApiEntity.CreateIntegrationResponse("prox001", ok, T1, "test", r)).getValue()).isEqualTo(ok);
    var dup = new IntegrationResponse("ir00002", "/2\\d\\d/", Map.of(), Map.of(), null, null);
    assertThat(this.<IntegrationResponse>run(
        r -> new ApiEntity.CreateIntegrationResponse("prox001", dup, T1, "test", r)).getError())
        .isInstanceOf(ConflictException.class);

    // Updating the integration keeps its responses.
    var changes = new Integration(null, null, null, null, null, null, null, null, null, null, null, 1000, null, null, null);
    Integration updated = this.<Integration>run(
        r -> new ApiEntity.UpdateIntegration("prox001", changes, T1, "test", r)).getValue();
    assertThat(updated.timeoutInMillis()).isEqualTo(1000);
    assertThat(updated.integrationUri()).isEqualTo("https://backend.example/chat");
    assertThat(updated.responses()).containsOnlyKeys("ir00001");

    assertThat(this.<Done>run(r -> new ApiEntity.DeleteIntegrationResponse("prox001", "ir00001", T1, "test", r))
        .isSuccess()).isTrue();
    assertThat(this.<Done>run(r -> new ApiEntity.DeleteRouteResponse("send001", "rr00001", T1, "test", r))
        .isSuccess()).isTrue();
    assertThat(this.<Done>run(r -> new ApiEntity.DeleteRouteResponse("send001", "rr00001", T1, "test", r))
        .getError()).isInstanceOf(NotFoundException.class).hasMessage("Invalid RouteResponse identifier specified rr00001");
    assertThat(inspect().integration("prox001").responses()).isEmpty();
  }

  @Test
  void aRouteOrIntegrationCreatedWithoutResponsesTakesResponsesLater() {
    create();
    var bare = new Integration("bare001", "MOCK", null, null, "INTERNET", null, null, null, null, null, null, null,
        null, null, null);
    this.<Integration>run(r -> new ApiEntity.CreateIntegration(bare, T0, "test", r));
    var ok = new IntegrationResponse("ir00009", "$default", Map.of(), Map.of(), null, null);
    assertThat(this.<IntegrationResponse>run(
        r -> new ApiEntity.CreateIntegrationResponse("bare001", ok, T1, "test", r)).getValue()).isEqualTo(ok);
    var route = new Route("bare002", "ping", null, "NONE", null, false, null, null, null, null, null, null);
    this.<Route>run(r -> new ApiEntity.CreateRoute(route, T0, "test", r));
    var response = new RouteResponse("rr00009", "$default", null, Map.of(), Map.of());
    assertThat(this.<RouteResponse>run(r -> new ApiEntity.CreateRouteResponse("bare002", response, T1, "test", r))
        .getValue()).isEqualTo(response);
  }

  @Test
  void authorizersAreConfigurationThatRoutesReference() {
    chat();
    var auth = new Authorizer("auth001", "tokens", "REQUEST", "arn:aws:apigateway:us-east-1:lambda:path/fn", null,
        List.of("route.request.header.Auth"), null, 300);
    assertThat(this.<Authorizer>run(r -> new ApiEntity.CreateAuthorizer(auth, T1, "test", r)).getValue())
        .isEqualTo(auth);
    var custom = new Route(null, null, null, "CUSTOM", "auth001", null, null, null, null, null, null, null);
    assertThat(this.<Route>run(r -> new ApiEntity.UpdateRoute("conn001", custom, T1, "test", r)).getValue()
        .authorizerId()).isEqualTo("auth001");
    var missing = new Route(null, null, null, "CUSTOM", "nope001", null, null, null, null, null, null, null);
    assertThat(this.<Route>run(r -> new ApiEntity.UpdateRoute("conn001", missing, T1, "test", r)).getError())
        .isInstanceOf(BadRequestException.class);
    assertThat(this.<Done>run(r -> new ApiEntity.DeleteAuthorizer("auth001", T1, "test", r)).getError())
        .isInstanceOf(BadRequestException.class).hasMessageContaining("used by route $connect");
  }

  @Test
  void deploymentIsAnImmutableSnapshotAndStagesPointAtDeployments() {
    create();
    assertThat(deploy("dep0001", null).getError()).isInstanceOf(BadRequestException.class)
        .hasMessage("At least one route is required before deploying the Api.");
    chatDefinition();
    Deployment first = deploy("dep0001", null).getValue();
    assertThat(first.definition().routes()).containsOnlyKeys("conn001", "send001");

    // Later edits do not reach the deployment.
    var changes = new Route(null, "say", "integrations/mock001", null, null, null, null, null, null, null, null, null);
    this.<Route>run(r -> new ApiEntity.UpdateRoute("send001", changes, T1, "test", r));
    this.<Route>run(r -> new ApiEntity.CreateRoute(route("dflt001", "$default", "mock001"), T1, "test", r));
    Deployment stored = inspect().deployment("dep0001");
    assertThat(stored).isEqualTo(first);
    assertThat(stored.definition().routes().get("send001").routeKey()).isEqualTo("sendmessage");
    assertThat(stored.definition().routes().get("send001").target()).isEqualTo("integrations/prox001");

    assertThat(this.<Stage>run(r -> new ApiEntity.CreateStage(stage("prod", "nope001"), "test", r)).getError())
        .isInstanceOf(NotFoundException.class).hasMessage("Invalid Deployment identifier specified nope001");
    assertThat(this.<Stage>run(r -> new ApiEntity.CreateStage(stage("prod", "dep0001"), "test", r)).getValue()
        .deploymentId()).isEqualTo("dep0001");
    assertThat(this.<Stage>run(r -> new ApiEntity.CreateStage(stage("prod", "dep0001"), "test", r)).getError())
        .isInstanceOf(ConflictException.class);
    assertThat(deploy("dep0002", "nostage").getError()).isInstanceOf(NotFoundException.class);

    var result = kit.<StatusReply<Deployment>>runCommand(
        r -> new ApiEntity.CreateDeployment("dep0002", null, "prod", T1, "test", r));
    assertThat(result.events()).hasSize(2);
    assertThat(inspect().stage("prod").deploymentId()).isEqualTo("dep0002");
    assertThat(inspect().deployment("dep0002").definition().routes().get("send001").routeKey()).isEqualTo("say");

    assertThat(this.<Done>run(r -> new ApiEntity.DeleteDeployment("dep0002", T1, "test", r)).getError())
        .isInstanceOf(BadRequestException.class);
    assertThat(this.<Done>run(r -> new ApiEntity.DeleteDeployment("dep0001", T1, "test", r)).isSuccess()).isTrue();
    assertThat(inspect().deployments()).containsOnlyKeys("dep0002");
  }

  @Test
  void stagesUpdateByMergingAndAreLimited() {
    chat();
    deploy("dep0001", null);
    this.<Stage>run(r -> new ApiEntity.CreateStage(stage("prod", "dep0001"), "test", r));
    var changes = new Stage(null, null, "production", null, new RouteSettings(null, null, "INFO", 100, 50.0),
        Map.of("sendmessage", new RouteSettings(true, null, null, 10, 5.0)), null, null, null);
    Stage updated = this.<Stage>run(r -> new ApiEntity.UpdateStage("prod", changes, T1.plusSeconds(1), "test", r))
        .getValue();
    assertThat(updated.description()).isEqualTo("production");
    assertThat(updated.stageVariables()).containsEntry("env", "prod");
    assertThat(updated.defaultRouteSettings()).isEqualTo(new RouteSettings(null, null, "INFO", 100, 50.0));
    assertThat(updated.routeSettings().get("sendmessage").throttlingBurstLimit()).isEqualTo(10);
    assertThat(updated.lastUpdatedDate()).isEqualTo(T1.plusSeconds(1));
    var unknownRoute = new Stage(null, null, null, null, null, Map.of("nosuch", RouteSettings.none()), null, null, null);
    assertThat(this.<Stage>run(r -> new ApiEntity.UpdateStage("prod", unknownRoute, T1, "test", r)).getError())
        .isInstanceOf(BadRequestException.class).hasMessageContaining("nosuch");
    assertThat(this.<Stage>run(r -> new ApiEntity.UpdateStage("test", unknownRoute, T1, "test", r)).getError())
        .isInstanceOf(NotFoundException.class).hasMessage("Invalid Stage identifier specified test");

    for (int i = 1; i < ApiEntity.MAX_STAGES; i++) {
      String name = "s" + i;
      assertThat(this.<Stage>run(r -> new ApiEntity.CreateStage(stage(name, null), "test", r)).isSuccess()).isTrue();
    }
    assertThat(this.<Stage>run(r -> new ApiEntity.CreateStage(stage("one-too-many", null), "test", r)).getError())
        .isInstanceOf(LimitExceededException.class);
    assertThat(this.<Done>run(r -> new ApiEntity.DeleteStage("prod", T1, "test", r)).isSuccess()).isTrue();
    assertThat(this.<Done>run(r -> new ApiEntity.DeleteStage("prod", T1, "test", r)).getError())
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void restartRecoversEverythingFromTheJournal() {
    chat();
    this.<RouteResponse>run(r -> new ApiEntity.CreateRouteResponse("send001",
        new RouteResponse("rr00001", "$default", null, Map.of(), Map.of("x", true)), T1, "test", r));
    deploy("dep0001", null);
    this.<Stage>run(r -> new ApiEntity.CreateStage(stage("prod", "dep0001"), "test", r));
    this.<Done>run(r -> new ApiEntity.DeleteRoute("conn001", T1, "test", r));
    ApiEntity.Active before = inspect();

    kit.restart();

    assertThat(inspect()).isEqualTo(before);
    assertThat(inspect().deployment("dep0001").definition().routes()).containsOnlyKeys("conn001", "send001");
  }

  @Test
  void removedEntityAnswersNotFoundAndRecoversAsRemoved() {
    create();
    this.<Done>run(r -> new ApiEntity.DeleteApi(T1, "test", r));
    assertThat(this.<Integration>run(r -> new ApiEntity.CreateIntegration(mock("mock001"), T1, "test", r))
        .getError()).isInstanceOf(NotFoundException.class);
    assertThat(this.<ApiEntity.Active>run(ApiEntity.Inspect::new).getError())
        .isInstanceOf(NotFoundException.class);
    kit.restart();
    assertThat(kit.getState()).isEqualTo(new ApiEntity.Removed(ID, T1));
  }
  @Test
  void anHttpApiAutoDeploysEveryChangeInTheSameWriteAndRecoversIt() {
    var ids = new java.util.ArrayDeque<>(List.of("dep0001", "dep0002", "dep0003"));
    kit = EventSourcedBehaviorTestKit.create(testKit.system(),
        ApiEntity.create(ACCOUNT, ID, announced::add, ids::removeFirst));
    Api http = new Api(ID, "http", null, "$request.method $request.path", "$request.header.x-api-key", false, null,
        null, T0, Api.HTTP, null);
    Integration lambda = new Integration("int0001", "AWS_PROXY", "arn:aws:lambda:us-east-1:000000000000:function:f",
        "POST", "INTERNET", null, null, Map.of(), Map.of(), null, null, 30000, null, null, Map.of(), "2.0", null,
        Map.of(), true, null);
    Route all = new Route("rte0001", "$default", "integrations/int0001", "NONE", null, false, null, null, null,
        Map.of(), Map.of(), Map.of(), List.of(), true);
    Stage stage = new Stage("$default", null, null, Map.of(), RouteSettings.none(), Map.of(), null, T0, T0, true, null,
        true, null);
    var created = kit.<StatusReply<Api>>runCommand(r -> new ApiEntity.CreateApi(http,
        Definition.empty().withIntegration(lambda).withRoute(all), List.of(stage), "AKID", r));
    assertThat(created.reply().isSuccess()).isTrue();
    assertThat(created.events()).extracting(e -> e.getClass().getSimpleName()).containsExactly("ApiCreated",
        "IntegrationCreated", "RouteCreated", "StageCreated", "DeploymentCreated", "StageUpdated");
    assertThat(inspect().stage("$default").deploymentId()).isEqualTo("dep0001");
    assertThat(inspect().deployment("dep0001").autoDeployed()).isTrue();

    var cors = new dev.apigw.protocol.v2.Cors(null, null, null, List.of("https://a.example"), null, 60);
    var updated = kit.<StatusReply<Api>>runCommand(
        r -> new ApiEntity.UpdateApi(http.withCors(cors), T1, "AKID", r));
    assertThat(updated.events()).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("ApiUpdated", "DeploymentCreated", "StageUpdated");
    var unchanged = kit.<StatusReply<Api>>runCommand(r -> new ApiEntity.UpdateApi(http.withCors(cors), T1, "AKID", r));
    assertThat(unchanged.events()).as("no change, no deployment").hasSize(1);

    kit.restart();
    assertThat(inspect().stage("$default").deploymentId()).isEqualTo("dep0002");
    assertThat(inspect().api().corsConfiguration()).isEqualTo(cors);
    assertThat(inspect().stage("$default").lastDeploymentStatusMessage())
        .isEqualTo("Successfully deployed stage with deployment ID 'dep0002'");
  }
  @Test
  void restoringAnAutoDeployStageBringsBackItsDeploymentWithoutDeployingAgain() {
    var ids = new java.util.ArrayDeque<>(List.of("dep0001", "dep0002", "dep0003"));
    kit = EventSourcedBehaviorTestKit.create(testKit.system(),
        ApiEntity.create(ACCOUNT, ID, announced::add, ids::removeFirst));
    Api http = new Api(ID, "http", null, "$request.method $request.path", "$request.header.x-api-key", false, null,
        null, T0, Api.HTTP, null);
    Route all = new Route("rte0001", "$default", "integrations/int0001", "NONE", null, false, null, null, null,
        Map.of(), Map.of(), Map.of(), List.of(), true);
    Integration proxy = new Integration("int0001", "HTTP_PROXY", "https://backend.example", "ANY", "INTERNET", null,
        null, Map.of(), Map.of(), null, null, 30000, null, null, Map.of(), "1.0", null, Map.of(), null, null);
    Stage stage = new Stage("$default", null, null, Map.of(), RouteSettings.none(), Map.of(), null, T0, T0, true, null,
        true, null);
    assertThat(kit.<StatusReply<Api>>runCommand(r -> new ApiEntity.CreateApi(http,
        Definition.empty().withIntegration(proxy).withRoute(all), List.of(stage), "AKID", r)).reply().isSuccess()).isTrue();
    Stage first = inspect().stage("$default");
    assertThat(first.deploymentId()).isEqualTo("dep0001");
    this.<Route>run(r -> new ApiEntity.UpdateRoute("rte0001", new Route(null, null, null, null, null, null, null, null, "Renamed",
        null, null, null), T1, "AKID", r));
    assertThat(inspect().stage("$default").deploymentId()).isEqualTo("dep0002");

    var restored = kit.<StatusReply<Stage>>runCommand(
        r -> new ApiEntity.RestoreStage(first, T0, T1.plusSeconds(5), "AKID", r));
    assertThat(restored.events()).extracting(e -> e.getClass().getSimpleName()).containsExactly("StageRestored");
    assertThat(restored.reply().getValue().deploymentId()).isEqualTo("dep0001");
    assertThat(restored.reply().getValue().lastDeploymentStatusMessage()).startsWith("Rolled back to deployment ID 'dep0001'");
    kit.restart();
    assertThat(inspect().stage("$default").deploymentId()).isEqualTo("dep0001");
    assertThat(inspect().stage("$default").lastUpdatedDate()).isEqualTo(T1.plusSeconds(5));

    this.<Done>run(r -> new ApiEntity.DeleteStage("$default", T1.plusSeconds(6), "AKID", r));
    this.<Done>run(r -> new ApiEntity.DeleteDeployment("dep0001", T1.plusSeconds(7), "AKID", r));
    assertThat(this.<Stage>run(r -> new ApiEntity.RestoreStage(first, T0, T1.plusSeconds(8), "AKID", r)).getError())
        .isInstanceOf(BadRequestException.class).hasMessageContaining("has been deleted");
  }
  @Test
  void quickCreateTargetsChangeInOneWriteTagsChangeAloneAndManagedPartsAreGuarded() {
    var ids = new java.util.ArrayDeque<>(List.of("dep0001", "dep0002", "dep0003"));
    kit = EventSourcedBehaviorTestKit.create(testKit.system(),
        ApiEntity.create(ACCOUNT, ID, announced::add, ids::removeFirst));
    Api http = new Api(ID, "http", null, "$request.method $request.path", "$request.header.x-api-key", false, null,
        Map.of("team", "a"), T0, Api.HTTP, null);
    Integration lambda = new Integration("int0001", "AWS_PROXY", "arn:aws:lambda:us-east-1:000000000000:function:f",
        "POST", "INTERNET", null, null, Map.of(), Map.of(), null, null, 30000, null, null, Map.of(), "2.0", null,
        Map.of(), true, null);
    Route all = new Route("rte0001", "$default", "integrations/int0001", "NONE", null, false, null, null, null,
        Map.of(), Map.of(), Map.of(), List.of(), true);
    Stage stage = new Stage("$default", null, null, Map.of(), RouteSettings.none(), Map.of(), null, T0, T0, true, null,
        true, null);
    kit.<StatusReply<Api>>runCommand(r -> new ApiEntity.CreateApi(http,
        Definition.empty().withIntegration(lambda).withRoute(all), List.of(stage), "AKID", r));

    Integration target = new Integration(null, "HTTP_PROXY", "https://backend.example", "ANY", null, null, null, null,
        null, null, null, null, null, null, null, "1.0", null, null, null, null);
    Route key = new Route(null, "GET /pets", null, null, null, null, null, null, null, null, null, null, null, null);
    var moved = kit.<StatusReply<Api>>runCommand(r -> new ApiEntity.UpdateQuickCreate(
        new Api(null, null, "moved", null, null, null, null, null, null, null, null), "int0001", target, "rte0001", key,
        T1, "AKID", r));
    assertThat(moved.events()).extracting(e -> e.getClass().getSimpleName()).containsExactly("ApiUpdated",
        "IntegrationUpdated", "RouteUpdated", "DeploymentCreated", "StageUpdated");
    assertThat(inspect().integration("int0001").integrationUri()).isEqualTo("https://backend.example");
    assertThat(inspect().integration("int0001").apiGatewayManaged()).isTrue();
    assertThat(inspect().route("rte0001").routeKey()).isEqualTo("GET /pets");

    var tagged = kit.<StatusReply<Done>>runCommand(
        r -> new ApiEntity.Retag(null, TagChange.tag(Map.of("env", "prod", "team", "a")), T1, null, r));
    assertThat(tagged.events()).as("tags deploy nothing").hasSize(1);
    var stageTagged = kit.<StatusReply<Done>>runCommand(
        r -> new ApiEntity.Retag("$default", TagChange.tag(Map.of("tier", "gold")), T1, null, r));
    assertThat(stageTagged.reply().isSuccess()).as("a managed stage can be tagged").isTrue();
    // The entity applies each change to the tags it holds: a change names only what it changes.
    kit.<StatusReply<Done>>runCommand(r -> new ApiEntity.Retag(null, TagChange.tag(Map.of("cost", "42")), T1, null, r));
    kit.<StatusReply<Done>>runCommand(r -> new ApiEntity.Retag(null, TagChange.untag(List.of("team", "absent")), T1, null, r));
    assertThat(inspect().api().tags()).isEqualTo(Map.of("env", "prod", "cost", "42"));
    assertThat(inspect().stage("$default").tags()).isEqualTo(Map.of("tier", "gold"));
    Map<String, String> many = new java.util.HashMap<>();
    for (int i = 0; i < 49; i++) {
      many.put("k" + i, "v");
    }
    assertThat(this.<Done>run(r -> new ApiEntity.Retag(null, TagChange.tag(many), T1, null, r)).getError())
        .as("the limit applies to the merged tags").isInstanceOf(BadRequestException.class)
        .hasMessage("Too many tags: 51 (expected: at most 50)");
    assertThat(this.<Done>run(r -> new ApiEntity.Retag("nope", TagChange.tag(Map.of()), T1, null, r)).getError())
        .isInstanceOf(NotFoundException.class);

    assertThat(this.<Done>run(r -> new ApiEntity.DeleteIntegration("int0001", T1, "AKID", r)).getError())
        .isInstanceOf(BadRequestException.class).hasMessageContaining("managed by API Gateway");
    assertThat(this.<Route>run(r -> new ApiEntity.UpdateRoute("rte0001",
        new Route(null, "GET /cats", null, null, null, null, null, null, null, null, null, null, null, null), T1, "AKID",
        r)).getError()).isInstanceOf(BadRequestException.class).hasMessageContaining("route key");
    assertThat(this.<Stage>run(r -> new ApiEntity.UpdateStage("$default", new Stage("$default", null, "x", null, null,
        null, null, null, null), T1, "AKID", r)).getError())
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Cannot modify the $default stage");

    kit.restart();
    assertThat(inspect().api().tags()).isEqualTo(Map.of("env", "prod", "cost", "42"));
    assertThat(inspect().api().description()).isEqualTo("moved");
    assertThat(inspect().stage("$default").tags()).isEqualTo(Map.of("tier", "gold"));
    assertThat(inspect().stage("$default").deploymentId()).isEqualTo("dep0002");
  }
}
