package dev.apigw.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.persistence.domains.DomainNameEntity;
import dev.apigw.persistence.keys.ApiKeyEntity;
import dev.apigw.persistence.keys.ApiKeyValueIndex;
import dev.apigw.persistence.keys.UsageCounter;
import dev.apigw.persistence.keys.UsagePlanEntity;
import dev.apigw.persistence.restapi.RestApiEntity;
import dev.apigw.persistence.testing.EntityTestKits;
import dev.apigw.persistence.v2.ApiEntity;
import dev.apigw.protocol.PatchOperation;
import dev.apigw.protocol.domains.BasePathMapping;
import dev.apigw.protocol.domains.DomainName;
import dev.apigw.protocol.keys.ApiKey;
import dev.apigw.protocol.keys.ApiStage;
import dev.apigw.protocol.keys.QuotaSettings;
import dev.apigw.protocol.keys.ThrottleSettings;
import dev.apigw.protocol.keys.UsagePlan;
import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.Authorizer;
import dev.apigw.protocol.restapi.DefinitionChange;
import dev.apigw.protocol.restapi.GatewayResponse;
import dev.apigw.protocol.restapi.Integration;
import dev.apigw.protocol.restapi.IntegrationResponse;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.MethodResponse;
import dev.apigw.protocol.restapi.MethodSetting;
import dev.apigw.protocol.restapi.Model;
import dev.apigw.protocol.restapi.RequestValidator;
import dev.apigw.protocol.restapi.Resource;
import dev.apigw.protocol.restapi.RestApi;
import dev.apigw.protocol.restapi.Stage;
import dev.apigw.protocol.v2.Api;
import dev.apigw.protocol.v2.RouteResponse;
import dev.apigw.protocol.v2.RouteSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.serialization.Serialization;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Records a journal fixture of the current release: drives every event-sourced entity of this
 * module through a realistic history with its own commands (on Pekko's persistence test kit, with
 * the test kit's serialization checks on), then writes each persisted event, and the state it led
 * to as a snapshot, as Pekko serialization writes them to Cassandra. {@link JournalCompatibilityTest}
 * replays the fixture in every build, so that journals written by this release keep recovering.
 *
 * <p>Run on demand only, once per release whose persisted model changed; it never overwrites a fixture:
 *
 * <pre>
 * mvn -B -o -pl persistence -am test -Dtest=JournalFixtureRecorder -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dapigw.record-journal=true [-Dapigw.record-journal.name=release-YYYY-MM-DD]
 * </pre>
 *
 * <p>The ids and values used here are the ones {@link JournalCompatibilityTest} expects: change
 * both together, and only when recording a new fixture.
 */
@SuppressWarnings("unchecked")
class JournalFixtureRecorder {
  static final String ACCOUNT = "123456789012";
  static final String BY = "AKIAIOSFODNN7EXAMPLE";
  static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

  // REST APIs
  static final String SHOP = "q7w3e9r2t5";
  static final String SHOP_ROOT = "r00t8a2k4m";
  static final String ITEMS = "i7t3m5s9a1";
  static final String ITEM = "i7t3m5s9b2";
  static final String OLD = "o1d5r3s7c4";
  static final String MODEL = "m0d3l1t3m1";
  static final String VALIDATOR = "v4l1d4t0r1";
  static final String SCRATCH_VALIDATOR = "v4l1d4t0r2";
  static final String SCRATCH_MODEL = "m0d3l5cr4t";
  static final String TOKEN_AUTH = "au7h0r1z3a";
  static final String COGNITO_AUTH = "c0gn1t0a2b";
  static final String DEP1 = "d3pl0y0001";
  static final String DEP2 = "d3pl0y0002";
  static final String DEP3 = "d3pl0y0003";
  static final String DEP_SCRATCH = "d3pl0y0s4c";
  static final String LEGACY = "l3g4cy0ap1";
  static final String LEGACY_ROOT = "l3g4cyr00t";
  static final String LEGACY_PING = "l3g4cyp1ng";
  static final String AUTHORIZER_URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
      + "arn:aws:lambda:us-east-1:123456789012:function:authorize/invocations";

  // WebSocket APIs
  static final String CHAT = "c4h7a1t9w2";
  static final String GONE_WS = "g0n3w5api1";
  static final String WS_AUTH = "wsauth1";
  static final String WS_AUTH_OLD = "wsauth2";
  static final String WS_MOCK = "m0ck7a1";
  static final String WS_HTTP = "h77p2b3";
  static final String WS_TEMP_INT = "t3mp1nt";
  static final String WS_IR = "ir3sp01";
  static final String WS_IR_OLD = "ir3sp02";
  static final String ROUTE_CONNECT = "rc0nn01";
  static final String ROUTE_SEND = "rs3nd01";
  static final String ROUTE_DEFAULT = "rd3f4u1";
  static final String ROUTE_TEMP = "rt3mp01";
  static final String WS_RR = "rr3sp01";
  static final String WS_RR_OLD = "rr3sp02";
  static final String WS_DEP1 = "wd3p001";
  static final String WS_DEP2 = "wd3p002";
  static final String WS_DEP_SCRATCH = "wd3p0sx";

  // keys, plans, domains
  static final String KEY1 = "k3yf1xt0r1";
  static final String KEY2 = "k3yf1xt0r2";
  static final String VALUE1 = "fixtureKeyValue0000000000000000000000001";
  static final String VALUE2 = "fixtureKeyValue0000000000000000000000002";
  static final String PLAN1 = "p1anf1xt01";
  static final String PLAN2 = "p1anf1xt02";
  static final QuotaSettings COUNTER_QUOTA = new QuotaSettings(1000, 0, "DAY");
  static final String DOMAIN = "api.shop.example.com";
  static final String OLD_DOMAIN = "old.shop.example.com";

  private ActorTestKit testKit;
  private final List<JournalFixture.Entity> entities = new ArrayList<>();
  private final List<Object> recordedEvents = new ArrayList<>();
  private Recorded pending;

  /** One entity driven through its history: its test kit (for the resulting state) and what it is. */
  private record Recorded(PersistenceId persistenceId, String entityId, String description,
      EventSourcedBehaviorTestKit<?, ?, ?> kit) {}

  static Instant t(int minutes) {
    return T0.plusSeconds(60L * minutes);
  }

  @Test
  void record() throws IOException {
    Assumptions.assumeTrue(Boolean.getBoolean("apigw.record-journal"),
        "records a journal fixture only with -Dapigw.record-journal=true");
    String name = System.getProperty("apigw.record-journal.name", "release-2026-12-03");
    testKit = ActorTestKit.create(EntityTestKits.config());
    try {
      JournalFixture fixture = recordAll(name);
      Path file = Path.of("src/test/resources", JournalFixture.RESOURCE_FOLDER, name + ".json");
      fixture.write(file);
      System.out.println("Wrote " + file.toAbsolutePath() + ": " + fixture.entities().size() + " persistence ids, "
          + fixture.entities().stream().mapToInt(e -> e.events().size()).sum() + " events");
    } finally {
      testKit.shutdownTestKit();
    }
  }

  /** Runs every history and reads back what was persisted. */
  JournalFixture recordAll(String name) {
    restApis();
    webSocketApis();
    apiKeys();
    usagePlans();
    usageCounter();
    domainNames();
    directories();
    capturePending();
    Set<Class<?>> eventTypes = new HashSet<>();
    for (Object event : recordedEvents) {
      eventTypes.add(event.getClass());
      if (event instanceof RestApiEntity.DefinitionChanged d) {
        eventTypes.add(d.change().getClass());
      }
    }
    assertEveryTypeRecorded(eventTypes);
    return new JournalFixture(name, gitCommit(),
        "Events and snapshots of the release, as Pekko serialization (Jackson CBOR) wrote them; recorded by "
            + "JournalFixtureRecorder, replayed by JournalCompatibilityTest. Never edit or re-record: add a new fixture.",
        entities);
  }

  /**
   * Reads the events the pending entity persisted, and its state, into the fixture. Done before the
   * next entity starts: a new {@link EventSourcedBehaviorTestKit} clears the test kit's journal.
   */
  private void capturePending() {
    if (pending == null) {
      return;
    }
    Serialization serialization = JournalFixture.serialization(testKit.system());
    String pid = pending.persistenceId().id();
    List<Object> events = PersistenceTestKit.create(testKit.system()).persistedInStorage(pid);
    assertThat(events).as(pid).isNotEmpty();
    List<JournalFixture.Record> records = new ArrayList<>();
    long seqNr = 0;
    for (Object event : events) {
      seqNr++;
      records.add(checked(serialization, pid, JournalFixture.Record.of(serialization, seqNr, event), event));
    }
    recordedEvents.addAll(events);
    Object state = pending.kit().getState();
    JournalFixture.Record snapshot = checked(serialization, pid, JournalFixture.Record.of(serialization, seqNr, state), state);
    entities.add(new JournalFixture.Entity(pending.persistenceId().entityTypeHint(), pending.entityId(), pid,
        pending.description(), records, snapshot));
    pending = null;
  }

  /** The bytes decode back to the same value: what is recorded is what the journal would replay today. */
  private static JournalFixture.Record checked(Serialization serialization, String pid, JournalFixture.Record record,
      Object value) {
    assertThat(record.decode(serialization, pid)).as(pid + " #" + record.sequenceNr()).isEqualTo(value);
    return record;
  }

  /** Every event type of every entity (and every kind of REST definition change) is in the fixture. */
  private static void assertEveryTypeRecorded(Set<Class<?>> recordedTypes) {
    Set<String> missing = new TreeSet<>();
    for (Class<?> sealed : List.of(RestApiEntity.Event.class, DefinitionChange.class, ApiEntity.Event.class,
        ApiKeyEntity.Event.class, ApiKeyValueIndex.Event.class, UsagePlanEntity.Event.class, UsageCounter.Event.class,
        DomainNameEntity.Event.class, AccountDirectory.Event.class)) {
      Arrays.stream(sealed.getPermittedSubclasses()).filter(c -> !recordedTypes.contains(c))
          .forEach(c -> missing.add(c.getName()));
    }
    assertThat(missing).as("event types without a recorded example").isEmpty();
  }

  private static String gitCommit() {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return git.waitFor() == 0 ? "git " + out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  // ---------------------------------------------------------------- driving entities

  private <C, E, S> EventSourcedBehaviorTestKit<C, E, S> entity(Behavior<C> behavior, PersistenceId pid, String entityId,
      String description) {
    // Serialization checks stay on (the default): every command, event and state must round-trip.
    capturePending();
    EventSourcedBehaviorTestKit<C, E, S> kit = EventSourcedBehaviorTestKit.create(testKit.system(), behavior);
    pending = new Recorded(pid, entityId, description, kit);
    return kit;
  }

  /**
   * Runs one command that must succeed (the history is only realistic if nothing was refused) and
   * returns its reply's value. The command factory gets a raw reference so that one helper fits every
   * command's reply type; the value's type comes from the assignment.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static <C, R> R ok(EventSourcedBehaviorTestKit<C, ?, ?> kit,
      java.util.function.Function<ActorRef, C> command) {
    StatusReply<R> reply = kit.<StatusReply<R>>runCommand(ref -> command.apply(ref)).reply();
    if (reply.isError()) {
      throw new AssertionError("command refused: " + reply.getError(), reply.getError());
    }
    return reply.getValue();
  }

  // ---------------------------------------------------------------- REST APIs

  static RestApi shopApi() {
    return new RestApi(SHOP, "shop", "the shop", t(0), "v1", List.of(), null, "HEADER", List.of("REGIONAL"), false, null,
        Map.of("team", "store"), SHOP_ROOT);
  }

  static Integration itemIntegration(int timeout) {
    return new Integration("HTTP_PROXY", "GET", "http://backend.internal/items/{itemId}", "INTERNET", null, null,
        Map.of("integration.request.path.itemId", "method.request.path.itemId"), Map.of(), "WHEN_NO_MATCH", null, timeout,
        ITEM, List.of("method.request.path.itemId"), Map.of());
  }

  private void restApis() {
    var kit = this.<RestApiEntity.Command, RestApiEntity.Event, RestApiEntity.State>entity(
        RestApiEntity.create(ACCOUNT, SHOP), PersistenceId.of(RestApiEntity.ENTITY_KEY.name(), SHOP), SHOP,
        "REST API 'shop': settings patched, resources, methods, integrations and their responses, models, a validator, "
            + "authorizers, gateway responses, three deployments, stages with variables, method settings, canary and "
            + "access log, a rollback (StageRestored), deletes of each kind");
    ok(kit, r -> new RestApiEntity.Create(shopApi(), BY, r));
    ok(kit, r -> new RestApiEntity.UpdateRestApi(List.of(
        new PatchOperation("replace", "/description", "the shop, v2", null),
        new PatchOperation("add", "/binaryMediaTypes/image~1png", null, null),
        new PatchOperation("replace", "/minimumCompressionSize", "1024", null)), t(1), BY, r));
    change(kit, 2, new DefinitionChange.ResourceCreated(ITEMS, SHOP_ROOT, "items"));
    change(kit, 3, new DefinitionChange.ResourceCreated(ITEM, ITEMS, "{itemId}"));
    change(kit, 4, new DefinitionChange.ResourceCreated(OLD, SHOP_ROOT, "old"));
    change(kit, 5, new DefinitionChange.ResourceDeleted(OLD));
    String schema = "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"type\":\"object\","
        + "\"required\":[\"name\"],\"properties\":{\"name\":{\"type\":\"string\"}}}";
    change(kit, 6, new DefinitionChange.ModelPut(new Model(MODEL, "Item", "an item", schema, "application/json"), true));
    change(kit, 7, new DefinitionChange.ModelPut(new Model(MODEL, "Item", "an item of the shop", schema, "application/json"), false));
    change(kit, 8, new DefinitionChange.RequestValidatorPut(new RequestValidator(VALIDATOR, "body-and-params", true, true), true));
    change(kit, 8, new DefinitionChange.RequestValidatorPut(new RequestValidator(SCRATCH_VALIDATOR, "params-only", false, true),
        true));
    change(kit, 8, new DefinitionChange.RequestValidatorPut(new RequestValidator(SCRATCH_VALIDATOR, "params-only", false, false),
        false));
    change(kit, 8, new DefinitionChange.RequestValidatorDeleted(SCRATCH_VALIDATOR));
    change(kit, 8, new DefinitionChange.ModelPut(new Model(SCRATCH_MODEL, "Scratch", null, "{\"type\":\"object\"}",
        "application/json"), true));
    change(kit, 8, new DefinitionChange.ModelDeleted("Scratch"));
    change(kit, 9, new DefinitionChange.AuthorizerPut(new Authorizer(TOKEN_AUTH, "token", "TOKEN", AUTHORIZER_URI, null,
        "method.request.header.Authorization", "^Bearer .+$", 300, List.of(), "custom"), true));
    change(kit, 10, new DefinitionChange.AuthorizerPut(new Authorizer(COGNITO_AUTH, "pool", "COGNITO_USER_POOLS", null, null,
        "method.request.header.Authorization", null, 300,
        List.of("arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Ab12Cd34"), "cognito_user_pools"), true));
    change(kit, 11, new DefinitionChange.AuthorizerDeleted(COGNITO_AUTH));
    change(kit, 12, new DefinitionChange.MethodPut(ITEMS, new Method("GET", "NONE", null, true, "ListItems",
        Map.of("method.request.querystring.page", false), Map.of(), null, List.of(), Map.of(), null)));
    change(kit, 13, new DefinitionChange.MethodPut(ITEMS, new Method("POST", "CUSTOM", TOKEN_AUTH, false, "CreateItem",
        Map.of(), Map.of("application/json", "Item"), VALIDATOR, List.of(), Map.of(), null)));
    change(kit, 14, new DefinitionChange.MethodPut(ITEM, new Method("GET", "NONE", null, false, null,
        Map.of("method.request.path.itemId", true), Map.of(), null, List.of(), Map.of(), null)));
    change(kit, 15, new DefinitionChange.MethodPut(ITEM, new Method("DELETE", "AWS_IAM", null, false, null,
        Map.of(), Map.of(), null, List.of(), Map.of(), null)));
    change(kit, 16, new DefinitionChange.MethodDeleted(ITEM, "DELETE"));
    change(kit, 17, new DefinitionChange.MethodResponsePut(ITEMS, "GET", new MethodResponse("200",
        Map.of("method.response.header.X-Count", false), Map.of("application/json", "Empty"))));
    change(kit, 18, new DefinitionChange.MethodResponsePut(ITEMS, "GET", new MethodResponse("404", Map.of(), Map.of())));
    change(kit, 19, new DefinitionChange.MethodResponseDeleted(ITEMS, "GET", "404"));
    change(kit, 20, new DefinitionChange.IntegrationPut(ITEMS, "GET", new Integration("MOCK", null, null, "INTERNET", null,
        null, Map.of(), Map.of("application/json", "{\"statusCode\": 200}"), "WHEN_NO_MATCH", null, 29000, null, List.of(),
        Map.of())));
    change(kit, 21, new DefinitionChange.IntegrationPut(ITEMS, "POST", new Integration("HTTP", "POST",
        "http://backend.internal/items", "INTERNET", null, null,
        Map.of("integration.request.header.X-Caller", "context.authorizer.principalId"),
        Map.of("application/json", "$input.json('$')"), "WHEN_NO_TEMPLATES", null, 5000, ITEMS, List.of(), Map.of())));
    change(kit, 22, new DefinitionChange.IntegrationPut(ITEM, "GET", itemIntegration(29000)));
    change(kit, 23, new DefinitionChange.IntegrationResponsePut(ITEMS, "GET", new IntegrationResponse("200", null,
        Map.of("method.response.header.X-Count", "'0'"), Map.of("application/json", "{\"items\": []}"), null)));
    change(kit, 24, new DefinitionChange.IntegrationResponsePut(ITEMS, "POST", new IntegrationResponse("201", "2\\d{2}",
        Map.of(), Map.of(), null)));
    change(kit, 25, new DefinitionChange.IntegrationResponsePut(ITEMS, "POST", new IntegrationResponse("500", "5\\d{2}",
        Map.of(), Map.of("application/json", "{\"message\": \"backend failed\"}"), null)));
    change(kit, 26, new DefinitionChange.IntegrationResponseDeleted(ITEMS, "POST", "500"));
    ApiDefinition now = ok(kit, r -> new RestApiEntity.ChangeDefinition(
        new DefinitionChange.GatewayResponsePut(new GatewayResponse("DEFAULT_4XX", null,
            Map.of("gatewayresponse.header.Access-Control-Allow-Origin", "'*'"),
            Map.of("application/json", "{\"message\":$context.error.messageString}"))), t(27), BY, r));
    Method listItems = now.method(ITEMS, "GET");
    Method renamed = new Method(listItems.httpMethod(), listItems.authorizationType(), listItems.authorizerId(),
        listItems.apiKeyRequired(), "ListAllItems", listItems.requestParameters(), listItems.requestModels(),
        listItems.requestValidatorId(), listItems.authorizationScopes(), listItems.methodResponses(), listItems.integration());
    change(kit, 28, new DefinitionChange.MethodUpdated(ITEMS, renamed, "method"));
    change(kit, 29, new DefinitionChange.GatewayResponsePut(new GatewayResponse("THROTTLED", "429", Map.of(),
        Map.of("application/json", "{\"message\": \"slow down\"}"))));
    change(kit, 30, new DefinitionChange.GatewayResponseDeleted("THROTTLED"));
    ok(kit, r -> new RestApiEntity.CreateDeployment(DEP1, "first release", "prod", "production",
        Map.of("color", "blue", "backend", "backend.internal"), t(31), BY, r));
    change(kit, 32, new DefinitionChange.IntegrationDeleted(ITEM, "GET"));
    change(kit, 33, new DefinitionChange.IntegrationPut(ITEM, "GET", itemIntegration(10000)));
    ok(kit, r -> new RestApiEntity.CreateDeployment(DEP2, "second release", null, null, Map.of(), t(34), BY, r));
    Map<String, MethodSetting> betaSettings = new HashMap<>();
    betaSettings.put(MethodSetting.STAGE_DEFAULT, new MethodSetting(true, "INFO", false, 20, 10.0, false, 300, false, true,
        "SUCCEED_WITH_RESPONSE_HEADER"));
    ok(kit, r -> new RestApiEntity.CreateStage(new Stage("beta", DEP2, "beta testers", t(35), t(35),
        Map.of("color", "green"), betaSettings, false, null, false, null, null, Map.of("audience", "beta")), BY, r));
    Stage prodBeforeRedeploy = ok(kit, r -> new RestApiEntity.UpdateStage("prod", List.of(
        new PatchOperation("replace", "/variables/color", "red", null),
        new PatchOperation("replace", "/*/*/throttling/rateLimit", "100", null),
        new PatchOperation("replace", "/*/*/throttling/burstLimit", "50", null),
        new PatchOperation("replace", "/~1items/GET/caching/enabled", "true", null),
        new PatchOperation("replace", "/cacheClusterEnabled", "true", null),
        new PatchOperation("replace", "/cacheClusterSize", "0.5", null),
        new PatchOperation("replace", "/canarySettings/percentTraffic", "10", null),
        new PatchOperation("replace", "/canarySettings/deploymentId", DEP2, null),
        new PatchOperation("replace", "/canarySettings/stageVariableOverrides/color", "green", null),
        new PatchOperation("replace", "/accessLogSettings/format", "$context.requestId $context.status", null),
        new PatchOperation("replace", "/accessLogSettings/destinationArn",
            "arn:aws:logs:us-east-1:123456789012:log-group:shop-access", null)), t(36), BY, r));
    ok(kit, r -> new RestApiEntity.CreateDeployment(DEP_SCRATCH, "scratch", null, null, Map.of(), t(37), BY, r));
    ok(kit, r -> new RestApiEntity.DeleteDeployment(DEP_SCRATCH, t(38), BY, r));
    ok(kit, r -> new RestApiEntity.CreateDeployment(DEP3, "third release", "prod", null, Map.of(), t(39), BY, r));
    ok(kit, r -> new RestApiEntity.RestoreStage(prodBeforeRedeploy, t(36), t(40), BY, r));
    ok(kit, r -> new RestApiEntity.DeleteStage("beta", t(41), BY, r));

    var legacy = this.<RestApiEntity.Command, RestApiEntity.Event, RestApiEntity.State>entity(
        RestApiEntity.create(ACCOUNT, LEGACY), PersistenceId.of(RestApiEntity.ENTITY_KEY.name(), LEGACY), LEGACY,
        "REST API 'legacy': created, its definition replaced by an import, deleted");
    ok(legacy, r -> new RestApiEntity.Create(new RestApi(LEGACY, "legacy", null, t(50), null, List.of(), null, "HEADER",
        List.of("EDGE"), false, null, Map.of(), LEGACY_ROOT), BY, r));
    Method ping = new Method("GET", "NONE", null, false, null, Map.of(), Map.of(), null, List.of(), Map.of(),
        new Integration("MOCK", null, null, "INTERNET", null, null, Map.of(), Map.of("application/json", "{\"statusCode\": 200}"),
            "WHEN_NO_MATCH", null, 29000, null, List.of(), Map.of()));
    ApiDefinition imported = new ApiDefinition(LEGACY_ROOT, Map.of(
        LEGACY_ROOT, new Resource(LEGACY_ROOT, null, null, "/", Map.of()),
        LEGACY_PING, new Resource(LEGACY_PING, LEGACY_ROOT, "ping", "/ping", Map.of("GET", ping))),
        Map.of(), Map.of(), Map.of(), Map.of());
    ok(legacy, r -> new RestApiEntity.ChangeDefinition(new DefinitionChange.DefinitionReplaced(imported, "import (oas30)"),
        t(51), BY, r));
    ok(legacy, r -> new RestApiEntity.Delete(t(52), BY, r));
  }

  private static void change(EventSourcedBehaviorTestKit<RestApiEntity.Command, RestApiEntity.Event, RestApiEntity.State> kit,
      int minute, DefinitionChange change) {
    ok(kit, r -> new RestApiEntity.ChangeDefinition(change, t(minute), BY, r));
  }

  // ---------------------------------------------------------------- WebSocket APIs

  private void webSocketApis() {
    var kit = this.<ApiEntity.Command, ApiEntity.Event, ApiEntity.State>entity(
        ApiEntity.create(ACCOUNT, CHAT), PersistenceId.of(ApiEntity.ENTITY_KEY.name(), CHAT), CHAT,
        "WebSocket API 'chat': settings updated, authorizers, integrations and integration responses, routes and route "
            + "responses, a stage with route settings, deployments, deletes of each kind, a rollback (StageRestored)");
    ok(kit, r -> new ApiEntity.CreateApi(new Api(CHAT, "chat", "chat rooms", "$request.body.action",
        "$request.header.x-api-key", false, "1.0", Map.of("team", "chat"), t(100), null), BY, r));
    ok(kit, r -> new ApiEntity.UpdateApi(new Api(null, null, "chat rooms and presence", null, null, null,
        null, null, null, null), t(101), BY, r));
    ok(kit, r -> new ApiEntity.CreateAuthorizer(new dev.apigw.protocol.v2.Authorizer(WS_AUTH, "connect-auth",
        "REQUEST", AUTHORIZER_URI, null, List.of("route.request.header.Auth", "route.request.querystring.token"), null, 300),
        t(102), BY, r));
    ok(kit, r -> new ApiEntity.CreateAuthorizer(new dev.apigw.protocol.v2.Authorizer(WS_AUTH_OLD, "old-auth",
        "REQUEST", AUTHORIZER_URI, null, List.of("route.request.header.Auth"), null, 0), t(103), BY, r));
    ok(kit, r -> new ApiEntity.DeleteAuthorizer(WS_AUTH_OLD, t(104), BY, r));
    ok(kit, r -> new ApiEntity.CreateIntegration(new dev.apigw.protocol.v2.Integration(WS_MOCK, "MOCK", null,
        null, "INTERNET", null, "mock answers", Map.of(), Map.of("$default", "{\"statusCode\": 200}"), "\\$default",
        "WHEN_NO_MATCH", 29000, null, null, Map.of()), t(105), BY, r));
    ok(kit, r -> new ApiEntity.CreateIntegration(new dev.apigw.protocol.v2.Integration(WS_HTTP, "HTTP_PROXY",
        "http://backend.internal/messages", "POST", "INTERNET", null, null,
        Map.of("integration.request.header.connectionId", "context.connectionId"), Map.of(), null, "WHEN_NO_MATCH", 10000, null,
        null, Map.of()), t(106), BY, r));
    ok(kit, r -> new ApiEntity.UpdateIntegration(WS_HTTP, new dev.apigw.protocol.v2.Integration(null, null,
        null, null, null, null, "messages backend", null, null, null, null, 15000, null, null, null), t(107), BY, r));
    ok(kit, r -> new ApiEntity.CreateIntegrationResponse(WS_MOCK, new dev.apigw.protocol.v2.IntegrationResponse(
        WS_IR, "$default", Map.of(), Map.of("$default", "{\"connectionId\": \"$context.connectionId\"}"), null, null),
        t(108), BY, r));
    ok(kit, r -> new ApiEntity.CreateIntegrationResponse(WS_MOCK, new dev.apigw.protocol.v2.IntegrationResponse(
        WS_IR_OLD, "/4\\d\\d/", Map.of(), Map.of(), null, null), t(109), BY, r));
    ok(kit, r -> new ApiEntity.DeleteIntegrationResponse(WS_MOCK, WS_IR_OLD, t(110), BY, r));
    ok(kit, r -> new ApiEntity.CreateIntegration(new dev.apigw.protocol.v2.Integration(WS_TEMP_INT, "MOCK", null,
        null, "INTERNET", null, null, Map.of(), Map.of(), null, "WHEN_NO_MATCH", 29000, null, null, Map.of()), t(111), BY, r));
    ok(kit, r -> new ApiEntity.DeleteIntegration(WS_TEMP_INT, t(112), BY, r));
    ok(kit, r -> new ApiEntity.CreateRoute(new dev.apigw.protocol.v2.Route(ROUTE_CONNECT, "$connect",
        "integrations/" + WS_MOCK, "CUSTOM", WS_AUTH, true, null, null, "Connect", Map.of(), Map.of(), Map.of()), t(113), BY, r));
    ok(kit, r -> new ApiEntity.CreateRoute(new dev.apigw.protocol.v2.Route(ROUTE_SEND, "sendmessage",
        "integrations/" + WS_HTTP, "NONE", null, false, "$default", null, "SendMessage", Map.of(),
        Map.of("route.request.header.X-Room", false), Map.of()), t(114), BY, r));
    ok(kit, r -> new ApiEntity.CreateRoute(new dev.apigw.protocol.v2.Route(ROUTE_DEFAULT, "$default",
        "integrations/" + WS_MOCK, "NONE", null, false, "$default", null, null, Map.of(), Map.of(), Map.of()), t(115), BY, r));
    ok(kit, r -> new ApiEntity.UpdateRoute(ROUTE_SEND, new dev.apigw.protocol.v2.Route(null, null, null, null,
        null, null, null, null, "SendChatMessage", null, null, null), t(116), BY, r));
    ok(kit, r -> new ApiEntity.CreateRouteResponse(ROUTE_SEND, new RouteResponse(WS_RR, "$default", null, Map.of(),
        Map.of()), t(117), BY, r));
    ok(kit, r -> new ApiEntity.CreateRouteResponse(ROUTE_DEFAULT, new RouteResponse(WS_RR_OLD, "$default", null,
        Map.of(), Map.of()), t(118), BY, r));
    ok(kit, r -> new ApiEntity.DeleteRouteResponse(ROUTE_DEFAULT, WS_RR_OLD, t(119), BY, r));
    ok(kit, r -> new ApiEntity.CreateRoute(new dev.apigw.protocol.v2.Route(ROUTE_TEMP, "whoami", null, "NONE",
        null, false, null, null, null, Map.of(), Map.of(), Map.of()), t(120), BY, r));
    ok(kit, r -> new ApiEntity.DeleteRoute(ROUTE_TEMP, t(121), BY, r));
    ok(kit, r -> new ApiEntity.CreateStage(new dev.apigw.protocol.v2.Stage("prod", null, "production",
        Map.of("room", "lobby"), new RouteSettings(false, true, "INFO", 100, 50.0), Map.of(), Map.of("env", "prod"), t(122),
        t(122)), BY, r));
    ok(kit, r -> new ApiEntity.CreateDeployment(WS_DEP1, "first", "prod", t(123), BY, r));
    var prodFirst = ((ApiEntity.Active) kit.getState()).stage("prod");
    ok(kit, r -> new ApiEntity.UpdateStage("prod", new dev.apigw.protocol.v2.Stage(null, null, null,
        Map.of("room", "lobby", "motd", "hello"), null, Map.of("sendmessage", new RouteSettings(null, null, null, 10, 5.0)),
        null, null, null), t(124), BY, r));
    ok(kit, r -> new ApiEntity.CreateDeployment(WS_DEP2, "second", null, t(125), BY, r));
    ok(kit, r -> new ApiEntity.CreateDeployment(WS_DEP_SCRATCH, "scratch", null, t(126), BY, r));
    ok(kit, r -> new ApiEntity.DeleteDeployment(WS_DEP_SCRATCH, t(127), BY, r));
    ok(kit, r -> new ApiEntity.CreateStage(new dev.apigw.protocol.v2.Stage("dev", WS_DEP2, null, Map.of(),
        RouteSettings.none(), Map.of(), Map.of(), t(128), t(128)), BY, r));
    ok(kit, r -> new ApiEntity.DeleteStage("dev", t(129), BY, r));
    ok(kit, r -> new ApiEntity.RestoreStage(prodFirst, t(123), t(129).plusSeconds(30), BY, r));

    var gone = this.<ApiEntity.Command, ApiEntity.Event, ApiEntity.State>entity(
        ApiEntity.create(ACCOUNT, GONE_WS), PersistenceId.of(ApiEntity.ENTITY_KEY.name(), GONE_WS), GONE_WS,
        "WebSocket API 'gone': created and deleted");
    ok(gone, r -> new ApiEntity.CreateApi(new Api(GONE_WS, "gone", null, "$request.body.action",
        "$request.header.x-api-key", false, null, Map.of(), t(130), null), BY, r));
    ok(gone, r -> new ApiEntity.DeleteApi(t(131), BY, r));
  }

  // ---------------------------------------------------------------- keys and plans

  static ApiKey key1() {
    return new ApiKey(KEY1, VALUE1, "partner", "for partner A", true, "cust-42", List.of(SHOP + "/prod"), t(200), t(200),
        Map.of("tier", "gold"));
  }

  private void apiKeys() {
    var kit = this.<ApiKeyEntity.Command, ApiKeyEntity.Event, ApiKeyEntity.State>entity(ApiKeyEntity.create(KEY1),
        PersistenceId.of(ApiKeyEntity.ENTITY_KEY.name(), KEY1), KEY1, "API key 'partner': created, disabled, re-enabled and renamed");
    ApiKey created = ok(kit, r -> new ApiKeyEntity.Create(key1(), r));
    ApiKey disabled = created.withEnabled(false).withDescription("suspended")
        .withTags(Map.of("tier", "gold", "state", "suspended")).withLastUpdatedDate(t(201));
    ok(kit, r -> new ApiKeyEntity.Update(created, disabled, r));
    ApiKey enabled = disabled.withEnabled(true).withName("partner-a").withDescription("for partner A, again")
        .withTags(Map.of("tier", "gold")).withLastUpdatedDate(t(202));
    ok(kit, r -> new ApiKeyEntity.Update(disabled, enabled, r));

    var gone = this.<ApiKeyEntity.Command, ApiKeyEntity.Event, ApiKeyEntity.State>entity(ApiKeyEntity.create(KEY2),
        PersistenceId.of(ApiKeyEntity.ENTITY_KEY.name(), KEY2), KEY2, "API key 'temporary': created and deleted");
    ok(gone, r -> new ApiKeyEntity.Create(new ApiKey(KEY2, VALUE2, "temporary", null, true, null, List.of(), t(203), t(203),
        Map.of()), r));
    ok(gone, r -> new ApiKeyEntity.Delete(t(204), r));

    var index = this.<ApiKeyValueIndex.Command, ApiKeyValueIndex.Event, ApiKeyValueIndex.State>entity(
        ApiKeyValueIndex.create(ACCOUNT), PersistenceId.of(ApiKeyValueIndex.ENTITY_KEY.name(), ACCOUNT), ACCOUNT,
        "the account's key values: both keys' values claimed, the deleted key's released");
    ok(index, r -> new ApiKeyValueIndex.Claim(VALUE1, KEY1, r));
    ok(index, r -> new ApiKeyValueIndex.Claim(VALUE2, KEY2, r));
    ok(index, r -> new ApiKeyValueIndex.Release(VALUE2, KEY2, r));
  }

  static UsagePlan plan1() {
    return new UsagePlan(PLAN1, "gold", "gold tier",
        List.of(new ApiStage(SHOP, "prod", Map.of("/items/GET", new ThrottleSettings(20, 10.0)))),
        new ThrottleSettings(100, 50.0), new QuotaSettings(10000, 0, "MONTH"), null, Map.of("tier", "gold"));
  }

  private void usagePlans() {
    var kit = this.<UsagePlanEntity.Command, UsagePlanEntity.Event, UsagePlanEntity.State>entity(UsagePlanEntity.create(PLAN1),
        PersistenceId.of(UsagePlanEntity.ENTITY_KEY.name(), PLAN1), PLAN1,
        "usage plan 'gold': stage with a method throttle, throttle and quota changed, two keys added, one removed");
    UsagePlan created = ok(kit, r -> new UsagePlanEntity.Create(plan1(), r));
    UsagePlan updated = created.withThrottle(new ThrottleSettings(200, 75.5)).withQuota(new QuotaSettings(5000, 1, "WEEK"))
        .withTags(Map.of("tier", "gold", "billing", "monthly"));
    ok(kit, r -> new UsagePlanEntity.Update(created, updated, r));
    ok(kit, r -> new UsagePlanEntity.AddKey(KEY1, r));
    ok(kit, r -> new UsagePlanEntity.AddKey(KEY2, r));
    ok(kit, r -> new UsagePlanEntity.RemoveKey(KEY2, r));

    var gone = this.<UsagePlanEntity.Command, UsagePlanEntity.Event, UsagePlanEntity.State>entity(UsagePlanEntity.create(PLAN2),
        PersistenceId.of(UsagePlanEntity.ENTITY_KEY.name(), PLAN2), PLAN2, "usage plan 'trial': created and deleted");
    ok(gone, r -> new UsagePlanEntity.Create(new UsagePlan(PLAN2, "trial", null, List.of(), null, null, null, Map.of()), r));
    ok(gone, r -> new UsagePlanEntity.Delete(t(300), r));
  }

  private void usageCounter() {
    String id = UsageCounter.entityId(PLAN1, KEY1);
    var kit = this.<UsageCounter.Command, UsageCounter.Event, UsageCounter.State>entity(UsageCounter.create(id),
        PersistenceId.of(UsageCounter.ENTITY_KEY.name(), id), id,
        "usage of key 'partner' in plan 'gold' (quota 1000/DAY): leases on two days, one partly returned, remaining set");
    ok(kit, r -> new UsageCounter.Reserve(100, COUNTER_QUOTA, Instant.parse("2026-12-02T10:00:00Z"), r));
    ok(kit, r -> new UsageCounter.Release(30, Instant.parse("2026-12-02T10:00:00Z"), r));
    ok(kit, r -> new UsageCounter.Reserve(50, COUNTER_QUOTA, Instant.parse("2026-12-03T08:00:00Z"), r));
    ok(kit, r -> new UsageCounter.SetRemaining(900, COUNTER_QUOTA, Instant.parse("2026-12-03T09:00:00Z"), r));
  }

  // ---------------------------------------------------------------- domains and directories

  static DomainName domain() {
    return new DomainName(DOMAIN, "REGIONAL", null, null, "shop-cert",
        "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000001", null,
        "d-ab12cd34ef.execute-api.us-east-1.amazonaws.com", "TLS_1_2", t(400), Map.of("team", "store"));
  }

  private void domainNames() {
    var kit = this.<DomainNameEntity.Command, DomainNameEntity.Event, DomainNameEntity.State>entity(
        DomainNameEntity.create(DOMAIN), PersistenceId.of(DomainNameEntity.ENTITY_KEY.name(), DOMAIN), DOMAIN,
        "domain name api.shop.example.com: certificate and tags changed, base path mappings created, updated, deleted");
    DomainName created = ok(kit, r -> new DomainNameEntity.Create(domain(), r));
    DomainName updated = created.withRegionalCertificateName("shop-cert-2026").withTags(Map.of("team", "store", "env", "prod"));
    ok(kit, r -> new DomainNameEntity.Update(created, updated, r));
    ok(kit, r -> new DomainNameEntity.CreateMapping(new BasePathMapping(BasePathMapping.NONE, SHOP, "prod"), r));
    BasePathMapping v2 = ok(kit, r -> new DomainNameEntity.CreateMapping(new BasePathMapping("v2", SHOP, null), r));
    ok(kit, r -> new DomainNameEntity.UpdateMapping(v2, v2.withBasePath("preview").withStage("beta"), r));
    ok(kit, r -> new DomainNameEntity.CreateMapping(new BasePathMapping("tmp", LEGACY, "prod"), r));
    ok(kit, r -> new DomainNameEntity.DeleteMapping("tmp", r));

    var gone = this.<DomainNameEntity.Command, DomainNameEntity.Event, DomainNameEntity.State>entity(
        DomainNameEntity.create(OLD_DOMAIN), PersistenceId.of(DomainNameEntity.ENTITY_KEY.name(), OLD_DOMAIN), OLD_DOMAIN,
        "domain name old.shop.example.com: created and deleted");
    ok(gone, r -> new DomainNameEntity.Create(new DomainName(OLD_DOMAIN, "EDGE", "old-cert",
        "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000002", null, null,
        "d111111abcdef8.cloudfront.net", null, "TLS_1_0", t(410), Map.of()), r));
    ok(gone, r -> new DomainNameEntity.Delete(t(411), r));
  }

  private void directories() {
    directory(AccountDirectory.Kind.REST_APIS, SHOP, LEGACY);
    directory(AccountDirectory.Kind.WEBSOCKET_APIS, CHAT, GONE_WS);
    directory(AccountDirectory.Kind.API_KEYS, KEY1, KEY2);
    directory(AccountDirectory.Kind.USAGE_PLANS, PLAN1, PLAN2);
    directory(AccountDirectory.Kind.DOMAIN_NAMES, DOMAIN, OLD_DOMAIN);
  }

  /** {@code kept} and {@code removed} registered, then {@code removed} unregistered, as the control plane does. */
  private void directory(AccountDirectory.Kind kind, String kept, String removed) {
    String id = AccountDirectory.entityId(kind, ACCOUNT);
    var kit = this.<AccountDirectory.Command, AccountDirectory.Event, AccountDirectory.State>entity(AccountDirectory.create(id),
        PersistenceId.of(AccountDirectory.ENTITY_KEY.name(), id), id,
        "the account's " + kind + ": two ids registered, the second unregistered");
    ok(kit, r -> new AccountDirectory.Register(kept, r));
    ok(kit, r -> new AccountDirectory.Register(removed, r));
    ok(kit, r -> new AccountDirectory.Unregister(removed, r));
  }

}
