package dev.apigw.persistence.restapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.persistence.testing.EntityTestKits;
import dev.apigw.protocol.PatchOperation;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ConflictException;
import dev.apigw.protocol.errors.LimitExceededException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.DefinitionChange;
import dev.apigw.protocol.restapi.Deployment;
import dev.apigw.protocol.restapi.Integration;
import dev.apigw.protocol.restapi.IntegrationResponse;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.MethodResponse;
import dev.apigw.protocol.restapi.RestApi;
import dev.apigw.protocol.restapi.Stage;
import dev.apigw.protocol.tags.TagChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestApiEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  private static final String ID = "abcde12345";
  private static final String ROOT = "root123456";

  private EventSourcedBehaviorTestKit<RestApiEntity.Command, RestApiEntity.Event, RestApiEntity.State> kit;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void fresh() {
    // Serialization checks stay on (the default): every command, event and state must round-trip.
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), RestApiEntity.create("000000000000", ID));
  }

  static RestApi api() {
    return new RestApi(ID, "pets", "a pet store", T0, "v1", List.of("image/png"), 1024, "HEADER",
        List.of("REGIONAL"), false, null, Map.of("team", "core"), ROOT);
  }

  static Method get() {
    return new Method("GET", "NONE", null, false, null, Map.of("method.request.querystring.page", false), Map.of(),
        null, List.of(), Map.of(), null);
  }

  static Integration mock() {
    return new Integration("MOCK", null, null, "INTERNET", null, null, Map.of(),
        Map.of("application/json", "{\"statusCode\": 200}"), "WHEN_NO_MATCH", null, 29000, null, List.of(), Map.of());
  }

  private StatusReply<RestApi> create() {
    return kit.<StatusReply<RestApi>>runCommand(r -> new RestApiEntity.Create(api(), "test", r)).reply();
  }

  private StatusReply<ApiDefinition> change(DefinitionChange change) {
    return kit.<StatusReply<ApiDefinition>>runCommand(r -> new RestApiEntity.ChangeDefinition(change, T0, "test", r)).reply();
  }

  private RestApiEntity.Active inspect() {
    return kit.<StatusReply<RestApiEntity.Active>>runCommand(RestApiEntity.Inspect::new).reply().getValue();
  }

  /** Root + /pets with a MOCK GET: the smallest deployable API. */
  private void deployable() {
    create();
    change(new DefinitionChange.ResourceCreated("pets000001", ROOT, "pets"));
    change(new DefinitionChange.MethodPut("pets000001", get()));
    change(new DefinitionChange.IntegrationPut("pets000001", "GET", mock()));
  }

  private StatusReply<Deployment> deploy(String id, String stage, Instant at) {
    return kit.<StatusReply<Deployment>>runCommand(
        r -> new RestApiEntity.CreateDeployment(id, "d " + id, stage, null, Map.of("v", "1"), at, "test", r)).reply();
  }

  private StatusReply<Stage> updateStage(String stage, PatchOperation... ops) {
    return kit.<StatusReply<Stage>>runCommand(
        r -> new RestApiEntity.UpdateStage(stage, List.of(ops), T0.plusSeconds(500), "test", r)).reply();
  }

  @Test
  void emptyEntityCreatesAndAnswersNotFoundToEverythingElse() {
    var get = kit.<StatusReply<RestApi>>runCommand(RestApiEntity.Get::new);
    assertThat(get.reply().getError()).isInstanceOf(NotFoundException.class)
        .hasMessage("Invalid API identifier specified 000000000000:" + ID);
    assertThat(get.hasNoEvents()).isTrue();
    assertThat(change(new DefinitionChange.ResourceDeleted("x")).getError()).isInstanceOf(NotFoundException.class);
    assertThat(deploy("dep0000001", "prod", T0).getError()).isInstanceOf(NotFoundException.class);

    var result = kit.<StatusReply<RestApi>>runCommand(r -> new RestApiEntity.Create(api(), "test", r));
    assertThat(result.reply().getValue()).isEqualTo(api());
    assertThat(result.event()).isEqualTo(new RestApiEntity.Created(api(), "test"));
    assertThat(result.state()).isEqualTo(new RestApiEntity.Active(api(), ApiDefinition.empty(ROOT), Map.of(), Map.of()));
  }

  @Test
  void activeEntityRefusesSecondCreateAndDeletes() {
    create();
    assertThat(create().getError()).isInstanceOf(ConflictException.class);
    var delete = kit.<StatusReply<Done>>runCommand(r -> new RestApiEntity.Delete(T0, "test", r));
    assertThat(delete.event()).isEqualTo(new RestApiEntity.Deleted(ID, T0, "test"));
    assertThat(delete.state()).isEqualTo(new RestApiEntity.Removed(ID, T0));
    assertThat(create().getError()).isInstanceOf(ConflictException.class);
    assertThat(kit.<StatusReply<RestApi>>runCommand(RestApiEntity.Get::new).reply().getError()).isInstanceOf(NotFoundException.class);
    assertThat(kit.<StatusReply<Done>>runCommand(r -> new RestApiEntity.Delete(T0, "test", r)).reply().getError())
        .isInstanceOf(NotFoundException.class);
  }

  private StatusReply<Done> retag(String stage, TagChange change) {
    return kit.<StatusReply<Done>>runCommand(r -> new RestApiEntity.Retag(stage, change, T0, "test", r)).reply();
  }

  @Test
  void retagAppliesEachChangeToTheCurrentTags() {
    deployable();
    deploy("dep0000001", "prod", T0);
    // Each change names only what it changes; the entity merges it into what it holds, so none undoes another.
    assertThat(retag(null, TagChange.tag(Map.of("cost", "42"))).isSuccess()).isTrue();
    assertThat(retag(null, TagChange.tag(Map.of("env", "prod"))).isSuccess()).isTrue();
    var removed = kit.<StatusReply<Done>>runCommand(
        r -> new RestApiEntity.Retag(null, TagChange.untag(List.of("team", "absent")), T0, "test", r));
    assertThat(removed.event()).isInstanceOfSatisfying(RestApiEntity.RestApiUpdated.class, e -> assertThat(e.operations())
        .containsExactly(new PatchOperation("remove", "/tags/team", null, null)));
    assertThat(inspect().api().tags()).isEqualTo(Map.of("cost", "42", "env", "prod"));
    assertThat(kit.<StatusReply<Done>>runCommand(
        r -> new RestApiEntity.Retag(null, TagChange.tag(Map.of("env", "prod")), T0, "test", r)).hasNoEvents())
        .as("no change, no event").isTrue();

    retag("prod", TagChange.tag(Map.of("a", "1")));
    retag("prod", TagChange.tag(Map.of("b", "2")));
    retag("prod", TagChange.untag(List.of("a")));
    assertThat(inspect().stages().get("prod").tags()).isEqualTo(Map.of("b", "2"));
    assertThat(retag("nope", TagChange.tag(Map.of("a", "1"))).getError()).isInstanceOf(NotFoundException.class);

    Map<String, String> many = new java.util.HashMap<>();
    for (int i = 0; i < 49; i++) {
      many.put("k" + i, "v");
    }
    assertThat(retag(null, TagChange.tag(many)).getError()).as("the limit applies to the merged tags")
        .isInstanceOf(BadRequestException.class).hasMessage("Too many tags: 51 (expected: at most 50)");
    assertThat(inspect().api().tags()).isEqualTo(Map.of("cost", "42", "env", "prod"));
    kit.restart();
    assertThat(inspect().api().tags()).isEqualTo(Map.of("cost", "42", "env", "prod"));
    assertThat(inspect().stages().get("prod").tags()).isEqualTo(Map.of("b", "2"));
  }

  @Test
  void definitionChangesBuildTheTreeAndAreChecked() {
    create();
    var pets = change(new DefinitionChange.ResourceCreated("pets000001", ROOT, "pets")).getValue();
    assertThat(pets.resource("pets000001").path()).isEqualTo("/pets");
    var id = change(new DefinitionChange.ResourceCreated("petid00001", "pets000001", "{petId}")).getValue();
    assertThat(id.resource("petid00001").path()).isEqualTo("/pets/{petId}");

    assertThat(change(new DefinitionChange.ResourceCreated("dup0000001", ROOT, "pets")).getError())
        .isInstanceOf(ConflictException.class);
    assertThat(change(new DefinitionChange.ResourceCreated("var0000001", "pets000001", "{other}")).getError())
        .isInstanceOf(BadRequestException.class).hasMessageContaining("variable path part");
    assertThat(change(new DefinitionChange.ResourceCreated("bad0000001", ROOT, "a/b")).getError())
        .isInstanceOf(BadRequestException.class);
    assertThat(change(new DefinitionChange.ResourceCreated("orph000001", "nope", "x")).getError())
        .isInstanceOf(NotFoundException.class);

    change(new DefinitionChange.MethodPut("petid00001", get()));
    assertThat(change(new DefinitionChange.MethodPut("petid00001", get())).getError()).isInstanceOf(ConflictException.class);
    change(new DefinitionChange.MethodResponsePut("petid00001", "GET", new MethodResponse("200", Map.of(), Map.of())));
    change(new DefinitionChange.IntegrationPut("petid00001", "GET", mock()));
    var withResponse = change(new DefinitionChange.IntegrationResponsePut("petid00001", "GET",
        new IntegrationResponse("200", null, Map.of(), Map.of("application/json", "{}"), null))).getValue();
    assertThat(withResponse.integration("petid00001", "GET").integrationResponses()).containsKey("200");
    // Replacing the integration keeps its responses, as AWS does.
    var replaced = change(new DefinitionChange.IntegrationPut("petid00001", "GET", mock())).getValue();
    assertThat(replaced.integration("petid00001", "GET").integrationResponses()).containsKey("200");

    var gone = change(new DefinitionChange.ResourceDeleted("pets000001")).getValue();
    assertThat(gone.resources()).containsOnlyKeys(ROOT);
    assertThat(change(new DefinitionChange.ResourceDeleted(ROOT)).getError()).isInstanceOf(BadRequestException.class);
  }

  @Test
  void deploymentFreezesTheDefinitionAndCreatesOrMovesTheStage() {
    create();
    assertThat(deploy("dep0000000", "prod", T0).getError()).isInstanceOf(BadRequestException.class)
        .hasMessageContaining("doesn't contain any methods");
    change(new DefinitionChange.ResourceCreated("pets000001", ROOT, "pets"));
    change(new DefinitionChange.MethodPut("pets000001", get()));
    assertThat(deploy("dep0000000", "prod", T0).getError()).hasMessageContaining("No integration defined");
    change(new DefinitionChange.IntegrationPut("pets000001", "GET", mock()));

    var first = kit.<StatusReply<Deployment>>runCommand(
        r -> new RestApiEntity.CreateDeployment("dep0000001", "first", "prod", "production", Map.of("v", "1"), T0, "test", r));
    assertThat(first.events()).hasSize(2);
    assertThat(first.events().get(1)).isInstanceOf(RestApiEntity.StageCreated.class);
    Deployment frozen = first.reply().getValue();

    change(new DefinitionChange.MethodDeleted("pets000001", "GET"));
    assertThat(inspect().deployments().get("dep0000001")).isEqualTo(frozen);
    assertThat(frozen.definition().resource("pets000001").methods()).containsKey("GET");

    change(new DefinitionChange.MethodPut("pets000001", get()));
    change(new DefinitionChange.IntegrationPut("pets000001", "GET", mock()));
    var second = kit.<StatusReply<Deployment>>runCommand(
        r -> new RestApiEntity.CreateDeployment("dep0000002", "second", "prod", null, Map.of(), T0.plusSeconds(60), "test", r));
    assertThat(second.events().get(1)).isInstanceOf(RestApiEntity.StageUpdated.class);
    assertThat(inspect().stages().get("prod").deploymentId()).isEqualTo("dep0000002");
    assertThat(inspect().stages().get("prod").variables()).containsEntry("v", "1");

    var inUse = kit.<StatusReply<Done>>runCommand(r -> new RestApiEntity.DeleteDeployment("dep0000002", T0, "test", r));
    assertThat(inUse.reply().getError()).isInstanceOf(BadRequestException.class).hasMessageContaining("Active stages");
    var unused = kit.<StatusReply<Done>>runCommand(r -> new RestApiEntity.DeleteDeployment("dep0000001", T0, "test", r));
    assertThat(unused.reply().isSuccess()).isTrue();
    assertThat(kit.<StatusReply<Done>>runCommand(r -> new RestApiEntity.DeleteDeployment("dep0000001", T0, "test", r))
        .reply().getError()).isInstanceOf(NotFoundException.class);
  }

  @Test
  void stagesAreCreatedPatchedLimitedAndDeleted() {
    deployable();
    deploy("dep0000001", null, T0);
    var created = kit.<StatusReply<Stage>>runCommand(r -> new RestApiEntity.CreateStage(
        RestApiEntity.newStage("beta", "dep0000001", "b", Map.of("a", "1"), T0), "test", r));
    assertThat(created.event()).isInstanceOf(RestApiEntity.StageCreated.class);
    assertThat(kit.<StatusReply<Stage>>runCommand(r -> new RestApiEntity.CreateStage(
        RestApiEntity.newStage("beta", "dep0000001", null, Map.of(), T0), "test", r)).reply().getError())
        .isInstanceOf(ConflictException.class);
    assertThat(kit.<StatusReply<Stage>>runCommand(r -> new RestApiEntity.CreateStage(
        RestApiEntity.newStage("gamma", "nope", null, Map.of(), T0), "test", r)).reply().getError())
        .isInstanceOf(NotFoundException.class);
    assertThat(kit.<StatusReply<Stage>>runCommand(r -> new RestApiEntity.CreateStage(
        RestApiEntity.newStage("bad name", "dep0000001", null, Map.of(), T0), "test", r)).reply().getError())
        .isInstanceOf(BadRequestException.class);

    Stage patched = updateStage("beta",
        new PatchOperation("replace", "/variables/color", "blue", null),
        new PatchOperation("remove", "/variables/a", null, null),
        new PatchOperation("replace", "/*/*/throttling/rateLimit", "100", null),
        new PatchOperation("replace", "/~1pets/GET/throttling/burstLimit", "7", null),
        new PatchOperation("replace", "/canarySettings/deploymentId", "dep0000001", null),
        new PatchOperation("replace", "/canarySettings/percentTraffic", "10.5", null),
        new PatchOperation("replace", "/accessLogSettings/format", "$context.requestId", null)).getValue();
    assertThat(patched.variables()).containsOnly(Map.entry("color", "blue"));
    assertThat(patched.methodSettings().get("*/*").throttlingRateLimit()).isEqualTo(100.0);
    assertThat(patched.methodSettings().get("pets/GET").throttlingBurstLimit()).isEqualTo(7);
    assertThat(patched.canarySettings().percentTraffic()).isEqualTo(10.5);
    assertThat(patched.accessLogSettings().format()).isEqualTo("$context.requestId");
    assertThat(patched.lastUpdatedDate()).isEqualTo(T0.plusSeconds(500));

    assertThat(updateStage("beta", new PatchOperation("replace", "/variables/bad-name", "x", null)).getError())
        .isInstanceOf(BadRequestException.class);
    assertThat(updateStage("beta", new PatchOperation("replace", "/variables/ok", "x".repeat(513), null)).getError())
        .isInstanceOf(BadRequestException.class);
    assertThat(updateStage("beta", new PatchOperation("replace", "/deploymentId", "nope", null)).getError())
        .isInstanceOf(NotFoundException.class);
    assertThat(updateStage("beta", new PatchOperation("replace", "/nonsense", "x", null)).getError())
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid patch path");
    assertThat(updateStage("nope", new PatchOperation("replace", "/description", "x", null)).getError())
        .isInstanceOf(NotFoundException.class);
    // A failed patch changes nothing.
    assertThat(inspect().stages().get("beta")).isEqualTo(patched);

    for (int i = 0; i < RestApiEntity.MAX_STAGES - 1; i++) {
      String name = "s" + i;
      kit.<StatusReply<Stage>>runCommand(r -> new RestApiEntity.CreateStage(
          RestApiEntity.newStage(name, "dep0000001", null, Map.of(), T0), "test", r));
    }
    assertThat(kit.<StatusReply<Stage>>runCommand(r -> new RestApiEntity.CreateStage(
        RestApiEntity.newStage("eleventh", "dep0000001", null, Map.of(), T0), "test", r)).reply().getError())
        .isInstanceOf(LimitExceededException.class);

    var deleted = kit.<StatusReply<Done>>runCommand(r -> new RestApiEntity.DeleteStage("beta", T0, "test", r));
    assertThat(deleted.event()).isEqualTo(new RestApiEntity.StageDeleted("beta", T0, "test"));
    assertThat(kit.<StatusReply<Done>>runCommand(r -> new RestApiEntity.DeleteStage("beta", T0, "test", r)).reply().getError())
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void restoreStagePutsAnEarlierStageBackAsANewEvent() {
    deployable();
    deploy("dep0000001", "prod", T0);
    Stage before = inspect().stages().get("prod");
    deploy("dep0000002", "prod", T0.plusSeconds(60));
    var restored = kit.<StatusReply<Stage>>runCommand(
        r -> new RestApiEntity.RestoreStage(before, T0.plusSeconds(1), T0.plusSeconds(120), "test", r));
    assertThat(restored.event()).isInstanceOf(RestApiEntity.StageRestored.class);
    assertThat(restored.reply().getValue().deploymentId()).isEqualTo("dep0000001");
    assertThat(inspect().stages().get("prod").deploymentId()).isEqualTo("dep0000001");
  }

  @Test
  void recoversEverythingAfterRestart() {
    deployable();
    deploy("dep0000001", "prod", T0);
    updateStage("prod", new PatchOperation("replace", "/variables/color", "red", null));
    RestApiEntity.Active before = inspect();
    assertThat(kit.restart().state()).isEqualTo(before);

    kit.<StatusReply<Done>>runCommand(r -> new RestApiEntity.Delete(T0, "test", r));
    assertThat(kit.restart().state()).isEqualTo(new RestApiEntity.Removed(ID, T0));
  }
}
