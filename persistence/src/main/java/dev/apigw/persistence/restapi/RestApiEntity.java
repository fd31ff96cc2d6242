package dev.apigw.persistence.restapi;

import dev.apigw.protocol.CborSerializable;
import dev.apigw.protocol.errors.ConflictException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.restapi.RestApi;
import java.time.Instant;
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
 * One REST API, sharded by its id. Its journal is the API's full history: every change is an
 * event, tagged {@link #TAG} so that read sides and the history reader can follow all APIs.
 */
public final class RestApiEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        RestApiEntity.Command, RestApiEntity.Event, RestApiEntity.State> {

  /** Sharding key; also the persistence id prefix. */
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "RestApi");

  /** Tag on every event, for projections and history. */
  public static final String TAG = "rest-api";

  /** Commands, verbs; {@code replyTo} last. */
  public sealed interface Command extends CborSerializable {}

  /** Create the API; fails with {@link ConflictException} if this id was ever used. */
  public record Create(RestApi api, ActorRef<StatusReply<RestApi>> replyTo) implements Command {}

  /** Current settings; {@link NotFoundException} unless the API exists. */
  public record Get(ActorRef<StatusReply<RestApi>> replyTo) implements Command {}

  /** Delete the API; {@link NotFoundException} unless it exists. */
  public record Delete(Instant at, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Events, past tense. Part of the journal's schema. */
  public sealed interface Event extends CborSerializable {}

  /** The API was created with these settings. */
  public record Created(RestApi api) implements Event {}

  /** The API was deleted. */
  public record Deleted(String apiId, Instant at) implements Event {}

  /** The entity's lifecycle. */
  public sealed interface State extends CborSerializable {}

  /** No API has ever had this id. */
  public record Empty(String apiId) implements State {}

  /** The API exists. */
  public record Active(RestApi api) implements State {}

  /** The API existed and was deleted; its id is never reused. */
  public record Removed(String apiId, Instant deletedAt) implements State {}

  private final String apiId;

  private RestApiEntity(String apiId) {
    super(PersistenceId.of(ENTITY_KEY.name(), apiId));
    this.apiId = apiId;
  }

  /** Registers the entity with Cluster Sharding on this node. */
  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId())));
  }

  /** The behavior for one API id. */
  public static Behavior<Command> create(String apiId) {
    return new RestApiEntity(apiId);
  }

  @Override
  public State emptyState() {
    return new Empty(apiId);
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
        .onCommand(Delete.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()));
    builder
        .forStateType(Active.class)
        .onCommand(Create.class, (state, cmd) -> Effect().reply(cmd.replyTo(), taken()))
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), StatusReply.success(state.api())))
        .onCommand(
            Delete.class,
            (state, cmd) ->
                Effect()
                    .persist(new Deleted(apiId, cmd.at()))
                    .thenReply(cmd.replyTo(), s -> StatusReply.ack()));
    builder
        .forStateType(Removed.class)
        .onCommand(Create.class, (state, cmd) -> Effect().reply(cmd.replyTo(), taken()))
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()))
        .onCommand(Delete.class, (state, cmd) -> Effect().reply(cmd.replyTo(), missing()));
    return builder.build();
  }

  private ReplyEffect<Event, State> create(Create cmd) {
    if (!apiId.equals(cmd.api().id())) {
      // Sharding routes by id; a mismatch is a caller bug that must not reach the journal.
      throw new IllegalArgumentException("api.id: " + cmd.api().id() + " (expected: " + apiId + ")");
    }
    return Effect()
        .persist(new Created(cmd.api()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(cmd.api()));
  }

  private <T> StatusReply<T> missing() {
    // The account id is not known here; the control plane words AWS's message with it.
    return StatusReply.error(new NotFoundException(apiId));
  }

  private <T> StatusReply<T> taken() {
    return StatusReply.error(new ConflictException("REST API id already in use: " + apiId));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    var builder = newEventHandlerBuilder();
    builder.forAnyState().onEvent(Created.class, (state, e) -> new Active(e.api()));
    builder.forAnyState().onEvent(Deleted.class, (state, e) -> new Removed(e.apiId(), e.at()));
    return builder.build();
  }
}
