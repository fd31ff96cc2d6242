package dev.apigw.persistence.domains;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.apigw.persistence.changes.ConfigChanges;
import dev.apigw.persistence.health.JournalFailures;
import dev.apigw.protocol.CborSerializable;
import dev.apigw.protocol.domains.BasePathMapping;
import dev.apigw.protocol.domains.DomainName;
import dev.apigw.protocol.domains.DomainNameAccessAssociation;
import dev.apigw.protocol.errors.ApiGatewayException;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ConflictException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.tags.TagChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * One custom domain name and its base path mappings, sharded by the domain name itself (AWS's
 * identifier for it). The mappings live here because they only exist inside their domain and
 * their base paths must be unique within it, which one entity checks atomically.
 *
 * <p>Unlike generated ids, a deleted domain name may be created again, as in AWS.
 */
public final class DomainNameEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        DomainNameEntity.Command, DomainNameEntity.Event, DomainNameEntity.State> {

  /** Sharding key; also the persistence id prefix. */
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "DomainName");

  /** Tag on every event, for the node-local routing snapshots. */
  public static final String TAG = "domain-name";

  /** AWS's message for an unknown domain name. */
  public static final String NOT_FOUND = "Invalid domain name identifier specified";

  /** The message for an unknown domain name access association (ours: no recorded AWS answer found). */
  public static final String ASSOCIATION_NOT_FOUND = "Invalid domain name access association identifier specified";

  /** AWS's message for an unknown base path. */
  public static final String MAPPING_NOT_FOUND = "Invalid base path mapping identifier specified";

  /** Commands, verbs; {@code replyTo} last. */
  public sealed interface Command extends CborSerializable {}

  /** Create the domain name; {@link ConflictException} if it exists. */
  public record Create(DomainName domain, ActorRef<StatusReply<DomainName>> replyTo) implements Command {}

  /** The domain and its mappings; {@link NotFoundException} unless it exists. */
  public record Get(ActorRef<StatusReply<Active>> replyTo) implements Command {}

  /** Replace {@code expected} by {@code updated}; {@link ConflictException} if it changed meanwhile. */
  public record Update(DomainName expected, DomainName updated, ActorRef<StatusReply<DomainName>> replyTo)
      implements Command {}

  /** TagResource, UntagResource: apply {@code change} to the domain's current tags (concurrent tag calls never undo each other). */
  public record Retag(TagChange change, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Delete the domain name and its mappings. */
  public record Delete(Instant at, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Add a mapping; {@link ConflictException} if its base path is taken. */
  public record CreateMapping(BasePathMapping mapping, ActorRef<StatusReply<BasePathMapping>> replyTo)
      implements Command {}

  /**
   * Replace the mapping at {@code expected.basePath()} by {@code updated}; {@link ConflictException}
   * if it changed meanwhile or the new base path is taken.
   */
  public record UpdateMapping(
      BasePathMapping expected, BasePathMapping updated, ActorRef<StatusReply<BasePathMapping>> replyTo)
      implements Command {}

  /** Remove the mapping at {@code basePath}; {@link NotFoundException} if there is none. */
  public record DeleteMapping(String basePath, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /**
   * CreateDomainNameAccessAssociation: {@link BadRequestException} unless the domain is private,
   * {@link ConflictException} if the same source is already associated.
   */
  public record CreateAccessAssociation(
      DomainNameAccessAssociation association, ActorRef<StatusReply<DomainNameAccessAssociation>> replyTo)
      implements Command {}

  /**
   * DeleteDomainNameAccessAssociation (the consumer's side) or RejectDomainNameAccessAssociation (the domain owner's);
   * {@link NotFoundException} if there is no association with this ARN.
   */
  public record RemoveAccessAssociation(String arn, boolean rejected, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /** Events, past tense. Part of the journal's schema. */
  public sealed interface Event extends CborSerializable {}

  /** The domain name was created. */
  public record Created(DomainName domain) implements Event {}

  /** The domain name's settings were replaced by these. */
  public record Updated(DomainName domain) implements Event {}

  /** The domain name and its mappings were deleted. */
  public record Deleted(String domainName, Instant at) implements Event {}

  /** A mapping was added. */
  public record MappingCreated(BasePathMapping mapping) implements Event {}

  /** The mapping at {@code basePath} was replaced by {@code mapping} (whose base path may differ). */
  public record MappingUpdated(String basePath, BasePathMapping mapping) implements Event {}

  /** The mapping at {@code basePath} was removed. */
  public record MappingDeleted(String basePath) implements Event {}

  /** A domain name access association was created. */
  public record AccessAssociationCreated(DomainNameAccessAssociation association) implements Event {}

  /** The association with this ARN was deleted by its owner. */
  public record AccessAssociationDeleted(String arn) implements Event {}

  /** The association with this ARN was rejected by the domain name's owner. */
  public record AccessAssociationRejected(String arn) implements Event {}

  /** The entity's lifecycle. */
  public sealed interface State extends CborSerializable {}

  /** The domain name does not exist and never did. */
  public record Empty(String domainName) implements State {}

  /**
   * The domain name exists.
   *
   * @param mappings in creation order; never mutated
   * @param associations the private domain's access associations, in creation order; added later: null in
   *     snapshots written before
   */
  public record Active(DomainName domain, List<BasePathMapping> mappings,
      List<DomainNameAccessAssociation> associations) implements State {
    @JsonCreator
    public Active {
      mappings = List.copyOf(mappings);
      associations = associations == null ? List.of() : List.copyOf(associations);
    }

    /** A domain without access associations. */
    public Active(DomainName domain, List<BasePathMapping> mappings) {
      this(domain, mappings, List.of());
    }

    /** The association with this ARN, if any. */
    public Optional<DomainNameAccessAssociation> association(String arn) {
      return associations.stream().filter(a -> a.domainNameAccessAssociationArn().equals(arn)).findFirst();
    }

    Active withAssociation(DomainNameAccessAssociation association) {
      var next = new ArrayList<>(associations);
      next.add(association);
      return new Active(domain, mappings, next);
    }

    Active withoutAssociation(String arn) {
      return new Active(domain, mappings,
          associations.stream().filter(a -> !a.domainNameAccessAssociationArn().equals(arn)).toList());
    }

    /** The mapping at {@code basePath}, if any. */
    public Optional<BasePathMapping> mapping(String basePath) {
      return mappings.stream().filter(m -> m.basePath().equals(basePath)).findFirst();
    }

    Active withDomain(DomainName domain) {
      return new Active(domain, mappings, associations);
    }

    Active withMapping(BasePathMapping mapping) {
      var next = new ArrayList<>(mappings);
      next.add(mapping);
      return new Active(domain, next, associations);
    }

    Active replacingMapping(String basePath, BasePathMapping mapping) {
      return new Active(domain, mappings.stream().map(m -> m.basePath().equals(basePath) ? mapping : m).toList(),
          associations);
    }

    Active withoutMapping(String basePath) {
      return new Active(domain, mappings.stream().filter(m -> !m.basePath().equals(basePath)).toList(), associations);
    }
  }

  /** The domain name existed and was deleted; it may be created again. */
  public record Removed(String domainName, Instant deletedAt) implements State {}

  private final String domainName;
  private final Consumer<String> changed;

  private DomainNameEntity(String domainName, Consumer<String> changed) {
    super(PersistenceId.of(ENTITY_KEY.name(), domainName), JournalFailures.restartWithBackoff());
    this.domainName = domainName;
    this.changed = changed;
  }

  /**
   * Registers the entity with Cluster Sharding on this node; every persisted change is announced
   * on {@link ConfigChanges}' topic (the data plane routes custom domains by their mappings).
   */
  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(),
        id -> ConfigChanges.announce(system, ConfigChanges.Kind.DOMAIN_NAME, id))));
  }

  /** The behavior for one domain name, announcing nothing (tests). */
  public static Behavior<Command> create(String domainName) {
    return create(domainName, id -> {});
  }

  /** The behavior for one domain name; {@code changed} hears the name after each persisted change. */
  public static Behavior<Command> create(String domainName, Consumer<String> changed) {
    return new DomainNameEntity(domainName, changed);
  }

  private void announce(State state) {
    changed.accept(domainName);
  }

  @Override
  public State emptyState() {
    return new Empty(domainName);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(TAG);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder
        .forStateType(Active.class)
        .onCommand(Create.class, (state, cmd) -> Effect().reply(cmd.replyTo(), taken()))
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), StatusReply.success(state)))
        .onCommand(Update.class, this::update)
        .onCommand(Retag.class, this::retag)
        .onCommand(
            Delete.class,
            (state, cmd) ->
                Effect().persist(new Deleted(domainName, cmd.at())).thenRun(this::announce)
        .thenReply(cmd.replyTo(), s -> StatusReply.ack()))
        .onCommand(CreateMapping.class, this::createMapping)
        .onCommand(UpdateMapping.class, this::updateMapping)
        .onCommand(DeleteMapping.class, this::deleteMapping)
        .onCommand(CreateAccessAssociation.class, this::createAssociation)
        .onCommand(RemoveAccessAssociation.class, this::removeAssociation);
    // Empty and Removed answer alike: nothing exists, and Create starts afresh.
    builder
        .forAnyState()
        .onCommand(Create.class, (state, cmd) -> create(cmd))
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(Update.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(Retag.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(Delete.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(CreateMapping.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(UpdateMapping.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(DeleteMapping.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(CreateAccessAssociation.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(RemoveAccessAssociation.class, (state, cmd) -> Effect().reply(cmd.replyTo(),
            StatusReply.error(new NotFoundException(ASSOCIATION_NOT_FOUND))));
    return builder.build();
  }

  private ReplyEffect<Event, State> create(Create cmd) {
    if (!domainName.equals(cmd.domain().domainName())) {
      // Sharding routes by name; a mismatch is a caller bug that must not reach the journal.
      return Effect().reply(cmd.replyTo(), wrongName(cmd.domain()));
    }
    return Effect().persist(new Created(cmd.domain())).thenRun(this::announce)
        .thenReply(cmd.replyTo(), s -> StatusReply.success(cmd.domain()));
  }

  private ReplyEffect<Event, State> update(Active state, Update cmd) {
    if (!domainName.equals(cmd.updated().domainName())) {
      return Effect().reply(cmd.replyTo(), wrongName(cmd.updated()));
    }
    if (!state.domain().equals(cmd.expected())) {
      return Effect().reply(cmd.replyTo(), concurrentModification());
    }
    return Effect().persist(new Updated(cmd.updated())).thenRun(this::announce)
        .thenReply(cmd.replyTo(), s -> StatusReply.success(cmd.updated()));
  }

  private ReplyEffect<Event, State> retag(Active state, Retag cmd) {
    DomainName updated;
    try {
      updated = state.domain().withTags(cmd.change().applyTo(state.domain().tags()));
    } catch (ApiGatewayException e) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(e));
    }
    return Effect().persist(new Updated(updated)).thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> createMapping(Active state, CreateMapping cmd) {
    if (state.mapping(cmd.mapping().basePath()).isPresent()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new ConflictException("Base path already exists for this domain name")));
    }
    return Effect()
        .persist(new MappingCreated(cmd.mapping()))
        .thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.success(cmd.mapping()));
  }

  private ReplyEffect<Event, State> updateMapping(Active state, UpdateMapping cmd) {
    String basePath = cmd.expected().basePath();
    var current = state.mapping(basePath);
    if (current.isEmpty()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new NotFoundException(MAPPING_NOT_FOUND)));
    }
    if (!current.get().equals(cmd.expected())) {
      return Effect().reply(cmd.replyTo(), concurrentModification());
    }
    String newPath = cmd.updated().basePath();
    if (!newPath.equals(basePath) && state.mapping(newPath).isPresent()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new ConflictException("Base path already exists for this domain name")));
    }
    return Effect()
        .persist(new MappingUpdated(basePath, cmd.updated()))
        .thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.success(cmd.updated()));
  }

  private ReplyEffect<Event, State> deleteMapping(Active state, DeleteMapping cmd) {
    if (state.mapping(cmd.basePath()).isEmpty()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new NotFoundException(MAPPING_NOT_FOUND)));
    }
    return Effect().persist(new MappingDeleted(cmd.basePath())).thenRun(this::announce)
        .thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> createAssociation(Active state, CreateAccessAssociation cmd) {
    DomainNameAccessAssociation a = cmd.association();
    if (!state.domain().isPrivate()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new BadRequestException(
          "Domain name access associations can only be created for private custom domain names (endpoint type "
              + "PRIVATE); " + domainName + " is " + state.domain().endpointType())));
    }
    if (state.association(a.domainNameAccessAssociationArn()).isPresent()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new ConflictException(
          "A domain name access association already exists for this domain name and access association source")));
    }
    return Effect().persist(new AccessAssociationCreated(a)).thenRun(this::announce)
        .thenReply(cmd.replyTo(), s -> StatusReply.success(a));
  }

  private ReplyEffect<Event, State> removeAssociation(Active state, RemoveAccessAssociation cmd) {
    if (state.association(cmd.arn()).isEmpty()) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new NotFoundException(ASSOCIATION_NOT_FOUND)));
    }
    Event event = cmd.rejected() ? new AccessAssociationRejected(cmd.arn()) : new AccessAssociationDeleted(cmd.arn());
    return Effect().persist(event).thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private <T> StatusReply<T> wrongName(DomainName domain) {
    return StatusReply.error(
        new BadRequestException("domainName: " + domain.domainName() + " (expected: " + domainName + ")"));
  }

  private static <T> StatusReply<T> missing() {
    return StatusReply.error(new NotFoundException(NOT_FOUND));
  }

  private <T> StatusReply<T> taken() {
    return StatusReply.error(new ConflictException("The domain name you provided already exists."));
  }

  private static <T> StatusReply<T> concurrentModification() {
    return StatusReply.error(
        new ConflictException("Unable to complete operation due to concurrent modification. Please try again later."));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    var builder = newEventHandlerBuilder();
    builder.forAnyState().onEvent(Created.class, (state, e) -> new Active(e.domain(), List.of()));
    builder.forStateType(Active.class).onEvent(Updated.class, (state, e) -> state.withDomain(e.domain()));
    builder.forStateType(Active.class).onEvent(MappingCreated.class, (state, e) -> state.withMapping(e.mapping()));
    builder
        .forStateType(Active.class)
        .onEvent(MappingUpdated.class, (state, e) -> state.replacingMapping(e.basePath(), e.mapping()));
    builder.forStateType(Active.class).onEvent(MappingDeleted.class, (state, e) -> state.withoutMapping(e.basePath()));
    builder.forStateType(Active.class)
        .onEvent(AccessAssociationCreated.class, (state, e) -> state.withAssociation(e.association()));
    builder.forStateType(Active.class)
        .onEvent(AccessAssociationDeleted.class, (state, e) -> state.withoutAssociation(e.arn()));
    builder.forStateType(Active.class)
        .onEvent(AccessAssociationRejected.class, (state, e) -> state.withoutAssociation(e.arn()));
    builder.forAnyState().onEvent(Deleted.class, (state, e) -> new Removed(e.domainName(), e.at()));
    return builder.build();
  }
}
