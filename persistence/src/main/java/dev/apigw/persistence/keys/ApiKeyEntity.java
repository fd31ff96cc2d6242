package dev.apigw.persistence.keys;

import dev.apigw.persistence.changes.ConfigChanges;
import dev.apigw.persistence.health.JournalFailures;
import dev.apigw.protocol.CborSerializable;
import dev.apigw.protocol.errors.ApiGatewayException;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ConflictException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.keys.ApiKey;
import dev.apigw.protocol.tags.TagChange;
import java.time.Instant;
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
 * One API key, sharded by its id. Updates are compare-and-set on the whole key ({@link Update}):
 * the control plane computes the new key from patch operations, and a concurrent change makes the
 * update fail with AWS's concurrent-modification conflict instead of being lost.
 */
public final class ApiKeyEntity
    extends EventSourcedBehaviorWithEnforcedReplies<ApiKeyEntity.Command, ApiKeyEntity.Event, ApiKeyEntity.State> {

  /** Sharding key; also the persistence id prefix. */
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "ApiKey");

  /** Tag on every event, for the node-local key snapshots that the data plane will read. */
  public static final String TAG = "api-key";

  /** AWS's message for an unknown key. */
  public static final String NOT_FOUND = "Invalid API Key identifier specified";

  /** AWS's words for a lost compare-and-set race. */
  public static final String CONCURRENT_MODIFICATION =
      "Unable to complete operation due to concurrent modification. Please try again later.";

  /** Commands, verbs; {@code replyTo} last. */
  public sealed interface Command extends CborSerializable {}

  /** Create the key; {@link ConflictException} if this id was ever used. */
  public record Create(ApiKey key, ActorRef<StatusReply<ApiKey>> replyTo) implements Command {}

  /** The key; {@link NotFoundException} unless it exists. */
  public record Get(ActorRef<StatusReply<ApiKey>> replyTo) implements Command {}

  /** Replace {@code expected} by {@code updated}; {@link ConflictException} if the key changed meanwhile. */
  public record Update(ApiKey expected, ApiKey updated, ActorRef<StatusReply<ApiKey>> replyTo) implements Command {}

  /**
   * TagResource, UntagResource: apply {@code change} to the key's current tags (so concurrent tag calls never undo
   * each other); {@code at} becomes its last-updated date.
   */
  public record Retag(TagChange change, Instant at, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Delete the key; {@link NotFoundException} unless it exists. */
  public record Delete(Instant at, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Events, past tense. Part of the journal's schema. */
  public sealed interface Event extends CborSerializable {}

  /** The key was created. */
  public record Created(ApiKey key) implements Event {}

  /** The key's settings were replaced by these. */
  public record Updated(ApiKey key) implements Event {}

  /** The key was deleted. */
  public record Deleted(String keyId, Instant at) implements Event {}

  /** The entity's lifecycle. */
  public sealed interface State extends CborSerializable {}

  /** No key has ever had this id. */
  public record Empty(String keyId) implements State {}

  /** The key exists. */
  public record Active(ApiKey key) implements State {}

  /** The key existed and was deleted; its id is never reused. */
  public record Removed(String keyId, Instant deletedAt) implements State {}

  private final String keyId;
  private final Consumer<String> changed;

  private ApiKeyEntity(String keyId, Consumer<String> changed) {
    super(PersistenceId.of(ENTITY_KEY.name(), keyId), JournalFailures.restartWithBackoff());
    this.keyId = keyId;
    this.changed = changed;
  }

  /**
   * Registers the entity with Cluster Sharding on this node; every persisted change is announced
   * on {@link ConfigChanges}' topic (the data plane enforces API keys and usage plans from snapshots).
   */
  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(),
        id -> ConfigChanges.announce(system, ConfigChanges.Kind.API_KEY, id))));
  }

  /** The behavior for one key id; {@code changed} hears the id after each persisted change. */
  public static Behavior<Command> create(String keyId, Consumer<String> changed) {
    return new ApiKeyEntity(keyId, changed);
  }

  private void announce(State state) {
    changed.accept(keyId);
  }

  /** The behavior for one key id. */
  public static Behavior<Command> create(String keyId) {
    return create(keyId, id -> {});
  }

  @Override
  public State emptyState() {
    return new Empty(keyId);
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
        .forStateType(Empty.class)
        .onCommand(Create.class, (state, cmd) -> create(cmd))
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(Update.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(Retag.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(Delete.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()));
    builder
        .forStateType(Active.class)
        .onCommand(Create.class, (state, cmd) -> Effect().reply(cmd.replyTo(), taken()))
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), StatusReply.success(state.key())))
        .onCommand(Update.class, this::update)
        .onCommand(Retag.class, this::retag)
        .onCommand(
            Delete.class,
            (state, cmd) ->
                Effect().persist(new Deleted(keyId, cmd.at())).thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.ack()));
    builder
        .forStateType(Removed.class)
        .onCommand(Create.class, (state, cmd) -> Effect().reply(cmd.replyTo(), taken()))
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(Update.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(Retag.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(Delete.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()));
    return builder.build();
  }

  private ReplyEffect<Event, State> create(Create cmd) {
    if (!keyId.equals(cmd.key().id())) {
      return Effect().reply(cmd.replyTo(), wrongId(cmd.key()));
    }
    return Effect().persist(new Created(cmd.key())).thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.success(cmd.key()));
  }

  private ReplyEffect<Event, State> update(Active state, Update cmd) {
    if (!keyId.equals(cmd.updated().id())) {
      return Effect().reply(cmd.replyTo(), wrongId(cmd.updated()));
    }
    if (!state.key().equals(cmd.expected())) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new ConflictException(CONCURRENT_MODIFICATION)));
    }
    if (!state.key().value().equals(cmd.updated().value())) {
      // The value is indexed for uniqueness; changing it here would bypass the index.
      return Effect()
          .reply(cmd.replyTo(), StatusReply.error(new BadRequestException("API key value is immutable")));
    }
    return Effect().persist(new Updated(cmd.updated())).thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.success(cmd.updated()));
  }

  private ReplyEffect<Event, State> retag(Active state, Retag cmd) {
    ApiKey updated;
    try {
      updated = state.key().withTags(cmd.change().applyTo(state.key().tags())).withLastUpdatedDate(cmd.at());
    } catch (ApiGatewayException e) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(e));
    }
    return Effect().persist(new Updated(updated)).thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private <T> StatusReply<T> wrongId(ApiKey key) {
    // Sharding routes by id; a mismatch is a caller bug that must not reach the journal.
    return StatusReply.error(new BadRequestException("key.id: " + key.id() + " (expected: " + keyId + ")"));
  }

  private <T> StatusReply<T> missing() {
    return StatusReply.error(new NotFoundException(NOT_FOUND));
  }

  private <T> StatusReply<T> taken() {
    return StatusReply.error(new ConflictException("API key id already in use: " + keyId));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    var builder = newEventHandlerBuilder();
    builder.forAnyState().onEvent(Created.class, (state, e) -> new Active(e.key()));
    builder.forAnyState().onEvent(Updated.class, (state, e) -> new Active(e.key()));
    builder.forAnyState().onEvent(Deleted.class, (state, e) -> new Removed(e.keyId(), e.at()));
    return builder.build();
  }
}
