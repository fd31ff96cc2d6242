package dev.apigw.node.controlplane.domains;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.controlplane.common.Futures;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.persistence.domains.DomainNameEntity;
import dev.apigw.protocol.domains.DomainNameAccessAssociation;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.errors.ValidationErrors;
import dev.apigw.protocol.tags.TagRules;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Domain name access associations (private custom domain names): each lives in its private domain name's entity. This
 * gateway serves one account, so every association is the caller's own ({@code resourceOwner SELF}) and none is
 * another account's. There are no VPC endpoints here: an association is recorded and listed, the data plane does not
 * consult it.
 */
public final class AccessAssociationService {
  private static final List<String> SOURCE_TYPES = List.of("VPCE");
  private static final List<String> RESOURCE_OWNERS = List.of("SELF", "OTHER_ACCOUNTS");

  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final String accountId;
  private final String region;

  public AccessAssociationService(ClusterSharding sharding, Duration askTimeout, String accountId, String region) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
    this.accountId = accountId;
    this.region = region;
  }

  /** CreateDomainNameAccessAssociation. */
  public CompletionStage<DomainNameAccessAssociation> create(JsonNode body) {
    String domainNameArn = JsonFields.string(body, "domainNameArn");
    String sourceType = JsonFields.string(body, "accessAssociationSourceType");
    String source = JsonFields.string(body, "accessAssociationSource");
    ValidationErrors.of("CreateDomainNameAccessAssociation")
        .notNull("domainNameArn", domainNameArn)
        .requiredOneOf("accessAssociationSourceType", sourceType, SOURCE_TYPES)
        .notNull("accessAssociationSource", source)
        .throwIfAny();
    if (source.isBlank() || source.contains("/")) {
      throw new BadRequestException("Invalid access association source specified: " + source
          + " (expected: a VPC endpoint id, e.g. vpce-0123456789abcdef0)");
    }
    var tags = TagRules.check(JsonFields.stringMap(body, "tags"));
    return domain(domainNameArn).thenCompose(active -> {
      var d = active.domain();
      var association = new DomainNameAccessAssociation(DomainNameArns.association(region, accountId, d, source),
          DomainNameArns.domain(region, accountId, d), sourceType, source, tags);
      return entity(d.domainName()).askWithStatus(r -> new DomainNameEntity.CreateAccessAssociation(association, r),
          askTimeout);
    });
  }

  /** GetDomainNameAccessAssociations: a page of every association, in domain order then creation order. */
  public CompletionStage<Paging.Page<DomainNameAccessAssociation>> list(String resourceOwner, String position, int limit) {
    ValidationErrors.of("GetDomainNameAccessAssociations").oneOf("resourceOwner", resourceOwner, RESOURCE_OWNERS)
        .throwIfAny();
    if ("OTHER_ACCOUNTS".equals(resourceOwner)) {
      return CompletableFuture.completedFuture(new Paging.Page<>(List.of(), null));
    }
    return directory()
        .<AccountDirectory.Page>askWithStatus(AccountDirectory.ListAll::new, askTimeout)
        .thenCompose(page -> Futures.present(page.ids(),
            name -> entity(name).<DomainNameEntity.Active>askWithStatus(DomainNameEntity.Get::new, askTimeout)))
        .thenApply(domains -> Paging.page(domains.stream().flatMap(a -> a.associations().stream()).toList(),
            DomainNameAccessAssociation::domainNameAccessAssociationArn, position, limit));
  }

  /** DeleteDomainNameAccessAssociation. */
  public CompletionStage<Done> delete(String arn) {
    return remove(arn, false);
  }

  /** RejectDomainNameAccessAssociation: the domain name's owner removes an association with its domain name. */
  public CompletionStage<Done> reject(String associationArn, String domainNameArn) {
    ValidationErrors.of("RejectDomainNameAccessAssociation")
        .notNull("domainNameAccessAssociationArn", associationArn)
        .notNull("domainNameArn", domainNameArn)
        .throwIfAny();
    return domain(domainNameArn).thenCompose(active -> {
      var owner = DomainNameArns.parseAssociation(associationArn);
      if (owner.isEmpty() || !owner.get().name().equals(active.domain().domainName())) {
        throw new NotFoundException(DomainNameEntity.ASSOCIATION_NOT_FOUND);
      }
      return remove(associationArn, true);
    });
  }

  private CompletionStage<Done> remove(String arn, boolean rejected) {
    var ref = DomainNameArns.parseAssociation(arn).flatMap(AccessAssociationService::normalized);
    if (ref.isEmpty()) {
      return Futures.failed(new NotFoundException(DomainNameEntity.ASSOCIATION_NOT_FOUND));
    }
    return entity(ref.get().name()).askWithStatus(
        r -> new DomainNameEntity.RemoveAccessAssociation(arn, rejected, r), askTimeout);
  }

  /** The domain a domain name ARN names, with AWS's 404 unless it exists (a private one with this id). */
  private CompletionStage<DomainNameEntity.Active> domain(String arn) {
    var ref = DomainNameArns.parseDomain(arn).flatMap(AccessAssociationService::normalized);
    if (ref.isEmpty()) {
      return Futures.failed(new NotFoundException(DomainNameEntity.NOT_FOUND));
    }
    return entity(ref.get().name())
        .<DomainNameEntity.Active>askWithStatus(DomainNameEntity.Get::new, askTimeout)
        .thenApply(active -> {
          if (active.domain().isPrivate() && !Objects.equals(ref.get().id(), active.domain().domainNameId())) {
            throw new NotFoundException(DomainNameEntity.NOT_FOUND);
          }
          return active;
        });
  }

  /** The reference with its name as the domain's entity is keyed, or empty if no domain could have that name. */
  private static Optional<DomainNameArns.Ref> normalized(DomainNameArns.Ref ref) {
    try {
      return Optional.of(new DomainNameArns.Ref(CreateDomainNameRequest.normalize(ref.name()), ref.id()));
    } catch (BadRequestException e) {
      return Optional.empty();
    }
  }

  private EntityRef<DomainNameEntity.Command> entity(String name) {
    return sharding.entityRefFor(DomainNameEntity.ENTITY_KEY, name);
  }

  private EntityRef<AccountDirectory.Command> directory() {
    return sharding.entityRefFor(
        AccountDirectory.ENTITY_KEY, AccountDirectory.entityId(AccountDirectory.Kind.DOMAIN_NAMES, accountId));
  }
}
