package dev.apigw.node.controlplane.domains;

import dev.apigw.node.controlplane.common.Futures;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.controlplane.common.PatchOperation;
import dev.apigw.node.controlplane.restapi.RestApiService;
import dev.apigw.node.controlplane.v2api.V2ApiService;
import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.persistence.domains.DomainNameEntity;
import dev.apigw.protocol.Ids;
import dev.apigw.protocol.domains.BasePathMapping;
import dev.apigw.protocol.domains.DomainName;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.tags.TagChange;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * The domain name and base path mapping operations of the management API, for apigateway and apigatewayv2 alike:
 * one domain model, where a base path mapping and an API mapping are the same thing seen two ways. A mapping's API
 * must exist (apigateway: a REST API; apigatewayv2: any kind, and an apigatewayv2 API's stage too); a REST API's
 * stage is taken as given.
 */
public final class DomainNameService {
  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final String accountId;
  private final String region;
  /** apigatewayv2's message for an unknown API mapping id. */
  static final String API_MAPPING_NOT_FOUND = "Invalid API mapping identifier specified ";

  /** Generated ids of private domain names (the {@code +id} of their ARN): 10 lowercase alphanumerics. */
  static final int DOMAIN_NAME_ID_LENGTH = 10;

  /** Generated API mapping ids: 10 lowercase alphanumerics. */
  static final int API_MAPPING_ID_LENGTH = 10;

  private final RestApiService apis;
  private final V2ApiService v2Apis;
  private final Clock clock;

  public DomainNameService(ClusterSharding sharding, Duration askTimeout, String accountId, String region,
      RestApiService apis, V2ApiService v2Apis, Clock clock) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
    this.accountId = accountId;
    this.region = region;
    this.apis = apis;
    this.v2Apis = v2Apis;
    this.clock = clock;
  }

  /** Registers the name, then creates the domain with generated (informational) target host names. */
  public CompletionStage<DomainName> create(CreateDomainNameRequest request) {
    boolean edge = request.endpointType().equals("EDGE");
    boolean isPrivate = request.endpointType().equals("PRIVATE");
    DomainName domain =
        new DomainName(
            request.domainName(),
            request.endpointType(),
            request.certificateName(),
            request.certificateArn(),
            request.regionalCertificateName(),
            request.regionalCertificateArn(),
            edge ? "d" + Ids.random(13) + ".cloudfront.net" : null,
            edge || isPrivate ? null : "d-" + Ids.random(10) + ".execute-api." + region + ".amazonaws.com",
            request.securityPolicy(),
            clock.instant().truncatedTo(ChronoUnit.SECONDS),
            request.tags(),
            request.mutualTlsAuthentication(),
            isPrivate ? Ids.random(DOMAIN_NAME_ID_LENGTH) : null,
            isPrivate ? request.policy() : null);
    return directory()
        .<Done>askWithStatus(r -> new AccountDirectory.Register(domain.domainName(), r), askTimeout)
        .thenCompose(done -> domain(domain.domainName()).askWithStatus(r -> new DomainNameEntity.Create(domain, r), askTimeout));
  }

  /** The domain name, or AWS's {@link NotFoundException}. */
  public CompletionStage<DomainName> get(String name) {
    return active(name).thenApply(DomainNameEntity.Active::domain);
  }

  /** A page of domain names in creation order. */
  public CompletionStage<Paging.Page<DomainName>> list(String position, int limit) {
    return directory()
        .<AccountDirectory.Page>askWithStatus(r -> new AccountDirectory.ListIds(position, limit, r), askTimeout)
        .thenCompose(page -> Futures.present(page.ids(), this::get).thenApply(found -> new Paging.Page<>(found, page.next())));
  }

  /** Applies the patch to the current domain (compare-and-set). */
  public CompletionStage<DomainName> update(String name, List<PatchOperation> ops) {
    return change(name, d -> DomainNamePatch.apply(d, ops));
  }

  /** Deletes the domain and its mappings, then drops the name from the directory. */
  public CompletionStage<Done> delete(String name) {
    return active(name)
        .thenCompose(
            a -> {
              String key = a.domain().domainName();
              return domain(key)
                  .<Done>askWithStatus(r -> new DomainNameEntity.Delete(clock.instant(), r), askTimeout)
                  .thenCompose(done -> directory().askWithStatus(r -> new AccountDirectory.Unregister(key, r), askTimeout));
            });
  }

  /** Adds a mapping to an existing API. */
  public CompletionStage<BasePathMapping> createMapping(String name, CreateBasePathMappingRequest request) {
    BasePathMapping mapping = request.mapping().withApiMappingId(Ids.random(API_MAPPING_ID_LENGTH));
    return active(name)
        .thenCompose(a -> apis.get(mapping.restApiId()))
        .thenCompose(
            api -> domain(key(name)).askWithStatus(r -> new DomainNameEntity.CreateMapping(mapping, r), askTimeout));
  }

  /** One mapping. */
  public CompletionStage<BasePathMapping> getMapping(String name, String basePath) {
    return active(name).thenApply(a -> a.mapping(basePath).orElseThrow(DomainNameService::mappingNotFound));
  }

  /** A page of the domain's mappings in creation order. */
  public CompletionStage<Paging.Page<BasePathMapping>> listMappings(String name, String position, int limit) {
    return active(name).thenApply(a -> Paging.page(a.mappings(), BasePathMapping::basePath, position, limit));
  }

  /** Applies the patch to the mapping; a new API id must exist (compare-and-set). */
  public CompletionStage<BasePathMapping> updateMapping(String name, String basePath, List<PatchOperation> ops) {
    return getMapping(name, basePath)
        .thenCompose(
            current -> {
              BasePathMapping updated = DomainNamePatch.apply(current, ops).withApiMappingId(current.id());
              CompletionStage<?> check =
                  updated.restApiId().equals(current.restApiId())
                      ? CompletableFuture.completedFuture(Done.getInstance())
                      : apis.get(updated.restApiId());
              return check.thenCompose(
                  ok -> domain(key(name)).<BasePathMapping>askWithStatus(r -> new DomainNameEntity.UpdateMapping(current, updated, r), askTimeout));
            });
  }

  /** Removes a mapping. */
  public CompletionStage<Done> deleteMapping(String name, String basePath) {
    return active(name).thenCompose(a -> domain(key(name)).askWithStatus(r -> new DomainNameEntity.DeleteMapping(basePath, r), askTimeout));
  }

  // ---------------------------------------------------------------- apigatewayv2's view

  /** Changes the domain's settings with {@code change} (compare-and-set). */
  public CompletionStage<DomainName> update(String name, UnaryOperator<DomainName> change) {
    return change(name, change);
  }

  /** CreateApiMapping: maps {@code mapping} (without id) to an existing API and stage. */
  public CompletionStage<BasePathMapping> createApiMapping(String name, BasePathMapping mapping) {
    BasePathMapping withId = mapping.withApiMappingId(Ids.random(API_MAPPING_ID_LENGTH));
    return active(name)
        .thenCompose(a -> checkTarget(withId))
        .thenCompose(ok -> domain(key(name)).askWithStatus(r -> new DomainNameEntity.CreateMapping(withId, r), askTimeout));
  }

  /** One API mapping by its id. */
  public CompletionStage<BasePathMapping> apiMapping(String name, String apiMappingId) {
    return active(name).thenApply(a -> a.mappings().stream().filter(m -> m.id().equals(apiMappingId)).findFirst()
        .orElseThrow(() -> new NotFoundException(API_MAPPING_NOT_FOUND + apiMappingId)));
  }

  /** A page of the domain's API mappings in creation order. */
  public CompletionStage<Paging.Page<BasePathMapping>> apiMappings(String name, String nextToken, int limit) {
    return active(name).thenApply(a -> Paging.page(a.mappings(), BasePathMapping::id, nextToken, limit));
  }

  /** UpdateApiMapping: {@code change} of the current mapping, checked like a new one (compare-and-set). */
  public CompletionStage<BasePathMapping> updateApiMapping(String name, String apiMappingId,
      UnaryOperator<BasePathMapping> change) {
    return apiMapping(name, apiMappingId).thenCompose(current -> {
      BasePathMapping updated = change.apply(current).withApiMappingId(current.id());
      return checkTarget(updated).thenCompose(ok -> domain(key(name)).<BasePathMapping>askWithStatus(
          r -> new DomainNameEntity.UpdateMapping(current, updated, r), askTimeout));
    });
  }

  /** DeleteApiMapping. */
  public CompletionStage<Done> deleteApiMapping(String name, String apiMappingId) {
    return apiMapping(name, apiMappingId).thenCompose(current -> domain(key(name)).<Done>askWithStatus(
        r -> new DomainNameEntity.DeleteMapping(current.basePath(), r), askTimeout));
  }

  /**
   * The mapping's API exists: an apigatewayv2 API with that stage (a WebSocket API only at a single-level key, as in
   * AWS), or else a REST API.
   */
  private CompletionStage<Done> checkTarget(BasePathMapping mapping) {
    String apiId = mapping.restApiId();
    CompletionStage<Done> v2 = v2Apis.getApi(apiId).thenCompose(api -> {
      if (!api.isHttp() && mapping.basePath().contains("/")) {
        throw new BadRequestException("Multi-level API mapping keys are not supported for WebSocket APIs: "
            + mapping.basePath());
      }
      return mapping.stage() == null ? CompletableFuture.completedFuture(Done.getInstance())
          : v2Apis.stage(apiId, mapping.stage()).thenApply(stage -> Done.getInstance());
    });
    return v2.exceptionallyCompose(failure -> {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (cause instanceof NotFoundException && cause.getMessage().startsWith("Invalid API identifier")) {
        // Not an apigatewayv2 API: a REST API then, or AWS's 404 for the REST id.
        return apis.get(apiId).thenApply(api -> Done.getInstance());
      }
      return Futures.failed(cause);
    });
  }

  /** The domain's tags. */
  public CompletionStage<Map<String, String>> tags(String name) {
    return get(name).thenApply(DomainName::tags);
  }

  /** TagResource, UntagResource: the domain's entity applies {@code change} to its current tags. */
  public CompletionStage<Done> retag(String name, TagChange change) {
    return active(name).thenCompose(current ->
        domain(current.domain().domainName()).askWithStatus(r -> new DomainNameEntity.Retag(change, r), askTimeout));
  }

  private CompletionStage<DomainName> change(String name, UnaryOperator<DomainName> change) {
    return get(name)
        .thenCompose(
            current -> domain(current.domainName()).askWithStatus(r -> new DomainNameEntity.Update(current, change.apply(current), r), askTimeout));
  }

  private CompletionStage<DomainNameEntity.Active> active(String name) {
    String key;
    try {
      key = key(name);
    } catch (BadRequestException e) {
      // A name that could never have been created is simply not there.
      return Futures.failed(new NotFoundException(DomainNameEntity.NOT_FOUND));
    }
    return domain(key).askWithStatus(DomainNameEntity.Get::new, askTimeout);
  }

  private static String key(String name) {
    return CreateDomainNameRequest.normalize(name);
  }

  private static NotFoundException mappingNotFound() {
    return new NotFoundException(DomainNameEntity.MAPPING_NOT_FOUND);
  }

  private EntityRef<DomainNameEntity.Command> domain(String name) {
    return sharding.entityRefFor(DomainNameEntity.ENTITY_KEY, name);
  }

  private EntityRef<AccountDirectory.Command> directory() {
    return sharding.entityRefFor(
        AccountDirectory.ENTITY_KEY, AccountDirectory.entityId(AccountDirectory.Kind.DOMAIN_NAMES, accountId));
  }
}
