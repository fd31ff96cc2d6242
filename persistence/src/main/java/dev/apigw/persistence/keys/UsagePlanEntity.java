package dev.apigw.persistence.keys;

import dev.apigw.persistence.changes.ConfigChanges;
import dev.apigw.persistence.health.JournalFailures;
import dev.apigw.protocol.CborSerializable;
import dev.apigw.protocol.errors.ApiGatewayException;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ConflictException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.keys.UsagePlan;
import dev.apigw.protocol.tags.TagChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * One usage plan and the ids of its API keys (AWS's usage plan keys), sharded by plan id. The
 * plan is the single owner of its key list: "which plans hold key K" is answered by asking the
 * account's plans, so there is no second copy to keep in step.
 */
public final class UsagePlanEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        UsagePlanEntity.Command, UsagePlanEntity.Event, UsagePlanEntity.State> {

  /** Sharding key; also the persistence id prefix. */
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "UsagePlan");

  /** Tag on every event. */
  public static final String TAG = "usage-plan";

  /** AWS's message for an unknown plan. */
  public static final String NOT_FOUND = "Invalid Usage Plan ID specified";

  /** AWS's message for a key that is not in the plan. */
  public static final String KEY_NOT_FOUND = "Invalid Usage Plan Key identifier specified";

  /** Commands, verbs; {@code replyTo} last. */
  public sealed interface Command extends CborSerializable {}

  /** Create the plan; {@link ConflictException} if this id was ever used. */
  public record Create(UsagePlan plan, ActorRef<StatusReply<UsagePlan>> replyTo) implements Command {}

  /** The plan and its keys; {@link NotFoundException} unless it exists. */
  public record Get(ActorRef<StatusReply<Active>> replyTo) implements Command {}

  /** Replace {@code expected} by {@code updated}; {@link ConflictException} if the plan changed meanwhile. */
  public record Update(UsagePlan expected, UsagePlan updated, ActorRef<StatusReply<UsagePlan>> replyTo)
      implements Command {}

  /** TagResource, UntagResource: apply {@code change} to the plan's current tags (concurrent tag calls never undo each other). */
  public record Retag(TagChange change, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Add a key; {@link ConflictException} if it is in the plan already. */
  public record AddKey(String keyId, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Remove a key; {@link NotFoundException} if it is not in the plan. */
  public record RemoveKey(String keyId, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Delete the plan; {@link BadRequestException} while it still has API stages. */
  public record Delete(Instant at, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Events, past tense. Part of the journal's schema. */
  public sealed interface Event extends CborSerializable {}

  /** The plan was created. */
  public record Created(UsagePlan plan) implements Event {}

  /** The plan's settings were replaced by these. */
  public record Updated(UsagePlan plan) implements Event {}

  /** A key was added to the plan. */
  public record KeyAdded(String planId, String keyId) implements Event {}

  /** A key was removed from the plan. */
  public record KeyRemoved(String planId, String keyId) implements Event {}

  /** The plan was deleted. */
  public record Deleted(String planId, Instant at) implements Event {}

  /** The entity's lifecycle. */
  public sealed interface State extends CborSerializable {}

  /** No plan has ever had this id. */
  public record Empty(String planId) implements State {}

  /**
   * The plan exists.
   *
   * @param keyIds its keys in the order they were added; never mutated
   */
  public record Active(UsagePlan plan, List<String> keyIds) implements State {
    public Active {
      keyIds = List.copyOf(keyIds);
    }

    Active withPlan(UsagePlan plan) {
      return new Active(plan, keyIds);
    }

    Active withKey(String keyId) {
      var next = new ArrayList<>(keyIds);
      next.add(keyId);
      return new Active(plan, next);
    }

    Active withoutKey(String keyId) {
      var next = new ArrayList<>(keyIds);
      next.remove(keyId);
      return new Active(plan, next);
    }
  }

  /** The plan existed and was deleted; its id is never reused. */
  public record Removed(String planId, Instant deletedAt) implements State {}

  private final String planId;
  private final Consumer<String> changed;

  private UsagePlanEntity(String planId, Consumer<String> changed) {
    super(PersistenceId.of(ENTITY_KEY.name(), planId), JournalFailures.restartWithBackoff());
    this.planId = planId;
    this.changed = changed;
  }

  /**
   * Registers the entity with Cluster Sharding on this node; every persisted change is announced
   * on {@link ConfigChanges}' topic (the data plane enforces API keys and usage plans from snapshots).
   */
  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(),
        id -> ConfigChanges.announce(system, ConfigChanges.Kind.USAGE_PLAN, id))));
  }

  /** The behavior for one plan id; {@code changed} hears the id after each persisted change. */
  public static Behavior<Command> create(String planId, Consumer<String> changed) {
    return new UsagePlanEntity(planId, changed);
  }

  private void announce(State state) {
    changed.accept(planId);
  }

  /** The behavior for one plan id. */
  public static Behavior<Command> create(String planId) {
    return create(planId, id -> {});
  }

  @Override
  public State emptyState() {
    return new Empty(planId);
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
        .onCommand(AddKey.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(RemoveKey.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(Delete.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()));
    builder
        .forStateType(Active.class)
        .onCommand(Create.class, (state, cmd) -> Effect().reply(cmd.replyTo(), taken()))
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), StatusReply.success(state)))
        .onCommand(Update.class, this::update)
        .onCommand(Retag.class, this::retag)
        .onCommand(AddKey.class, this::addKey)
        .onCommand(RemoveKey.class, this::removeKey)
        .onCommand(Delete.class, this::delete);
    builder
        .forStateType(Removed.class)
        .onCommand(Create.class, (state, cmd) -> Effect().reply(cmd.replyTo(), taken()))
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(Update.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(Retag.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(AddKey.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(RemoveKey.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(Delete.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()));
    return builder.build();
  }

  private ReplyEffect<Event, State> create(Create cmd) {
    if (!planId.equals(cmd.plan().id())) {
      return Effect().reply(cmd.replyTo(), wrongId(cmd.plan()));
    }
    return Effect().persist(new Created(cmd.plan())).thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.success(cmd.plan()));
  }

  private ReplyEffect<Event, State> update(Active state, Update cmd) {
    if (!planId.equals(cmd.updated().id())) {
      return Effect().reply(cmd.replyTo(), wrongId(cmd.updated()));
    }
    if (!state.plan().equals(cmd.expected())) {
      return Effect()
          .reply(cmd.replyTo(), StatusReply.error(new ConflictException(ApiKeyEntity.CONCURRENT_MODIFICATION)));
    }
    return Effect().persist(new Updated(cmd.updated())).thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.success(cmd.updated()));
  }

  private ReplyEffect<Event, State> retag(Active state, Retag cmd) {
    UsagePlan updated;
    try {
      updated = state.plan().withTags(cmd.change().applyTo(state.plan().tags()));
    } catch (ApiGatewayException e) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(e));
    }
    return Effect().persist(new Updated(updated)).thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> addKey(Active state, AddKey cmd) {
    if (state.keyIds().contains(cmd.keyId())) {
      return Effect()
          .reply(
              cmd.replyTo(),
              StatusReply.error(new ConflictException("API Key " + cmd.keyId() + " is already in Usage Plan " + planId)));
    }
    return Effect().persist(new KeyAdded(planId, cmd.keyId())).thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> removeKey(Active state, RemoveKey cmd) {
    if (!state.keyIds().contains(cmd.keyId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new NotFoundException(KEY_NOT_FOUND)));
    }
    return Effect().persist(new KeyRemoved(planId, cmd.keyId())).thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> delete(Active state, Delete cmd) {
    if (!state.plan().apiStages().isEmpty()) {
      // AWS refuses too: tools such as Terraform remove a plan's stages before deleting it.
      return Effect()
          .reply(
              cmd.replyTo(),
              StatusReply.error(
                  new BadRequestException(
                      "Cannot delete Usage Plan " + planId + " while it has API stages; remove them first")));
    }
    return Effect().persist(new Deleted(planId, cmd.at())).thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private <T> StatusReply<T> wrongId(UsagePlan plan) {
    // Sharding routes by id; a mismatch is a caller bug that must not reach the journal.
    return StatusReply.error(new BadRequestException("plan.id: " + plan.id() + " (expected: " + planId + ")"));
  }

  private static <T> StatusReply<T> missing() {
    return StatusReply.error(new NotFoundException(NOT_FOUND));
  }

  private <T> StatusReply<T> taken() {
    return StatusReply.error(new ConflictException("Usage plan id already in use: " + planId));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    var builder = newEventHandlerBuilder();
    builder.forAnyState().onEvent(Created.class, (state, e) -> new Active(e.plan(), List.of()));
    builder.forStateType(Active.class).onEvent(Updated.class, (state, e) -> state.withPlan(e.plan()));
    builder.forStateType(Active.class).onEvent(KeyAdded.class, (state, e) -> state.withKey(e.keyId()));
    builder.forStateType(Active.class).onEvent(KeyRemoved.class, (state, e) -> state.withoutKey(e.keyId()));
    builder.forAnyState().onEvent(Deleted.class, (state, e) -> new Removed(e.planId(), e.at()));
    return builder.build();
  }
}
