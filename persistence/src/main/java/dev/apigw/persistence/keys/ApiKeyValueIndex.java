package dev.apigw.persistence.keys;

import dev.apigw.persistence.health.JournalFailures;
import dev.apigw.protocol.CborSerializable;
import dev.apigw.protocol.errors.ConflictException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
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
 * The API key values of one account, sharded by account id: the single place that makes a key
 * value unique (AWS refuses a second key with the same value) and that finds a key by its value.
 *
 * <p>A value is claimed before its key is created and released after the key is deleted.
 */
public final class ApiKeyValueIndex
    extends EventSourcedBehaviorWithEnforcedReplies<
        ApiKeyValueIndex.Command, ApiKeyValueIndex.Event, ApiKeyValueIndex.State> {

  /** Sharding key; also the persistence id prefix. */
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "ApiKeyValueIndex");

  /** AWS's message for a duplicate value. */
  public static final String DUPLICATE = "API Key value already exists";

  /** Commands; {@code replyTo} last. */
  public sealed interface Command extends CborSerializable {}

  /** Reserve {@code value} for {@code keyId}; idempotent for the same key; {@link ConflictException} otherwise. */
  public record Claim(String value, String keyId, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Free {@code value} if {@code keyId} holds it; idempotent. */
  public record Release(String value, String keyId, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Which key holds {@code value}. */
  public record Find(String value, ActorRef<StatusReply<Owner>> replyTo) implements Command {}

  /** The key holding a value, or null. */
  public record Owner(String keyId) implements CborSerializable {}

  /** Events, past tense. Part of the journal's schema. */
  public sealed interface Event extends CborSerializable {}

  /** The value was reserved for the key. */
  public record Claimed(String value, String keyId) implements Event {}

  /** The value was freed. */
  public record Released(String value) implements Event {}

  /** Value to key id; never mutated, every change makes a new map. */
  public record State(Map<String, String> owners) implements CborSerializable {
    public State {
      owners = Map.copyOf(owners);
    }

    State with(String value, String keyId) {
      var next = new HashMap<>(owners);
      next.put(value, keyId);
      return new State(next);
    }

    State without(String value) {
      var next = new HashMap<>(owners);
      next.remove(value);
      return new State(next);
    }
  }

  private ApiKeyValueIndex(String accountId) {
    super(PersistenceId.of(ENTITY_KEY.name(), accountId), JournalFailures.restartWithBackoff());
  }

  /** Registers the entity with Cluster Sharding on this node. */
  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId())));
  }

  /** The behavior for one account. */
  public static Behavior<Command> create(String accountId) {
    return new ApiKeyValueIndex(accountId);
  }

  @Override
  public State emptyState() {
    return new State(Map.of());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(ApiKeyEntity.TAG);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Claim.class, this::claim)
        .onCommand(Release.class, this::release)
        .onCommand(
            Find.class,
            (state, cmd) -> Effect().reply(cmd.replyTo(), StatusReply.success(new Owner(state.owners().get(cmd.value())))))
        .build();
  }

  private ReplyEffect<Event, State> claim(State state, Claim cmd) {
    String owner = state.owners().get(cmd.value());
    if (cmd.keyId().equals(owner)) {
      return Effect().reply(cmd.replyTo(), StatusReply.ack());
    }
    if (owner != null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new ConflictException(DUPLICATE)));
    }
    return Effect().persist(new Claimed(cmd.value(), cmd.keyId())).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> release(State state, Release cmd) {
    if (!cmd.keyId().equals(state.owners().get(cmd.value()))) {
      return Effect().reply(cmd.replyTo(), StatusReply.ack());
    }
    return Effect().persist(new Released(cmd.value())).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Claimed.class, (state, e) -> state.with(e.value(), e.keyId()))
        .onEvent(Released.class, (state, e) -> state.without(e.value()))
        .build();
  }
}
