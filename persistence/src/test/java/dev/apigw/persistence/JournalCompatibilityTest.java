package dev.apigw.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.persistence.domains.DomainNameEntity;
import dev.apigw.persistence.keys.ApiKeyEntity;
import dev.apigw.persistence.keys.ApiKeyValueIndex;
import dev.apigw.persistence.keys.UsageCounter;
import dev.apigw.persistence.keys.UsagePlanEntity;
import dev.apigw.persistence.restapi.RestApiEntity;
import dev.apigw.persistence.testing.EntityTestKits;
import dev.apigw.persistence.v2.ApiEntity;
import dev.apigw.protocol.domains.BasePathMapping;
import dev.apigw.protocol.domains.DomainName;
import dev.apigw.protocol.errors.ConflictException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.keys.ApiKey;
import dev.apigw.protocol.keys.ApiStage;
import dev.apigw.protocol.keys.QuotaSettings;
import dev.apigw.protocol.keys.ThrottleSettings;
import dev.apigw.protocol.keys.UsagePlan;
import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.Integration;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.MethodSetting;
import dev.apigw.protocol.restapi.Resource;
import dev.apigw.protocol.restapi.RestApi;
import dev.apigw.protocol.restapi.Stage;
import dev.apigw.protocol.v2.Api;
import dev.apigw.protocol.v2.Route;
import dev.apigw.protocol.v2.RouteSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.SnapshotMeta;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.testkit.javadsl.SnapshotTestKit;
import org.apache.pekko.serialization.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Journals written by the release of 2026-12-03 still recover, with the same meaning. The fixture
 * holds every event (and a snapshot of the resulting state) of every entity type as that release's
 * Pekko serialization wrote them to Cassandra; {@link JournalFixtureRecorder} recorded it. Here each
 * record is decoded with today's serialization (so a renamed class, a manifest that no longer
 * resolves or a failing {@code JacksonMigration} fails the test), seeded into the in-memory journal
 * (or snapshot store) under its persistence id, and today's entity is started on that id and asked
 * questions whose answers are written out literally below.
 *
 * <p>When the persisted model changes, this test must keep passing <em>unchanged in its expectations</em>
 * (only in how it asks, if commands change): add Jackson migrations or manifest aliases rather than
 * editing the fixture or the expected values.
 */
