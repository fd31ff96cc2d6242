package dev.apigw.node.controlplane.domains;

import dev.apigw.node.controlplane.common.Futures;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.controlplane.common.PatchOperation;
import dev.apigw.node.controlplane.restapi.RestApiService;
import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.persistence.domains.DomainNameEntity;
import dev.apigw.protocol.Ids;
import dev.apigw.protocol.domains.BasePathMapping;
import dev.apigw.protocol.domains.DomainName;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * The domain name and base path mapping operations of the management API. A mapping's API must
 * exist; its stage is taken as given because stages do not exist in this gateway yet.
 */
public final class DomainNameService {
  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final String accountId;
  private final String region;
  private final RestApiService apis;
  private final Clock clock;

  public DomainNameService(
      ClusterSharding sharding, Duration askTimeout, String accountId, String region, RestApiService apis, Clock clock) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
    this.accountId = accountId;
    this.region = region;
    this.apis = apis;
    this.clock = clock;
  }

  /** Registers the name, then creates the domain with generated (informational) target host names. */
  public CompletionStage<DomainName> create(CreateDomainNameRequest request) {
    boolean edge = request.endpointType().equals("EDGE");
    DomainName domain =
        new DomainName(
            request.domainName(),
            request.endpointType(),
            request.certificateName(),
            request.certificateArn(),
            request.regionalCertificateName(),
            request.regionalCertificateArn(),
            edge ? "d" + Ids.random(13) + ".cloudfront.net" : null,
            edge ? null : "d-" + Ids.random(10) + ".execute-api." + region + ".amazonaws.com",
            request.securityPolicy(),
            clock.instant().truncatedTo(ChronoUnit.SECONDS),
            request.tags(),
            request.mutualTlsAuthentication());
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
    return active(name)
        .thenCompose(a -> apis.get(request.mapping().restApiId()))
        .thenCompose(
            api -> domain(key(name)).askWithStatus(r -> new DomainNameEntity.CreateMapping(request.mapping(), r), askTimeout));
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
              BasePathMapping updated = DomainNamePatch.apply(current, ops);
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

  /** The domain's tags. */
  public CompletionStage<Map<String, String>> tags(String name) {
    return get(name).thenApply(DomainName::tags);
  }

  /** Replaces the domain's tags by {@code change} of them. */
  public CompletionStage<Done> retag(String name, UnaryOperator<Map<String, String>> change) {
    return change(name, d -> d.withTags(change.apply(d.tags()))).thenApply(d -> Done.getInstance());
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
