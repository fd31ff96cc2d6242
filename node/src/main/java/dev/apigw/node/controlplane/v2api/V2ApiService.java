package dev.apigw.node.controlplane.v2api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.controlplane.common.Futures;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.persistence.account.AccountEntity;
import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.persistence.v2.ApiEntity;
import dev.apigw.protocol.Ids;
import dev.apigw.protocol.account.VpcLink;
import dev.apigw.protocol.errors.BadRequestException;
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
import dev.apigw.protocol.v2.Stage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * The apigatewayv2 operations (WebSocket and HTTP APIs) as asks to {@link ApiEntity}: request bodies are checked here
 * ({@link V2ApiRequests} for WebSocket APIs, {@link HttpApiRequests} for HTTP APIs; a write below the API reads the
 * API's protocol first), ids generated here, and every failure comes back as a failed stage carrying AWS's exception,
 * which the routes render once.
 */
public final class V2ApiService {
  /** Route, integration, response, authorizer and deployment ids: 7 lowercase alphanumerics, like AWS's. */
  static final int CHILD_ID_LENGTH = 7;

  private static final Pattern API_ID = Pattern.compile("[a-z0-9]{10}");

  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final String accountId;
  private final Clock clock;
  private final BiFunction<String, Boolean, CompletionStage<VpcLink>> vpcLinks;

  /**
   * @param vpcLinks the account's VPC link of an id if it is of the version asked for ({@code true}: V2, which an HTTP
   *     API's integrations name; {@code false}: REST API, which a WebSocket API's name), or a failed stage (404)
   */
  public V2ApiService(ClusterSharding sharding, Duration askTimeout, String accountId, Clock clock,
      BiFunction<String, Boolean, CompletionStage<VpcLink>> vpcLinks) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
    this.accountId = accountId;
    this.clock = clock;
    this.vpcLinks = vpcLinks;
  }

  // ---------------------------------------------------------------- APIs

  /**
   * CreateApi: registers the new id in the account's directory first, then creates the API; an HTTP API with a
   * {@code target} is quick-created with its managed integration, route and auto-deploying {@code $default} stage.
   */
  public CompletionStage<Api> createApi(JsonNode body, String by) {
    return attempt(() -> {
      Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      String protocolType = JsonFields.string(body, "protocolType");
      if (Api.HTTP.equals(protocolType)) {
        Api api = HttpApiRequests.createApi(body, Ids.newId(), created);
        QuickCreate quick = QuickCreate.of(body, V2ApiService::childId, created);
        return create(api, quick == null ? Definition.empty() : quick.definition(),
            quick == null ? List.of() : List.of(quick.stage()), by);
      }
      return create(V2ApiRequests.createApi(body, Ids.newId(), created), Definition.empty(), List.of(), by);
    });
  }

  /** Registers {@code api}'s id in the account's directory, then creates it with {@code definition} and {@code stages}. */
  CompletionStage<Api> create(Api api, Definition definition, List<Stage> stages, String by) {
    return directory()
        .<Done>askWithStatus(r -> new AccountDirectory.Register(api.apiId(), r), askTimeout)
        .thenCompose(done -> ask(api.apiId(), r -> new ApiEntity.CreateApi(api, definition, stages, by, r)));
  }

  public CompletionStage<Api> getApi(String apiId) {
    return ask(apiId, ApiEntity.GetApi::new);
  }

  /** GetApis: the account's WebSocket APIs in creation order; ids whose API is gone are skipped. */
  public CompletionStage<Paging.Page<Api>> listApis(String nextToken, String maxResults) {
    return attempt(() -> {
      int limit = Paging.maxResults(maxResults);
      return directory()
          .<AccountDirectory.Page>askWithStatus(r -> new AccountDirectory.ListIds(nextToken, limit, r), askTimeout)
          .thenCompose(page -> Futures.present(page.ids(), this::getApi).thenApply(apis -> new Paging.Page<>(apis, page.next())));
    });
  }

  public CompletionStage<Api> updateApi(String apiId, JsonNode body, String by) {
    return withApi(apiId, state -> {
      Api changes = state.api().isHttp() ? HttpApiRequests.apiChanges(body) : V2ApiRequests.apiChanges(body);
      if (!state.api().isHttp() && body.hasNonNull("corsConfiguration")) {
        throw new BadRequestException("corsConfiguration is supported only for HTTP APIs");
      }
      String target = JsonFields.string(body, "target");
      String routeKey = JsonFields.string(body, "routeKey");
      String credentialsArn = JsonFields.string(body, "credentialsArn");
      if (target == null && routeKey == null && credentialsArn == null) {
        return ask(apiId, r -> new ApiEntity.UpdateApi(changes, now(), by, r));
      }
      return updateQuickCreate(apiId, state, changes, target, routeKey, credentialsArn, by);
    });
  }

  /**
   * UpdateApi with quick create's fields, as AWS documents them: {@code target} replaces the managed integration's
   * URI and type, {@code credentialsArn} its credentials, {@code routeKey} the managed route's key. HTTP APIs only,
   * and only those made by quick create (nothing else has a managed integration or route to update).
   */
  private CompletionStage<Api> updateQuickCreate(String apiId, ApiEntity.Active state, Api changes, String target,
      String routeKey, String credentialsArn, String by) {
    String field = target != null ? "target" : routeKey != null ? "routeKey" : "credentialsArn";
    if (!state.api().isHttp()) {
      throw new BadRequestException(field + " is supported only for HTTP APIs");
    }
    Integration managed = state.definition().integrations().values().stream()
        .filter(i -> Boolean.TRUE.equals(i.apiGatewayManaged())).findFirst().orElse(null);
    Route managedRoute = state.definition().routes().values().stream()
        .filter(r -> Boolean.TRUE.equals(r.apiGatewayManaged())).findFirst().orElse(null);
    if (managed == null || (routeKey != null && managedRoute == null)) {
      throw new BadRequestException(field + " updates the integration and route that quick create made; API " + apiId
          + " was not created with a target (quick create)");
    }
    if (routeKey != null) {
      HttpApiRequests.checkRouteKey(routeKey);
    }
    Integration integrationChanges =
        target == null && credentialsArn == null ? null : QuickCreate.target(target, credentialsArn);
    if (integrationChanges != null) {
      HttpApiRequests.checkIntegration(managed.withChanges(integrationChanges));
    }
    Route routeChanges = routeKey == null ? null : new Route(null, routeKey, null, null, null, null, null, null, null,
        null, null, null, null, null);
    return ask(apiId, r -> new ApiEntity.UpdateQuickCreate(changes, managed.integrationId(), integrationChanges,
        managedRoute == null ? null : managedRoute.routeId(), routeChanges, now(), by, r));
  }

  // ---------------------------------------------------------------- tags

  /** The API's tags (GetTags of {@code arn:aws:apigateway:{region}::/apis/{apiId}}). */
  public CompletionStage<Map<String, String>> tags(String apiId) {
    return getApi(apiId).thenApply(a -> a.tags() == null ? Map.of() : a.tags());
  }

  /** A stage's tags (GetTags of {@code .../apis/{apiId}/stages/{stageName}}). */
  public CompletionStage<Map<String, String>> stageTags(String apiId, String stageName) {
    return stage(apiId, stageName).thenApply(s -> s.tags() == null ? Map.of() : s.tags());
  }

  /**
   * TagResource, UntagResource on the API ({@code stageName} null) or its stage: the API's entity applies
   * {@code change} to the current tags.
   */
  public CompletionStage<Done> retag(String apiId, String stageName, TagChange change) {
    return ask(apiId, (ActorRef<StatusReply<Done>> r) -> new ApiEntity.Retag(stageName, change, now(), null, r));
  }

  /** DeleteCorsConfiguration of an HTTP API. */
  public CompletionStage<Done> deleteCors(String apiId, String by) {
    return ask(apiId, r -> new ApiEntity.DeleteCorsConfiguration(now(), by, r));
  }

  /** DeleteApi: deletes the API, then drops its id from the directory. */
  public CompletionStage<Done> deleteApi(String apiId, String by) {
    return ask(apiId, (ActorRef<StatusReply<Done>> r) -> new ApiEntity.DeleteApi(now(), by, r))
        .thenCompose(done -> directory().askWithStatus(r -> new AccountDirectory.Unregister(apiId, r), askTimeout));
  }

  // ---------------------------------------------------------------- OpenAPI

  /** What ImportApi created and what it skipped. */
  public record Imported(Api api, List<String> warnings) {}

  /** ImportApi: a new HTTP API from an OpenAPI 3.0 document ({@code {"body": "..."}}). */
  public CompletionStage<Imported> importApi(JsonNode body, String basepath, String failOnWarnings, String by) {
    return attempt(() -> {
      HttpApiImport read = HttpApiImport.read(body, basepath, Boolean.parseBoolean(failOnWarnings), V2ApiService::childId);
      Api settings = read.api();
      Api api = new Api(Ids.newId(), settings.name(), settings.description(), HttpApiRequests.ROUTE_SELECTION,
          V2ApiRequests.DEFAULT_API_KEY_SELECTION, false, settings.version(), null,
          clock.instant().truncatedTo(ChronoUnit.SECONDS), Api.HTTP, settings.corsConfiguration());
      return linksExist(read.definition()).thenCompose(ok -> create(api, read.definition(), List.of(), by))
          .thenApply(created -> new Imported(created, read.warnings()));
    });
  }

  /** ReimportApi: the HTTP API's routes, integrations, authorizers and CORS become the document's. */
  public CompletionStage<Imported> reimportApi(
      String apiId, JsonNode body, String basepath, String failOnWarnings, String by) {
    return withApi(apiId, state -> {
      if (!state.api().isHttp()) {
        throw new BadRequestException("ReimportApi is supported only for HTTP APIs");
      }
      HttpApiImport read = HttpApiImport.read(body, basepath, Boolean.parseBoolean(failOnWarnings), V2ApiService::childId);
      return linksExist(read.definition()).thenCompose(ok -> ask(apiId, (ActorRef<StatusReply<Api>> r) ->
              new ApiEntity.ReplaceDefinition(read.api(), read.definition(), now(), by, r)))
          .thenApply(api -> new Imported(api, read.warnings()));
    });
  }

  /**
   * ExportApi: the HTTP API as OpenAPI 3.0 text; with {@code stageName}, what that stage serves (its deployment), else
   * the current definition. {@code endpoint} is where the API is served.
   */
  public CompletionStage<String> exportApi(String apiId, String specification, String outputType, String stageName,
      String includeExtensions, Function<Api, String> endpoint) {
    return withApi(apiId, state -> {
      if (!state.api().isHttp()) {
        throw new BadRequestException("ExportApi is supported only for HTTP APIs");
      }
      if (!"OAS30".equals(specification)) {
        throw new BadRequestException("Invalid specification: " + specification + " (expected: OAS30)");
      }
      if (outputType == null) {
        throw new BadRequestException("outputType is required (expected: YAML or JSON)");
      }
      Definition definition = state.definition();
      String url = endpoint.apply(state.api());
      if (stageName != null) {
        Stage stage = state.stage(stageName);
        if (stage.deploymentId() == null) {
          throw new BadRequestException("Stage " + stageName + " has no deployment to export");
        }
        definition = state.deployment(stage.deploymentId()).definition();
        url = stageName.equals(HttpApiRequests.DEFAULT_STAGE) ? url : url + "/" + stageName;
      }
      boolean extensions = includeExtensions == null || Boolean.parseBoolean(includeExtensions);
      String text = HttpApiExport.render(HttpApiExport.document(state.api(), definition, url, extensions), outputType);
      return CompletableFuture.completedFuture(text);
    });
  }

  // ---------------------------------------------------------------- routes and route responses

  public CompletionStage<Route> createRoute(String apiId, JsonNode body, String by) {
    return withApi(apiId, state -> {
      Route route = state.api().isHttp()
          ? HttpApiRequests.createRoute(body, childId()) : V2ApiRequests.createRoute(body, childId());
      return ask(apiId, r -> new ApiEntity.CreateRoute(route, now(), by, r));
    });
  }

  public CompletionStage<Route> route(String apiId, String routeId) {
    return read(apiId, a -> a.route(routeId));
  }

  public CompletionStage<Paging.Page<Route>> routes(String apiId, String nextToken, String maxResults) {
    return page(apiId, ApiEntity.Active::routesByKey, Route::routeId, nextToken, maxResults);
  }

  public CompletionStage<Route> updateRoute(String apiId, String routeId, JsonNode body, String by) {
    return withApi(apiId, state -> {
      Route changes = state.api().isHttp() ? HttpApiRequests.routeChanges(body) : V2ApiRequests.routeChanges(body);
      return ask(apiId, r -> new ApiEntity.UpdateRoute(routeId, changes, now(), by, r));
    });
  }

  public CompletionStage<Done> deleteRoute(String apiId, String routeId, String by) {
    return ask(apiId, r -> new ApiEntity.DeleteRoute(routeId, now(), by, r));
  }

  public CompletionStage<RouteResponse> createRouteResponse(String apiId, String routeId, JsonNode body, String by) {
    return withApi(apiId, state -> {
      webSocketOnly(state, "Route responses");
      RouteResponse response = V2ApiRequests.createRouteResponse(body, childId());
      return ask(apiId, r -> new ApiEntity.CreateRouteResponse(routeId, response, now(), by, r));
    });
  }

  public CompletionStage<RouteResponse> routeResponse(String apiId, String routeId, String routeResponseId) {
    return read(apiId, a -> a.routeResponse(routeId, routeResponseId));
  }

  public CompletionStage<Paging.Page<RouteResponse>> routeResponses(
      String apiId, String routeId, String nextToken, String maxResults) {
    return page(apiId, a -> a.route(routeId).responses().values().stream()
            .sorted(Comparator.comparing(RouteResponse::routeResponseKey)).toList(),
        RouteResponse::routeResponseId, nextToken, maxResults);
  }

  public CompletionStage<Done> deleteRouteResponse(String apiId, String routeId, String routeResponseId, String by) {
    return ask(apiId, r -> new ApiEntity.DeleteRouteResponse(routeId, routeResponseId, now(), by, r));
  }

  // ---------------------------------------------------------------- integrations and integration responses

  public CompletionStage<Integration> createIntegration(String apiId, JsonNode body, String by) {
    return withApi(apiId, state -> {
      Integration integration = state.api().isHttp()
          ? HttpApiRequests.createIntegration(body, childId()) : V2ApiRequests.createIntegration(body, childId());
      return linkExists(integration, state.api().isHttp()).thenCompose(ok ->
          ask(apiId, r -> new ApiEntity.CreateIntegration(integration, now(), by, r)));
    });
  }

  public CompletionStage<Integration> integration(String apiId, String integrationId) {
    return read(apiId, a -> a.integration(integrationId));
  }

  public CompletionStage<Paging.Page<Integration>> integrations(String apiId, String nextToken, String maxResults) {
    return page(apiId, ApiEntity.Active::integrationsById, Integration::integrationId, nextToken, maxResults);
  }

  public CompletionStage<Integration> updateIntegration(String apiId, String integrationId, JsonNode body, String by) {
    return withApi(apiId, state -> {
      boolean http = state.api().isHttp();
      Integration changes = http ? HttpApiRequests.integrationChanges(body) : V2ApiRequests.integrationChanges(body);
      Integration merged = state.integration(integrationId).withChanges(changes);
      if (http) {
        HttpApiRequests.checkIntegration(merged);
      } else {
        V2ApiRequests.checkIntegration(merged);
      }
      CompletionStage<Done> checked = changes.connectionType() != null || changes.connectionId() != null
          ? linkExists(merged, http) : CompletableFuture.completedFuture(Done.getInstance());
      return checked.thenCompose(ok ->
          ask(apiId, r -> new ApiEntity.UpdateIntegration(integrationId, changes, now(), by, r)));
    });
  }

  /**
   * A VPC_LINK integration's link must exist and be of the version its API uses, AWS's 400 otherwise: an HTTP API's a
   * {@code /v2/vpclinks} (V2) link, a WebSocket API's a REST API ({@code /vpclinks}, V1) link, as on AWS. Any other
   * integration passes.
   */
  private CompletionStage<Done> linkExists(Integration integration, boolean httpApi) {
    if (!"VPC_LINK".equals(integration.connectionType())) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    return vpcLinks.apply(integration.connectionId(), httpApi).handle((link, failure) -> {
      if (failure != null) {
        if (AwsErrors.unwrap(failure) instanceof NotFoundException) {
          throw new BadRequestException(AccountEntity.VPC_LINK_NOT_FOUND);
        }
        throw failure instanceof RuntimeException r ? r : new CompletionException(failure);
      }
      return Done.getInstance();
    });
  }

  /** Every VPC_LINK integration of an imported HTTP API's {@code definition} names an existing V2 link. */
  private CompletionStage<Done> linksExist(Definition definition) {
    return Futures.all(definition.integrations().values().stream().map(i -> linkExists(i, true)).toList())
        .thenApply(all -> Done.getInstance());
  }

  public CompletionStage<Done> deleteIntegration(String apiId, String integrationId, String by) {
    return ask(apiId, r -> new ApiEntity.DeleteIntegration(integrationId, now(), by, r));
  }

  public CompletionStage<IntegrationResponse> createIntegrationResponse(
      String apiId, String integrationId, JsonNode body, String by) {
    return withApi(apiId, state -> {
      webSocketOnly(state, "Integration responses");
      IntegrationResponse response = V2ApiRequests.createIntegrationResponse(body, childId());
      return ask(apiId, r -> new ApiEntity.CreateIntegrationResponse(integrationId, response, now(), by, r));
    });
  }

  public CompletionStage<IntegrationResponse> integrationResponse(String apiId, String integrationId, String responseId) {
    return read(apiId, a -> a.integrationResponse(integrationId, responseId));
  }

  public CompletionStage<Paging.Page<IntegrationResponse>> integrationResponses(
      String apiId, String integrationId, String nextToken, String maxResults) {
    return page(apiId, a -> a.integration(integrationId).responses().values().stream()
            .sorted(Comparator.comparing(IntegrationResponse::integrationResponseKey)).toList(),
        IntegrationResponse::integrationResponseId, nextToken, maxResults);
  }

  public CompletionStage<Done> deleteIntegrationResponse(String apiId, String integrationId, String responseId, String by) {
    return ask(apiId, r -> new ApiEntity.DeleteIntegrationResponse(integrationId, responseId, now(), by, r));
  }

  // ---------------------------------------------------------------- authorizers

  public CompletionStage<Authorizer> createAuthorizer(String apiId, JsonNode body, String by) {
    return withApi(apiId, state -> {
      Authorizer authorizer = state.api().isHttp()
          ? HttpApiRequests.createAuthorizer(body, childId()) : V2ApiRequests.createAuthorizer(body, childId());
      return ask(apiId, r -> new ApiEntity.CreateAuthorizer(authorizer, now(), by, r));
    });
  }

  /** UpdateAuthorizer: the merged authorizer is checked as a whole before the entity sees the change. */
  public CompletionStage<Authorizer> updateAuthorizer(String apiId, String authorizerId, JsonNode body, String by) {
    return withApi(apiId, state -> {
      Authorizer changes;
      if (state.api().isHttp()) {
        changes = HttpApiRequests.authorizerChanges(body);
        HttpApiRequests.checkAuthorizer(state.authorizer(authorizerId).withChanges(changes));
      } else {
        changes = V2ApiRequests.authorizerChanges(body);
      }
      return ask(apiId, r -> new ApiEntity.UpdateAuthorizer(authorizerId, changes, now(), by, r));
    });
  }

  public CompletionStage<Authorizer> authorizer(String apiId, String authorizerId) {
    return read(apiId, a -> a.authorizer(authorizerId));
  }

  public CompletionStage<Paging.Page<Authorizer>> authorizers(String apiId, String nextToken, String maxResults) {
    return page(apiId, ApiEntity.Active::authorizersByName, Authorizer::authorizerId, nextToken, maxResults);
  }

  public CompletionStage<Done> deleteAuthorizer(String apiId, String authorizerId, String by) {
    return ask(apiId, r -> new ApiEntity.DeleteAuthorizer(authorizerId, now(), by, r));
  }

  // ---------------------------------------------------------------- deployments and stages

  /** CreateDeployment: {@code description}, optional {@code stageName} of an existing stage to point at it. */
  public CompletionStage<Deployment> createDeployment(String apiId, JsonNode body, String by) {
    return attempt(() -> {
      String description = JsonFields.string(body, "description");
      String stageName = JsonFields.string(body, "stageName");
      return ask(apiId, r -> new ApiEntity.CreateDeployment(childId(), description, stageName, now(), by, r));
    });
  }

  public CompletionStage<Deployment> deployment(String apiId, String deploymentId) {
    return read(apiId, a -> a.deployment(deploymentId));
  }

  public CompletionStage<Paging.Page<Deployment>> deployments(String apiId, String nextToken, String maxResults) {
    return page(apiId, ApiEntity.Active::deploymentsByDate, Deployment::deploymentId, nextToken, maxResults);
  }

  public CompletionStage<Done> deleteDeployment(String apiId, String deploymentId, String by) {
    return ask(apiId, r -> new ApiEntity.DeleteDeployment(deploymentId, now(), by, r));
  }

  public CompletionStage<Stage> createStage(String apiId, JsonNode body, String by) {
    return withApi(apiId, state -> {
      Stage stage = state.api().isHttp() ? HttpApiRequests.createStage(body, now()) : V2ApiRequests.createStage(body, now());
      return ask(apiId, r -> new ApiEntity.CreateStage(stage, by, r));
    });
  }

  public CompletionStage<Stage> stage(String apiId, String stageName) {
    return read(apiId, a -> a.stage(stageName));
  }

  public CompletionStage<Paging.Page<Stage>> stages(String apiId, String nextToken, String maxResults) {
    return page(apiId, ApiEntity.Active::stagesByName, Stage::stageName, nextToken, maxResults);
  }

  public CompletionStage<Stage> updateStage(String apiId, String stageName, JsonNode body, String by) {
    return withApi(apiId, state -> {
      Stage changes = state.api().isHttp() ? HttpApiRequests.stageChanges(body) : V2ApiRequests.stageChanges(body);
      return ask(apiId, r -> new ApiEntity.UpdateStage(stageName, changes, now(), by, r));
    });
  }

  public CompletionStage<Done> deleteStage(String apiId, String stageName, String by) {
    return ask(apiId, r -> new ApiEntity.DeleteStage(stageName, now(), by, r));
  }

  // ---------------------------------------------------------------- helpers

  <T> CompletionStage<T> ask(String apiId, Function<ActorRef<StatusReply<T>>, ApiEntity.Command> command) {
    if (!API_ID.matcher(apiId).matches()) {
      // Ids that cannot be API ids never spawn an entity.
      return Futures.failed(new NotFoundException("Invalid API identifier specified " + accountId + ":" + apiId));
    }
    return sharding.entityRefFor(ApiEntity.ENTITY_KEY, apiId).askWithStatus(command::apply, askTimeout);
  }

  /** Reads the API's state, then runs {@code action} on it (a check that throws becomes a failed stage). */
  <T> CompletionStage<T> withApi(String apiId, Function<ApiEntity.Active, CompletionStage<T>> action) {
    return ask(apiId, ApiEntity.Inspect::new).thenCompose(state -> attempt(() -> action.apply(state)));
  }

  private static void webSocketOnly(ApiEntity.Active state, String what) {
    if (state.api().isHttp()) {
      throw new BadRequestException(what + " are supported only for WebSocket APIs");
    }
  }

  /** Reads from the API's current state; the state's lookups throw AWS's NotFoundException. */
  private <T> CompletionStage<T> read(String apiId, Function<ApiEntity.Active, T> pick) {
    return ask(apiId, ApiEntity.Inspect::new).thenApply(pick);
  }

  private <T> CompletionStage<Paging.Page<T>> page(String apiId, Function<ApiEntity.Active, List<T>> items,
      Function<T, String> id, String nextToken, String maxResults) {
    return attempt(() -> {
      int limit = Paging.maxResults(maxResults);
      return read(apiId, a -> Paging.page(items.apply(a), id, nextToken, limit));
    });
  }

  /** Runs {@code action}; a check that throws before any ask becomes a failed stage too. */
  private static <T> CompletionStage<T> attempt(Supplier<CompletionStage<T>> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  static String childId() {
    return Ids.random(CHILD_ID_LENGTH);
  }

  Instant now() {
    // Milliseconds: enough to tell changes apart, and what the journal keeps exactly.
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private EntityRef<AccountDirectory.Command> directory() {
    return sharding.entityRefFor(
        AccountDirectory.ENTITY_KEY, AccountDirectory.entityId(AccountDirectory.Kind.WEBSOCKET_APIS, accountId));
  }
}