class JournalCompatibilityTest {
  private static final String FIXTURE = "release-2026-12-03.json";
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.configWithSnapshots());
  private static final JournalFixture fixture = JournalFixture.load(FIXTURE);
  private static final Serialization serialization = JournalFixture.serialization(testKit.system());

  private static final String ACCOUNT = "123456789012";
  private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

  /** Where an entity recovers from: the whole event history, or the snapshot of its final state alone. */
  enum Recovery { EVENTS, SNAPSHOT }

  private final PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
  private final SnapshotTestKit snapshots = SnapshotTestKit.create(testKit.system());
  private final List<ActorRef<?>> started = new ArrayList<>();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void emptyStores() {
    journal.clearAll();
    snapshots.clearAll();
  }

  @AfterEach
  void stopEntities() {
    started.forEach(testKit::stop);
    started.clear();
  }

  private static Instant t(int minutes) {
    return T0.plusSeconds(60L * minutes);
  }

  // ---------------------------------------------------------------- the fixture as a whole

  @Test
  void fixtureHoldsEveryEntityTypeUnderItsPersistenceId() {
    assertThat(fixture.entities()).extracting(JournalFixture.Entity::persistenceId, e -> e.events().size())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("RestApi|q7w3e9r2t5", 49),
            org.assertj.core.groups.Tuple.tuple("RestApi|l3g4cy0ap1", 3),
            org.assertj.core.groups.Tuple.tuple("WebSocketApi|c4h7a1t9w2", 31),
            org.assertj.core.groups.Tuple.tuple("WebSocketApi|g0n3w5api1", 2),
            org.assertj.core.groups.Tuple.tuple("ApiKey|k3yf1xt0r1", 3),
            org.assertj.core.groups.Tuple.tuple("ApiKey|k3yf1xt0r2", 2),
            org.assertj.core.groups.Tuple.tuple("ApiKeyValueIndex|123456789012", 3),
            org.assertj.core.groups.Tuple.tuple("UsagePlan|p1anf1xt01", 5),
            org.assertj.core.groups.Tuple.tuple("UsagePlan|p1anf1xt02", 2),
            org.assertj.core.groups.Tuple.tuple("UsageCounter|p1anf1xt01:k3yf1xt0r1", 4),
            org.assertj.core.groups.Tuple.tuple("DomainName|api.shop.example.com", 7),
            org.assertj.core.groups.Tuple.tuple("DomainName|old.shop.example.com", 2),
            org.assertj.core.groups.Tuple.tuple("AccountDirectory|REST_APIS:123456789012", 3),
            org.assertj.core.groups.Tuple.tuple("AccountDirectory|WEBSOCKET_APIS:123456789012", 3),
            org.assertj.core.groups.Tuple.tuple("AccountDirectory|API_KEYS:123456789012", 3),
            org.assertj.core.groups.Tuple.tuple("AccountDirectory|USAGE_PLANS:123456789012", 3),
            org.assertj.core.groups.Tuple.tuple("AccountDirectory|DOMAIN_NAMES:123456789012", 3));
    for (JournalFixture.Entity e : fixture.entities()) {
      assertThat(e.persistenceId()).isEqualTo(e.entityType() + "|" + e.entityId());
      assertThat(e.events()).extracting(JournalFixture.Record::sequenceNr)
          .as(e.persistenceId()).isEqualTo(java.util.stream.LongStream.rangeClosed(1, e.events().size()).boxed().toList());
      assertThat(e.snapshot().sequenceNr()).as(e.persistenceId()).isEqualTo(e.events().size());
    }
    // The entities this release wrote under these type names are today's: a renamed EntityTypeKey
    // would start every entity on an empty journal.
    assertThat(List.of(RestApiEntity.ENTITY_KEY.name(), ApiEntity.ENTITY_KEY.name(), ApiKeyEntity.ENTITY_KEY.name(),
        ApiKeyValueIndex.ENTITY_KEY.name(), UsagePlanEntity.ENTITY_KEY.name(), UsageCounter.ENTITY_KEY.name(),
        DomainNameEntity.ENTITY_KEY.name(), AccountDirectory.ENTITY_KEY.name()))
        .containsExactlyInAnyOrderElementsOf(fixture.entities().stream().map(JournalFixture.Entity::entityType).distinct().toList());
  }

  @Test
  void everyRecordedEventAndSnapshotDecodes() {
    List<String> failures = new ArrayList<>();
    for (JournalFixture.Entity e : fixture.entities()) {
      List<JournalFixture.Record> records = new ArrayList<>(e.events());
      records.add(e.snapshot());
      for (JournalFixture.Record r : records) {
        try {
          assertThat(r.decode(serialization, e.persistenceId())).isNotNull();
        } catch (AssertionError error) {
          failures.add(error.getMessage());
        }
      }
    }
    assertThat(failures).as("records of " + FIXTURE + " that today's code cannot decode").isEmpty();
  }

  // ---------------------------------------------------------------- REST APIs

  @ParameterizedTest
  @EnumSource(Recovery.class)
  void restApiRecoversSettingsDefinitionDeploymentsAndStages(Recovery recovery) {
    var api = recover("RestApi|q7w3e9r2t5", recovery, RestApiEntity.create(ACCOUNT, "q7w3e9r2t5"));
    RestApiEntity.Active state = value(api, RestApiEntity.Inspect::new);

    RestApi settings = state.api();
    assertThat(settings.id()).isEqualTo("q7w3e9r2t5");
    assertThat(settings.name()).isEqualTo("shop");
    assertThat(settings.description()).isEqualTo("the shop, v2");
    assertThat(settings.createdDate()).isEqualTo(t(0));
    assertThat(settings.version()).isEqualTo("v1");
    assertThat(settings.binaryMediaTypes()).containsExactly("image/png");
    assertThat(settings.minimumCompressionSize()).isEqualTo(1024);
    assertThat(settings.apiKeySource()).isEqualTo("HEADER");
    assertThat(settings.endpointTypes()).containsExactly("REGIONAL");
    assertThat(settings.disableExecuteApiEndpoint()).isFalse();
    assertThat(settings.policy()).isNull();
    assertThat(settings.tags()).containsExactly(entry("team", "store"));
    assertThat(settings.rootResourceId()).isEqualTo("r00t8a2k4m");

    ApiDefinition definition = state.definition();
    assertShopDefinition(definition, 10000);
    assertThat(definition.models()).containsOnlyKeys("Item");
    assertThat(definition.model("Item").id()).isEqualTo("m0d3l1t3m1");
    assertThat(definition.model("Item").description()).isEqualTo("an item of the shop");
    assertThat(definition.model("Item").contentType()).isEqualTo("application/json");
    assertThat(definition.model("Item").schema()).contains("\"required\":[\"name\"]");
    assertThat(definition.requestValidators()).containsOnlyKeys("v4l1d4t0r1");
    var validator = definition.requestValidator("v4l1d4t0r1");
    assertThat(validator.name()).isEqualTo("body-and-params");
    assertThat(validator.validateRequestBody()).isTrue();
    assertThat(validator.validateRequestParameters()).isTrue();
    assertThat(definition.authorizers()).containsOnlyKeys("au7h0r1z3a");
    var authorizer = definition.authorizer("au7h0r1z3a");
    assertThat(authorizer.name()).isEqualTo("token");
    assertThat(authorizer.type()).isEqualTo("TOKEN");
    assertThat(authorizer.authorizerUri()).isEqualTo("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
        + "arn:aws:lambda:us-east-1:123456789012:function:authorize/invocations");
    assertThat(authorizer.identitySource()).isEqualTo("method.request.header.Authorization");
    assertThat(authorizer.identityValidationExpression()).isEqualTo("^Bearer .+$");
    assertThat(authorizer.authorizerResultTtlInSeconds()).isEqualTo(300);
    assertThat(definition.gatewayResponses()).containsOnlyKeys("DEFAULT_4XX");
    assertThat(definition.gatewayResponses().get("DEFAULT_4XX").responseParameters())
        .containsExactly(entry("gatewayresponse.header.Access-Control-Allow-Origin", "'*'"));

    // Deployments are frozen: the first still serves the integration as it was before it was replaced.
    assertThat(state.deployments()).containsOnlyKeys("d3pl0y0001", "d3pl0y0002", "d3pl0y0003");
    assertThat(state.deploymentsByDate()).extracting(d -> d.description())
        .containsExactly("first release", "second release", "third release");
    assertThat(state.deployments().get("d3pl0y0001").createdDate()).isEqualTo(t(31));
    assertShopDefinition(state.deployments().get("d3pl0y0001").definition(), 29000);
    assertShopDefinition(state.deployments().get("d3pl0y0003").definition(), 10000);

    // prod was rolled back (StageRestored) to how it was after its update at minute 36; beta was deleted.
    assertThat(state.stages()).containsOnlyKeys("prod");
    Stage prod = state.stages().get("prod");
    assertThat(prod.deploymentId()).isEqualTo("d3pl0y0001");
    assertThat(prod.description()).isEqualTo("production");
    assertThat(prod.createdDate()).isEqualTo(t(31));
    assertThat(prod.lastUpdatedDate()).isEqualTo(t(40));
    assertThat(prod.variables()).containsOnly(entry("color", "red"), entry("backend", "backend.internal"));
    assertThat(prod.methodSettings()).containsOnlyKeys(MethodSetting.STAGE_DEFAULT, "items/GET");
    assertThat(prod.methodSettings().get("*/*").throttlingRateLimit()).isEqualTo(100.0);
    assertThat(prod.methodSettings().get("*/*").throttlingBurstLimit()).isEqualTo(50);
    assertThat(prod.methodSettings().get("items/GET").cachingEnabled()).isTrue();
    assertThat(prod.cacheClusterEnabled()).isTrue();
    assertThat(prod.cacheClusterSize()).isEqualTo("0.5");
    assertThat(prod.tracingEnabled()).isFalse();
    assertThat(prod.canarySettings().percentTraffic()).isEqualTo(10.0);
    assertThat(prod.canarySettings().deploymentId()).isEqualTo("d3pl0y0002");
    assertThat(prod.canarySettings().stageVariableOverrides()).containsExactly(entry("color", "green"));
    assertThat(prod.accessLogSettings().format()).isEqualTo("$context.requestId $context.status");
    assertThat(prod.accessLogSettings().destinationArn()).isEqualTo("arn:aws:logs:us-east-1:123456789012:log-group:shop-access");
  }

  /** The shop's resources and methods; {@code itemTimeout} tells the two versions of GET /items/{itemId}'s integration apart. */
  private static void assertShopDefinition(ApiDefinition definition, int itemTimeout) {
    assertThat(definition.rootResourceId()).isEqualTo("r00t8a2k4m");
    assertThat(definition.resourcesByPath()).extracting(Resource::path).containsExactly("/", "/items", "/items/{itemId}");
    assertThat(definition.resources()).containsOnlyKeys("r00t8a2k4m", "i7t3m5s9a1", "i7t3m5s9b2");
    assertThat(definition.resource("i7t3m5s9b2").parentId()).isEqualTo("i7t3m5s9a1");
    assertThat(definition.resource("i7t3m5s9a1").methods()).containsOnlyKeys("GET", "POST");
    assertThat(definition.resource("i7t3m5s9b2").methods()).containsOnlyKeys("GET");

    Method list = definition.method("i7t3m5s9a1", "GET");
    assertThat(list.operationName()).isEqualTo("ListAllItems");
    assertThat(list.authorizationType()).isEqualTo("NONE");
    assertThat(list.apiKeyRequired()).isTrue();
    assertThat(list.requestParameters()).containsExactly(entry("method.request.querystring.page", false));
    assertThat(list.methodResponses()).containsOnlyKeys("200");
    assertThat(list.methodResponses().get("200").responseParameters())
        .containsExactly(entry("method.response.header.X-Count", false));
    assertThat(list.integration().type()).isEqualTo("MOCK");
    assertThat(list.integration().requestTemplates()).containsExactly(entry("application/json", "{\"statusCode\": 200}"));
    assertThat(list.integration().integrationResponses()).containsOnlyKeys("200");
    assertThat(list.integration().integrationResponses().get("200").responseTemplates())
        .containsExactly(entry("application/json", "{\"items\": []}"));
    assertThat(list.integration().integrationResponses().get("200").responseParameters())
        .containsExactly(entry("method.response.header.X-Count", "'0'"));

    Method create = definition.method("i7t3m5s9a1", "POST");
    assertThat(create.operationName()).isEqualTo("CreateItem");
    assertThat(create.authorizationType()).isEqualTo("CUSTOM");
    assertThat(create.authorizerId()).isEqualTo("au7h0r1z3a");
    assertThat(create.requestValidatorId()).isEqualTo("v4l1d4t0r1");
    assertThat(create.requestModels()).containsExactly(entry("application/json", "Item"));
    Integration backend = create.integration();
    assertThat(backend.type()).isEqualTo("HTTP");
    assertThat(backend.httpMethod()).isEqualTo("POST");
    assertThat(backend.uri()).isEqualTo("http://backend.internal/items");
    assertThat(backend.passthroughBehavior()).isEqualTo("WHEN_NO_TEMPLATES");
    assertThat(backend.timeoutInMillis()).isEqualTo(5000);
    assertThat(backend.requestParameters())
        .containsExactly(entry("integration.request.header.X-Caller", "context.authorizer.principalId"));
    assertThat(backend.integrationResponses()).containsOnlyKeys("201");
    assertThat(backend.integrationResponses().get("201").selectionPattern()).isEqualTo("2\\d{2}");

    Method one = definition.method("i7t3m5s9b2", "GET");
    assertThat(one.requestParameters()).containsExactly(entry("method.request.path.itemId", true));
    assertThat(one.integration().type()).isEqualTo("HTTP_PROXY");
    assertThat(one.integration().uri()).isEqualTo("http://backend.internal/items/{itemId}");
    assertThat(one.integration().timeoutInMillis()).isEqualTo(itemTimeout);
    assertThat(one.integration().cacheKeyParameters()).containsExactly("method.request.path.itemId");
  }

  @ParameterizedTest
  @EnumSource(Recovery.class)
  void deletedRestApiStaysDeletedAndItsIdTaken(Recovery recovery) {
    var api = recover("RestApi|l3g4cy0ap1", recovery, RestApiEntity.create(ACCOUNT, "l3g4cy0ap1"));
    assertThat(error(api, RestApiEntity.Get::new)).isInstanceOf(NotFoundException.class)
        .hasMessage("Invalid API identifier specified 123456789012:l3g4cy0ap1");
    assertThat(this.<RestApiEntity.Command, RestApi>error(api, r -> new RestApiEntity.Create(
        new RestApi("l3g4cy0ap1", "again", null, t(60), null, null, null, "HEADER", null, false, null, null, "l3g4cyr00t"),
        "test", r))).isInstanceOf(ConflictException.class);
  }

  // ---------------------------------------------------------------- WebSocket APIs

  @ParameterizedTest
  @EnumSource(Recovery.class)
  void webSocketApiRecoversRoutesIntegrationsDeploymentsAndStages(Recovery recovery) {
    var api = recover("WebSocketApi|c4h7a1t9w2", recovery, ApiEntity.create(ACCOUNT, "c4h7a1t9w2"));
    ApiEntity.Active state = value(api, ApiEntity.Inspect::new);

    Api settings = state.api();
    assertThat(settings.apiId()).isEqualTo("c4h7a1t9w2");
    assertThat(settings.name()).isEqualTo("chat");
    assertThat(settings.description()).isEqualTo("chat rooms and presence");
    assertThat(settings.routeSelectionExpression()).isEqualTo("$request.body.action");
    assertThat(settings.apiKeySelectionExpression()).isEqualTo("$request.header.x-api-key");
    assertThat(settings.disableExecuteApiEndpoint()).isFalse();
    assertThat(settings.version()).isEqualTo("1.0");
    assertThat(settings.tags()).containsExactly(entry("team", "chat"));
    assertThat(settings.createdDate()).isEqualTo(t(100));

    assertThat(state.routesByKey()).extracting(Route::routeKey).containsExactly("$connect", "$default", "sendmessage");
    Route connect = state.route("rc0nn01");
    assertThat(connect.routeKey()).isEqualTo("$connect");
    assertThat(connect.target()).isEqualTo("integrations/m0ck7a1");
    assertThat(connect.authorizationType()).isEqualTo("CUSTOM");
    assertThat(connect.authorizerId()).isEqualTo("wsauth1");
    assertThat(connect.apiKeyRequired()).isTrue();
    assertThat(connect.operationName()).isEqualTo("Connect");
    Route send = state.route("rs3nd01");
    assertThat(send.routeKey()).isEqualTo("sendmessage");
    assertThat(send.target()).isEqualTo("integrations/h77p2b3");
    assertThat(send.operationName()).isEqualTo("SendChatMessage");
    assertThat(send.routeResponseSelectionExpression()).isEqualTo("$default");
    assertThat(send.requestParameters()).containsExactly(entry("route.request.header.X-Room", false));
    assertThat(send.responses()).containsOnlyKeys("rr3sp01");
    assertThat(state.routeResponse("rs3nd01", "rr3sp01").routeResponseKey()).isEqualTo("$default");
    assertThat(state.route("rd3f4u1").responses()).isEmpty();

    assertThat(state.integrationsById()).extracting(i -> i.integrationId()).containsExactly("h77p2b3", "m0ck7a1");
    var http = state.integration("h77p2b3");
    assertThat(http.integrationType()).isEqualTo("HTTP_PROXY");
    assertThat(http.integrationUri()).isEqualTo("http://backend.internal/messages");
    assertThat(http.integrationMethod()).isEqualTo("POST");
    assertThat(http.timeoutInMillis()).isEqualTo(15000);
    assertThat(http.description()).isEqualTo("messages backend");
    assertThat(http.requestParameters()).containsExactly(entry("integration.request.header.connectionId", "context.connectionId"));
    var mock = state.integration("m0ck7a1");
    assertThat(mock.integrationType()).isEqualTo("MOCK");
    assertThat(mock.requestTemplates()).containsExactly(entry("$default", "{\"statusCode\": 200}"));
    assertThat(mock.templateSelectionExpression()).isEqualTo("\\$default");
    assertThat(mock.responses()).containsOnlyKeys("ir3sp01");
    assertThat(state.integrationResponse("m0ck7a1", "ir3sp01").integrationResponseKey()).isEqualTo("$default");
    assertThat(state.integrationResponse("m0ck7a1", "ir3sp01").responseTemplates())
        .containsExactly(entry("$default", "{\"connectionId\": \"$context.connectionId\"}"));

    assertThat(state.definition().authorizers()).containsOnlyKeys("wsauth1");
    var authorizer = state.authorizer("wsauth1");
    assertThat(authorizer.name()).isEqualTo("connect-auth");
    assertThat(authorizer.authorizerType()).isEqualTo("REQUEST");
    assertThat(authorizer.identitySource()).containsExactly("route.request.header.Auth", "route.request.querystring.token");
    assertThat(authorizer.authorizerResultTtlInSeconds()).isEqualTo(300);

    assertThat(state.deployments()).containsOnlyKeys("wd3p001", "wd3p002");
    assertThat(state.deployment("wd3p001").description()).isEqualTo("first");
    assertThat(state.deployment("wd3p001").createdDate()).isEqualTo(t(123));
    assertThat(state.deployment("wd3p001").definition().routes()).containsOnlyKeys("rc0nn01", "rs3nd01", "rd3f4u1");
    assertThat(state.deployment("wd3p001").definition().integrations().get("h77p2b3").timeoutInMillis()).isEqualTo(15000);

    assertThat(state.stages()).containsOnlyKeys("prod");
    var prod = state.stage("prod");
    assertThat(prod.deploymentId()).isEqualTo("wd3p001");
    assertThat(prod.description()).isEqualTo("production");
    assertThat(prod.stageVariables()).containsOnly(entry("room", "lobby"), entry("motd", "hello"));
    assertThat(prod.defaultRouteSettings()).isEqualTo(new RouteSettings(false, true, "INFO", 100, 50.0));
    assertThat(prod.routeSettings()).containsOnlyKeys("sendmessage");
    assertThat(prod.routeSettings().get("sendmessage").throttlingBurstLimit()).isEqualTo(10);
    assertThat(prod.routeSettings().get("sendmessage").throttlingRateLimit()).isEqualTo(5.0);
    assertThat(prod.tags()).containsExactly(entry("env", "prod"));
    assertThat(prod.createdDate()).isEqualTo(t(122));
    assertThat(prod.lastUpdatedDate()).isEqualTo(t(124));
  }

  @ParameterizedTest
  @EnumSource(Recovery.class)
  void deletedWebSocketApiStaysDeletedAndItsIdTaken(Recovery recovery) {
    var api = recover("WebSocketApi|g0n3w5api1", recovery, ApiEntity.create(ACCOUNT, "g0n3w5api1"));
    assertThat(error(api, ApiEntity.GetApi::new)).isInstanceOf(NotFoundException.class);
    assertThat(this.<ApiEntity.Command, Api>error(api, r -> new ApiEntity.CreateApi(
        new Api("g0n3w5api1", "again", null, "$request.body.action", null, null, null, null, t(140), null), "test", r)))
        .isInstanceOf(ConflictException.class);
  }

  // ---------------------------------------------------------------- keys, plans, usage

  @ParameterizedTest
  @EnumSource(Recovery.class)
  void apiKeyRecoversItsLatestSettings(Recovery recovery) {
    var key = recover("ApiKey|k3yf1xt0r1", recovery, ApiKeyEntity.create("k3yf1xt0r1"));
    ApiKey k = value(key, ApiKeyEntity.Get::new);
    assertThat(k.id()).isEqualTo("k3yf1xt0r1");
    assertThat(k.value()).isEqualTo("fixtureKeyValue0000000000000000000000001");
    assertThat(k.name()).isEqualTo("partner-a");
    assertThat(k.description()).isEqualTo("for partner A, again");
    assertThat(k.enabled()).isTrue();
    assertThat(k.customerId()).isEqualTo("cust-42");
    assertThat(k.stageKeys()).containsExactly("q7w3e9r2t5/prod");
    assertThat(k.createdDate()).isEqualTo(t(200));
    assertThat(k.lastUpdatedDate()).isEqualTo(t(202));
    assertThat(k.tags()).containsExactly(entry("tier", "gold"));
  }

  @ParameterizedTest
  @EnumSource(Recovery.class)
  void deletedApiKeyStaysDeletedAndItsIdTaken(Recovery recovery) {
    var key = recover("ApiKey|k3yf1xt0r2", recovery, ApiKeyEntity.create("k3yf1xt0r2"));
    assertThat(error(key, ApiKeyEntity.Get::new)).isInstanceOf(NotFoundException.class)
        .hasMessage("Invalid API Key identifier specified");
    assertThat(this.<ApiKeyEntity.Command, ApiKey>error(key, r -> new ApiKeyEntity.Create(new ApiKey("k3yf1xt0r2",
        "fixtureKeyValue0000000000000000000000009", "again", null, true, null, null, t(210), t(210), null), r)))
        .isInstanceOf(ConflictException.class);
  }

  @ParameterizedTest
  @EnumSource(Recovery.class)
  void keyValueIndexKnowsTheLiveKeysValueOnly(Recovery recovery) {
    var index = recover("ApiKeyValueIndex|123456789012", recovery, ApiKeyValueIndex.create(ACCOUNT));
    assertThat(this.<ApiKeyValueIndex.Command, ApiKeyValueIndex.Owner>value(index,
        r -> new ApiKeyValueIndex.Find("fixtureKeyValue0000000000000000000000001", r)).keyId()).isEqualTo("k3yf1xt0r1");
    assertThat(this.<ApiKeyValueIndex.Command, ApiKeyValueIndex.Owner>value(index,
        r -> new ApiKeyValueIndex.Find("fixtureKeyValue0000000000000000000000002", r)).keyId()).isNull();
  }

  @ParameterizedTest
  @EnumSource(Recovery.class)
  void usagePlanRecoversThrottleQuotaStagesAndKeys(Recovery recovery) {
    var plan = recover("UsagePlan|p1anf1xt01", recovery, UsagePlanEntity.create("p1anf1xt01"));
    UsagePlanEntity.Active state = value(plan, UsagePlanEntity.Get::new);
    UsagePlan p = state.plan();
    assertThat(p.id()).isEqualTo("p1anf1xt01");
    assertThat(p.name()).isEqualTo("gold");
    assertThat(p.description()).isEqualTo("gold tier");
    assertThat(p.apiStages()).extracting(ApiStage::apiId, ApiStage::stage)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("q7w3e9r2t5", "prod"));
    assertThat(p.apiStages().get(0).throttle()).containsExactly(entry("/items/GET", new ThrottleSettings(20, 10.0)));
    assertThat(p.throttle().burstLimit()).isEqualTo(200);
    assertThat(p.throttle().rateLimit()).isEqualTo(75.5);
    assertThat(p.quota().limit()).isEqualTo(5000);
    assertThat(p.quota().offset()).isEqualTo(1);
    assertThat(p.quota().period()).isEqualTo("WEEK");
    assertThat(p.productCode()).isNull();
    assertThat(p.tags()).containsOnly(entry("tier", "gold"), entry("billing", "monthly"));
    assertThat(state.keyIds()).containsExactly("k3yf1xt0r1");
  }

  @ParameterizedTest
  @EnumSource(Recovery.class)
  void deletedUsagePlanStaysDeletedAndItsIdTaken(Recovery recovery) {
    var plan = recover("UsagePlan|p1anf1xt02", recovery, UsagePlanEntity.create("p1anf1xt02"));
    assertThat(error(plan, UsagePlanEntity.Get::new)).isInstanceOf(NotFoundException.class)
        .hasMessage("Invalid Usage Plan ID specified");
    assertThat(this.<UsagePlanEntity.Command, UsagePlan>error(plan, r -> new UsagePlanEntity.Create(
        new UsagePlan("p1anf1xt02", "again", null, null, null, null, null, null), r))).isInstanceOf(ConflictException.class);
  }

  @ParameterizedTest
  @EnumSource(Recovery.class)
  void usageCounterRecoversDailyCountsAndTheRemainingQuotaSet(Recovery recovery) {
    var counter = recover("UsageCounter|p1anf1xt01:k3yf1xt0r1", recovery, UsageCounter.create("p1anf1xt01:k3yf1xt0r1"));
    UsageCounter.UsageReport report = this.<UsageCounter.Command, UsageCounter.UsageReport>value(counter,
        r -> new UsageCounter.GetUsage(LocalDate.parse("2026-12-02"), LocalDate.parse("2026-12-03"),
            new QuotaSettings(1000, 0, "DAY"), r));
    assertThat(report.days()).containsExactly(
        new UsageCounter.DailyUsage(LocalDate.parse("2026-12-02"), 70, 930),
        new UsageCounter.DailyUsage(LocalDate.parse("2026-12-03"), 50, 900));
  }

  // ---------------------------------------------------------------- domains and directories

  @ParameterizedTest
  @EnumSource(Recovery.class)
  void domainNameRecoversSettingsAndMappings(Recovery recovery) {
    var domain = recover("DomainName|api.shop.example.com", recovery, DomainNameEntity.create("api.shop.example.com"));
    DomainNameEntity.Active state = value(domain, DomainNameEntity.Get::new);
    DomainName d = state.domain();
    assertThat(d.domainName()).isEqualTo("api.shop.example.com");
    assertThat(d.endpointType()).isEqualTo("REGIONAL");
    assertThat(d.regionalCertificateName()).isEqualTo("shop-cert-2026");
    assertThat(d.regionalCertificateArn())
        .isEqualTo("arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000001");
    assertThat(d.regionalDomainName()).isEqualTo("d-ab12cd34ef.execute-api.us-east-1.amazonaws.com");
    assertThat(d.distributionDomainName()).isNull();
    assertThat(d.securityPolicy()).isEqualTo("TLS_1_2");
    assertThat(d.createdDate()).isEqualTo(t(400));
    assertThat(d.tags()).containsOnly(entry("team", "store"), entry("env", "prod"));
    assertThat(state.mappings()).extracting(BasePathMapping::basePath, BasePathMapping::restApiId, BasePathMapping::stage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("(none)", "q7w3e9r2t5", "prod"),
            org.assertj.core.groups.Tuple.tuple("preview", "q7w3e9r2t5", "beta"));
  }

  @ParameterizedTest
  @EnumSource(Recovery.class)
  void deletedDomainNameIsGone(Recovery recovery) {
    var domain = recover("DomainName|old.shop.example.com", recovery, DomainNameEntity.create("old.shop.example.com"));
    assertThat(error(domain, DomainNameEntity.Get::new)).isInstanceOf(NotFoundException.class)
        .hasMessage("Invalid domain name identifier specified");
  }

  @ParameterizedTest
  @EnumSource(Recovery.class)
  void accountDirectoriesListTheLiveIds(Recovery recovery) {
    assertDirectory(recovery, "REST_APIS", "q7w3e9r2t5");
    assertDirectory(recovery, "WEBSOCKET_APIS", "c4h7a1t9w2");
    assertDirectory(recovery, "API_KEYS", "k3yf1xt0r1");
    assertDirectory(recovery, "USAGE_PLANS", "p1anf1xt01");
    assertDirectory(recovery, "DOMAIN_NAMES", "api.shop.example.com");
  }

  private void assertDirectory(Recovery recovery, String kind, String id) {
    String entityId = kind + ":" + ACCOUNT;
    var directory = recover("AccountDirectory|" + entityId, recovery, AccountDirectory.create(entityId));
    AccountDirectory.Page page = value(directory, AccountDirectory.ListAll::new);
    assertThat(page.ids()).as(kind).containsExactly(id);
    assertThat(page.next()).isNull();
  }

  // ---------------------------------------------------------------- plumbing

  /**
   * Seeds the fixture's records of {@code persistenceId}, decoded with today's serialization, as its
   * whole journal ({@link Recovery#EVENTS}) or as its only snapshot ({@link Recovery#SNAPSHOT}), then
   * starts {@code behavior}, which must recover from exactly that persistence id.
   */
  private <C> ActorRef<C> recover(String persistenceId, Recovery recovery, Behavior<C> behavior) {
    JournalFixture.Entity entity = fixture.entity(persistenceId);
    if (recovery == Recovery.EVENTS) {
      journal.persistForRecovery(persistenceId,
          entity.events().stream().map(r -> r.decode(serialization, persistenceId)).toList());
    } else {
      Object state = entity.snapshot().decode(serialization, persistenceId);
      snapshots.persistForRecovery(persistenceId,
          List.of(Pair.create(SnapshotMeta.create(entity.snapshot().sequenceNr()), state)));
    }
    ActorRef<C> ref = testKit.spawn(behavior);
    started.add(ref);
    return ref;
  }

  private <C, T> StatusReply<T> ask(ActorRef<C> entity, Function<ActorRef<StatusReply<T>>, C> command) {
    TestProbe<StatusReply<T>> probe = testKit.createTestProbe();
    entity.tell(command.apply(probe.getRef()));
    return probe.receiveMessage();
  }

  private <C, T> T value(ActorRef<C> entity, Function<ActorRef<StatusReply<T>>, C> command) {
    StatusReply<T> reply = ask(entity, command);
    assertThat(reply.isSuccess()).as("answered %s", reply).isTrue();
    return reply.getValue();
  }

  private <C, T> Throwable error(ActorRef<C> entity, Function<ActorRef<StatusReply<T>>, C> command) {
    StatusReply<T> reply = ask(entity, command);
    assertThat(reply.isError()).as("answered %s", reply).isTrue();
    return reply.getError();
  }
}
