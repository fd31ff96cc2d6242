package dev.apigw.node.controlplane.restapi;

import dev.apigw.node.http.AwsErrors;
import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.persistence.restapi.RestApiEntity;
import dev.apigw.persistence.restapi.RestApis;
import dev.apigw.protocol.Ids;
import dev.apigw.protocol.PatchOperation;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.DefinitionChange;
import dev.apigw.protocol.restapi.Model;
import dev.apigw.protocol.restapi.RestApi;
import dev.apigw.protocol.tags.TagChange;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * The REST API operations of the management API, as asks to the sharded entities. Errors come
 * back as failed stages carrying AWS's exceptions; the routes render them.
 */
public final class RestApiService {
  private final ClusterSharding sharding;
  private final RestApis apis;
  private final Duration askTimeout;
  private final String accountId;
  private final Clock clock;

  public RestApiService(ClusterSharding sharding, RestApis apis, Duration askTimeout, String accountId, Clock clock) {
    this.sharding = sharding;
    this.apis = apis;
    this.askTimeout = askTimeout;
    this.accountId = accountId;
    this.clock = clock;
  }

  /** A page of APIs and the position of the next page, or null on the last one. */
  public record Page(List<RestApi> apis, String position) {}

  /**
   * CreateRestApi: registers a new id in the directory first, then creates the API (see {@link AccountDirectory}) with
   * AWS's two default models, {@code Empty} and {@code Error}.
   */
  public CompletionStage<RestApi> create(CreateRestApiRequest request, String by) {
    if (request.cloneFrom() != null) {
      return createClone(request, by);
    }
    return create(request, by, Ids.newId(), Ids.newId()).thenCompose(api -> defaultModel(api, EMPTY_MODEL, by)
        .thenCompose(done -> defaultModel(api, ERROR_MODEL, by)).thenApply(done -> api));
  }

  /**
   * CreateRestApi with {@code cloneFrom}: the new API takes the request's settings and a copy of the source's
   * definition (resources with new ids, methods, integrations, models, validators, authorizers, gateway responses);
   * deployments and stages are not copied, as in AWS.
   */
  private CompletionStage<RestApi> createClone(CreateRestApiRequest request, String by) {
    return apis.inspect(request.cloneFrom()).thenCompose(source -> {
      String root = Ids.newId();
      ApiDefinition copy = source.definition().withNewResourceIds(root, Ids::newId);
      var replace = new DefinitionChange.DefinitionReplaced(copy, "cloned from " + request.cloneFrom());
      return create(request, by, Ids.newId(), root).thenCompose(api -> apis
          .<ApiDefinition>ask(api.id(), r -> new RestApiEntity.ChangeDefinition(replace, clock.instant(), by, r))
          .thenApply(d -> api));
    });
  }

  // AWS's default models of every new REST API, with AWS's descriptions and schemas.
  private static final String[] EMPTY_MODEL = {"Empty", "This is a default empty schema model", """
      {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "title" : "Empty Schema",
        "type" : "object"
      }"""};
  private static final String[] ERROR_MODEL = {"Error", "This is a default error schema model", """
      {
        "$schema" : "http://json-schema.org/draft-04/schema#",
        "title" : "Error Schema",
        "type" : "object",
        "properties" : {
          "message" : { "type" : "string" }
        }
      }"""};

  private CompletionStage<ApiDefinition> defaultModel(RestApi api, String[] model, String by) {
    var put = new DefinitionChange.ModelPut(new Model(Ids.newId(), model[0], model[1], model[2], "application/json"), true);
    return apis.<ApiDefinition>ask(api.id(), r -> new RestApiEntity.ChangeDefinition(put, clock.instant(), by, r));
  }

  /**
   * Like {@link #create(CreateRestApiRequest, String)} with ids the caller generated (with {@link Ids#newId()}),
   * so that an import can build and check the whole definition before the API exists.
   */
  public CompletionStage<RestApi> create(CreateRestApiRequest request, String by, String id, String rootResourceId) {
    RestApi api =
        new RestApi(
            id,
            request.name(),
            request.description(),
            clock.instant().truncatedTo(ChronoUnit.SECONDS),
            request.version(),
            request.binaryMediaTypes(),
            request.minimumCompressionSize(),
            request.apiKeySource(),
            List.of(request.endpointType()),
            request.disableExecuteApiEndpoint(),
            request.policy(),
            request.tags(),
            rootResourceId);
    return directory()
        .<Done>askWithStatus(r -> new AccountDirectory.Register(id, r), askTimeout)
        .thenCompose(done -> apis.<RestApi>ask(id, r -> new RestApiEntity.Create(api, by, r)));
  }

  /** The API, or {@link NotFoundException} in AWS's words. */
  public CompletionStage<RestApi> get(String apiId) {
    return apis.ask(apiId, RestApiEntity.Get::new);
  }

  /** Lists APIs in creation order; ids whose API is gone are skipped. */
  public CompletionStage<Page> list(String position, int limit) {
    return directory()
        .<AccountDirectory.Page>askWithStatus(r -> new AccountDirectory.ListIds(position, limit, r), askTimeout)
        .thenCompose(
            page -> {
              List<CompletableFuture<Optional<RestApi>>> lookups =
                  page.ids().stream().map(id -> getIfPresent(id).toCompletableFuture()).toList();
              return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
                  .thenApply(
                      v ->
                          new Page(
                              lookups.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList(),
                              page.next()));
            });
  }

  /** UpdateRestApi: patch the API's settings. */
  public CompletionStage<RestApi> update(String apiId, List<PatchOperation> ops, String by) {
    return apis.ask(apiId, r -> new RestApiEntity.UpdateRestApi(ops, clock.instant(), by, r));
  }

  /** The API's tags (GetTags). */
  public CompletionStage<java.util.Map<String, String>> tags(String apiId) {
    return get(apiId).thenApply(RestApi::tags);
  }

  /** A stage's tags (GetTags on a stage's ARN). */
  public CompletionStage<java.util.Map<String, String>> stageTags(String apiId, String stageName) {
    return apis.inspect(apiId).thenApply(a -> {
      var stage = a.stages().get(stageName);
      if (stage == null) {
        throw new NotFoundException("Invalid Stage identifier specified");
      }
      return stage.tags();
    });
  }

  /**
   * TagResource, UntagResource on the API (or with {@code stageName}, that stage): the API's entity applies
   * {@code change} to the current tags.
   */
  public CompletionStage<Done> retag(String apiId, TagChange change, String stageName) {
    return apis.<Done>ask(apiId, r -> new RestApiEntity.Retag(stageName, change, clock.instant(), null, r));
  }

  /** Deletes the API, then drops its id from the directory. */
  public CompletionStage<Done> delete(String apiId, String by) {
    return apis.<Done>ask(apiId, r -> new RestApiEntity.Delete(clock.instant(), by, r))
        .thenCompose(done -> directory().askWithStatus(r -> new AccountDirectory.Unregister(apiId, r), askTimeout));
  }

  private CompletionStage<Optional<RestApi>> getIfPresent(String apiId) {
    return get(apiId)
        .handle(
            (api, failure) -> {
              if (failure == null) {
                return Optional.of(api);
              }
              if (AwsErrors.unwrap(failure) instanceof NotFoundException) {
                return Optional.<RestApi>empty();
              }
              throw new CompletionException(AwsErrors.unwrap(failure));
            });
  }

  private EntityRef<AccountDirectory.Command> directory() {
    return sharding.entityRefFor(
        AccountDirectory.ENTITY_KEY, AccountDirectory.entityId(AccountDirectory.Kind.REST_APIS, accountId));
  }
}
