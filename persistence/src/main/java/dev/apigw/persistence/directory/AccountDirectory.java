package dev.apigw.persistence.directory;

import dev.apigw.persistence.health.JournalFailures;
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
 * The ordered list of one account's resource ids of one {@link Kind}, sharded by {@link
 * #entityId(Kind, String)}; it is what {@code GET /restapis}, {@code /apikeys}, {@code /usageplans},
 * {@code /domainnames} and {@code /v2/apis} page through. The resources themselves live in their own entities.
 *
 * <p>An id is registered before its resource is created
 * and unregistered after it is deleted, so a crash in between leaves an id whose entity is empty or
 * removed; listings skip those.
 */
public final class AccountDirectory
    extends EventSourcedBehaviorWithEnforcedReplies<
        AccountDirectory.Command, AccountDirectory.Event, AccountDirectory.State> {

  /** Sharding key; also the persistence id prefix. */
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "AccountDirectory");

  /** Tag on every event. */
  public static final String TAG = "account-directory";

  /** The resource kinds with a directory, and AWS's default per-account limit for each. */
  public enum Kind {
    REST_APIS(600, "REST APIs"),
    API_KEYS(10_000, "API keys"),
    USAGE_PLANS(300, "usage plans"),
    DOMAIN_NAMES(120, "custom domain names"),
    WEBSOCKET_APIS(600, "WebSocket APIs");

    private final int limit;
    private final String label;

    Kind(int limit, String label) {
      this.limit = limit;
      this.label = label;
    }

    public int limit() {
      return limit;
    }
  }

  /** The entity id of {@code kind}'s directory in {@code accountId}. */
  public static String entityId(Kind kind, String accountId) {
    return kind.name() + ":" + accountId;
  }

  /** Commands; {@code replyTo} last. */
  public sealed interface Command extends CborSerializable {}

  /** Add an id at the end; idempotent; {@link LimitExceededException} past the kind's limit. */
  public record Register(String id, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Remove an id; idempotent. */
  public record Unregister(String id, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** One page of ids from {@code position} (an id returned as {@link Page#next()}, or null). */
  public record ListIds(String position, int limit, ActorRef<StatusReply<Page>> replyTo) implements Command {}

  /** Every id, for filters that must see the whole account (e.g. plans of one key). */
  public record ListAll(ActorRef<StatusReply<Page>> replyTo) implements Command {}

  /** A page of ids; {@code next} is null on the last page. */
  public record Page(List<String> ids, String next) implements CborSerializable {
    public Page {
      ids = List.copyOf(ids);
    }
  }

  /** Events, past tense. Part of the journal's schema. */
  public sealed interface Event extends CborSerializable {}

  /** An id was added. */
  public record Registered(String id) implements Event {}

  /** An id was removed. */
  public record Unregistered(String id) implements Event {}

  /** The ids in creation order; never mutated, every change makes a new list. */
  public record State(List<String> ids) implements CborSerializable {
    public State {
      ids = List.copyOf(ids);
    }

    State with(String id) {
      var next = new ArrayList<>(ids);
      next.add(id);
      return new State(next);
    }

    State without(String id) {
      var next = new ArrayList<>(ids);
      next.remove(id);
      return new State(next);
    }

    Page page(String position, int limit) {
      int from = position == null ? 0 : ids.indexOf(position);
      if (from < 0) {
        throw new BadRequestException("Invalid position: " + position);
      }
      int to = Math.min(ids.size(), from + limit);
      return new Page(ids.subList(from, to), to < ids.size() ? ids.get(to) : null);
    }
  }

  private final Kind kind;

  private AccountDirectory(String entityId) {
    super(PersistenceId.of(ENTITY_KEY.name(), entityId), JournalFailures.restartWithBackoff());
    String kindName = entityId.substring(0, Math.max(0, entityId.indexOf(':')));
    this.kind = Kind.valueOf(kindName);
  }

  /** Registers the entity with Cluster Sharding on this node. */
  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId())));
  }

  /** The behavior for one directory; {@code entityId} comes from {@link #entityId(Kind, String)}. */
  public static Behavior<Command> create(String entityId) {
    return new AccountDirectory(entityId);
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
    return Set.of(TAG);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Register.class, this::register)
        .onCommand(Unregister.class, this::unregister)
        .onCommand(ListIds.class, this::list)
        .onCommand(ListAll.class, (state, cmd) -> Effect().reply(cmd.replyTo(), StatusReply.success(new Page(state.ids(), null))))
        .build();
  }

  private ReplyEffect<Event, State> register(State state, Register cmd) {
    if (state.ids().contains(cmd.id())) {
      return Effect().reply(cmd.replyTo(), StatusReply.ack());
    }
    if (state.ids().size() >= kind.limit()) {
      return Effect()
          .reply(
              cmd.replyTo(),
              StatusReply.error(
                  new LimitExceededException("Cannot create more than " + kind.limit() + " " + kind.label + " in this account")));
    }
    return Effect().persist(new Registered(cmd.id())).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> unregister(State state, Unregister cmd) {
    if (!state.ids().contains(cmd.id())) {
      return Effect().reply(cmd.replyTo(), StatusReply.ack());
    }
    return Effect().persist(new Unregistered(cmd.id())).thenReply(cmd.replyTo(), s -> StatusReply.ack());
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
        .onEvent(Registered.class, (state, e) -> state.with(e.id()))
        .onEvent(Unregistered.class, (state, e) -> state.without(e.id()))
        .build();
  }
}
