package dev.apigw.persistence.restapi;

import dev.apigw.protocol.CborSerializable;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.LimitExceededException;
import java.util.ArrayList;
import java.util.List;
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
 * The ordered list of REST API ids of one account, sharded by account id; it is what
 * {@code GET /restapis} pages through. The APIs' settings stay in {@link RestApiEntity}.
 *
 * <p>An id is registered before its API is created and unregistered after it is deleted, so a
 * crash between the two steps leaves an id whose entity is empty or removed; listings skip those.
 */
public final class RestApiDirectory
    extends EventSourcedBehaviorWithEnforcedReplies<
        RestApiDirectory.Command, RestApiDirectory.Event, RestApiDirectory.State> {

  /** Sharding key; also the persistence id prefix. */
  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "RestApiDirectory");

  /** AWS's default quota of regional REST APIs per account and region. */
  public static final int MAX_APIS = 600;

  /** Commands; {@code replyTo} last. */
  public sealed interface Command extends CborSerializable {}

  /** Add an id at the end; idempotent; {@link LimitExceededException} past {@link #MAX_APIS}. */
  public record Register(String apiId, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Remove an id; idempotent. */
  public record Unregister(String apiId, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /**
   * One page of ids, starting at {@code position} (an id previously returned as {@link Page#next()},
   * or null for the start).
   */
  public record ListIds(String position, int limit, ActorRef<StatusReply<Page>> replyTo)
      implements Command {}

  /** A page of ids; {@code next} is null on the last page. */
  public record Page(List<String> apiIds, String next) implements CborSerializable {
    public Page {
      apiIds = List.copyOf(apiIds);
    }
  }

  /** Events, past tense. Part of the journal's schema. */
  public sealed interface Event extends CborSerializable {}

  /** An id was added. */
  public record Registered(String apiId) implements Event {}

  /** An id was removed. */
  public record Unregistered(String apiId) implements Event {}

  /**
   * The ids in creation order.
   *
   * @param apiIds never mutated; every change makes a new list
   */
  public record State(List<String> apiIds) implements CborSerializable {
    public State {
      apiIds = List.copyOf(apiIds);
    }

    State with(String apiId) {
      var next = new ArrayList<>(apiIds);
      next.add(apiId);
      return new State(next);
    }

    State without(String apiId) {
      var next = new ArrayList<>(apiIds);
      next.remove(apiId);
      return new State(next);
    }

    Page page(String position, int limit) {
      int from = position == null ? 0 : apiIds.indexOf(position);
      if (from < 0) {
        throw new BadRequestException("Invalid position: " + position);
      }
      int to = Math.min(apiIds.size(), from + limit);
      return new Page(apiIds.subList(from, to), to < apiIds.size() ? apiIds.get(to) : null);
    }
  }

  private RestApiDirectory(String accountId) {
    super(PersistenceId.of(ENTITY_KEY.name(), accountId));
  }

  /** Registers the entity with Cluster Sharding on this node. */
  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId())));
  }

  /** The behavior for one account. */
  public static Behavior<Command> create(String accountId) {
    return new RestApiDirectory(accountId);
  }

  @Override
  public State emptyState() {
    return new State(List.of());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(RestApiEntity.TAG);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Register.class, this::register)
        .onCommand(Unregister.class, this::unregister)
        .onCommand(ListIds.class, this::list)
        .build();
  }

  private ReplyEffect<Event, State> register(State state, Register cmd) {
    if (state.apiIds().contains(cmd.apiId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.ack());
    }
    if (state.apiIds().size() >= MAX_APIS) {
      return Effect()
          .reply(
              cmd.replyTo(),
              StatusReply.error(
                  new LimitExceededException(
                      "Cannot create more than " + MAX_APIS + " REST APIs in this account")));
    }
    return Effect().persist(new Registered(cmd.apiId())).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> unregister(State state, Unregister cmd) {
    if (!state.apiIds().contains(cmd.apiId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.ack());
    }
    return Effect().persist(new Unregistered(cmd.apiId())).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> list(State state, ListIds cmd) {
    try {
      return Effect().reply(cmd.replyTo(), StatusReply.success(state.page(cmd.position(), cmd.limit())));
    } catch (BadRequestException e) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(e));
    }
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Registered.class, (state, e) -> state.with(e.apiId()))
        .onEvent(Unregistered.class, (state, e) -> state.without(e.apiId()))
        .build();
  }
}
