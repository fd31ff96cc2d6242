package dev.apigw.persistence.restapi;

import dev.apigw.persistence.changes.ConfigChanges;
import dev.apigw.persistence.health.JournalFailures;
import dev.apigw.protocol.CborSerializable;
import dev.apigw.protocol.PatchOperation;
import dev.apigw.protocol.errors.ApiGatewayException;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ConflictException;
import dev.apigw.protocol.errors.LimitExceededException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.CanarySettings;
import dev.apigw.protocol.restapi.DefinitionChange;
import dev.apigw.protocol.restapi.Deployment;
import dev.apigw.protocol.restapi.Resource;
import dev.apigw.protocol.restapi.RestApi;
import dev.apigw.protocol.restapi.RestApiPatch;
import dev.apigw.protocol.restapi.Stage;
import dev.apigw.protocol.restapi.StagePatch;
import dev.apigw.protocol.tags.TagChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
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
 * One REST API, sharded by its id: its settings, definition (resources, methods, integrations),
 * immutable deployments and stages. Its journal is the API's full history: every event says when
 * ({@link Event#at()}) and by whom ({@link Event#by()}, the caller's access key id), and {@link
 * State#apply} replays them, here and in the history reader. Events are tagged {@link #TAG}.
 */
public final class RestApiEntity
    extends EventSourcedBehaviorWithEnforcedReplies<RestApiEntity.Command, RestApiEntity.Event, RestApiEntity.State> {

  /** Sharding key; also the persistence id prefix. */
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "RestApi");

  /** Tag on every event, for projections and history. */
  public static final String TAG = "rest-api";

  /** AWS's default quota of stages per API. */
  public static final int MAX_STAGES = 10;

  private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");

  // ---------------------------------------------------------------- commands

  /** Commands, verbs; {@code replyTo} last. Every command is answered with a {@link StatusReply}. */
  public sealed interface Command extends CborSerializable {
    ActorRef<? extends StatusReply<?>> replyTo();
  }

  /** Create the API; {@link ConflictException} if this id was ever used. */
  public record Create(RestApi api, String by, ActorRef<StatusReply<RestApi>> replyTo) implements Command {}

  /** Current settings. */
  public record Get(ActorRef<StatusReply<RestApi>> replyTo) implements Command {}

  /** The whole current state: settings, definition, deployments, stages. */
  public record Inspect(ActorRef<StatusReply<Active>> replyTo) implements Command {}

  /** Apply AWS patch operations to the API's settings (UpdateRestApi), all or nothing. */
  public record UpdateRestApi(List<PatchOperation> operations, Instant at, String by, ActorRef<StatusReply<RestApi>> replyTo)
      implements Command {}

  /** Delete the API. */
  public record Delete(Instant at, String by, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Make one definition edit; replies with the definition after it. */
  public record ChangeDefinition(DefinitionChange change, Instant at, String by, ActorRef<StatusReply<ApiDefinition>> replyTo)
      implements Command {}

  /**
   * Freeze the current definition as deployment {@code deploymentId}; with a {@code stageName},
   * also point that stage at it (creating the stage if needed, with {@code stageDescription} and
   * {@code variables}). With {@code canary} (its {@code deploymentId} is ignored), the stage must exist and the
   * deployment becomes its canary instead, as AWS's canary release deployments do.
   */
  public record CreateDeployment(
      String deploymentId,
      String description,
      String stageName,
      String stageDescription,
      Map<String, String> variables,
      CanarySettings canary,
      Instant at,
      String by,
      ActorRef<StatusReply<Deployment>> replyTo)
      implements Command {
    /** Without a canary. */
    public CreateDeployment(String deploymentId, String description, String stageName, String stageDescription,
        Map<String, String> variables, Instant at, String by, ActorRef<StatusReply<Deployment>> replyTo) {
      this(deploymentId, description, stageName, stageDescription, variables, null, at, by, replyTo);
    }
  }

  /**
   * Change the tags of the API ({@code stageName} null) or of one of its stages (TagResource, UntagResource); the
   * change is applied to the current tags here, so concurrent calls never undo each other. Persisted as a settings
   * or stage update whose operations say which tags changed.
   */
  public record Retag(String stageName, TagChange change, Instant at, String by,
      ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** UpdateDeployment: change a deployment's description (what it serves never changes). */
  public record UpdateDeployment(String deploymentId, String description, Instant at, String by,
      ActorRef<StatusReply<Deployment>> replyTo) implements Command {}

  /** Delete a deployment no stage uses. */
  public record DeleteDeployment(String deploymentId, Instant at, String by, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /** Create a stage pointing at an existing deployment. */
  public record CreateStage(Stage stage, String by, ActorRef<StatusReply<Stage>> replyTo) implements Command {}

  /** Apply AWS patch operations to a stage, all or nothing. */
  public record UpdateStage(String stageName, List<PatchOperation> operations, Instant at, String by,
      ActorRef<StatusReply<Stage>> replyTo) implements Command {}

  /** Delete a stage. */
  public record DeleteStage(String stageName, Instant at, String by, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /** Put a stage back to how it was at {@code asOf} (from the history reader), as a new event. */
  public record RestoreStage(Stage stage, Instant asOf, Instant at, String by, ActorRef<StatusReply<Stage>> replyTo)
      implements Command {}

  // ---------------------------------------------------------------- events

  /** Events, past tense, each with when and by whom. Part of the journal's schema. */
  public sealed interface Event extends CborSerializable {
    /** When it happened. */
    Instant at();

    /** The access key id that made the change (null for events written before this field existed). */
    String by();
  }

  /** The API was created with these settings. */
  public record Created(RestApi api, String by) implements Event {
    public Instant at() {
      return api.createdDate();
    }
  }

  /** The API's settings changed; {@code api} is the new value, {@code operations} what was asked. */
  public record RestApiUpdated(RestApi api, List<PatchOperation> operations, Instant at, String by) implements Event {
    public RestApiUpdated {
      operations = List.copyOf(operations);
    }
  }

  /** The API was deleted. */
  public record Deleted(String apiId, Instant at, String by) implements Event {}

  /** The definition was edited. */
  public record DefinitionChanged(DefinitionChange change, Instant at, String by) implements Event {}

  /** A deployment was taken. */
  public record DeploymentCreated(Deployment deployment, String by) implements Event {
    public Instant at() {
      return deployment.createdDate();
    }
  }

  /** A deployment's description changed. */
  public record DeploymentDescribed(String deploymentId, String description, Instant at, String by) implements Event {}

  /** A deployment was deleted. */
  public record DeploymentDeleted(String deploymentId, Instant at, String by) implements Event {}

  /** A stage was created. */
  public record StageCreated(Stage stage, String by) implements Event {
    public Instant at() {
      return stage.createdDate();
    }
  }

  /** A stage changed; {@code stage} is its new value, {@code operations} what was asked. */
  public record StageUpdated(Stage stage, List<PatchOperation> operations, Instant at, String by) implements Event {
    public StageUpdated {
      operations = List.copyOf(operations);
    }
  }

  /** A stage was deleted. */
  public record StageDeleted(String stageName, Instant at, String by) implements Event {}

  /** A stage was rolled back to its value at {@code asOf}. */
  public record StageRestored(Stage stage, Instant asOf, Instant at, String by) implements Event {}

  // ---------------------------------------------------------------- state

  /** The entity's lifecycle; {@link #apply} is the one place events change it. */
  public sealed interface State extends CborSerializable {
    /** The state after {@code event}. */
    default State apply(Event event) {
      if (event instanceof Created e) {
        return new Active(e.api(), ApiDefinition.empty(e.api().rootResourceId()), Map.of(), Map.of());
      }
      if (event instanceof Deleted e) {
        return new Removed(e.apiId(), e.at());
      }
      if (this instanceof Active a) {
        return a.applyToActive(event);
      }
      throw new IllegalStateException("Event " + event.getClass().getSimpleName() + " in state " + getClass().getSimpleName());
    }
  }

  /** No API has ever had this id. */
  public record Empty(String apiId) implements State {}

  /** The API exists. */
  public record Active(RestApi api, ApiDefinition definition, Map<String, Deployment> deployments, Map<String, Stage> stages)
      implements State {
    public Active {
      deployments = Map.copyOf(deployments);
      stages = Map.copyOf(stages);
    }

    /** Deployments, oldest first. */
    public List<Deployment> deploymentsByDate() {
      return deployments.values().stream()
          .sorted(java.util.Comparator.comparing(Deployment::createdDate).thenComparing(Deployment::id))
          .toList();
    }

    /** Stages by name. */
    public List<Stage> stagesByName() {
      return stages.values().stream().sorted(java.util.Comparator.comparing(Stage::stageName)).toList();
    }

    State applyToActive(Event event) {
      if (event instanceof RestApiUpdated e) {
        return new Active(e.api(), definition, deployments, stages);
      }
      if (event instanceof DefinitionChanged e) {
        return new Active(api, definition.apply(e.change()), deployments, stages);
      }
      if (event instanceof DeploymentCreated e) {
        var next = new HashMap<>(deployments);
        next.put(e.deployment().id(), e.deployment());
        return new Active(api, definition, next, stages);
      }
      if (event instanceof DeploymentDescribed e) {
        var next = new HashMap<>(deployments);
        Deployment d = next.get(e.deploymentId());
        next.put(d.id(), new Deployment(d.id(), e.description(), d.createdDate(), d.definition()));
        return new Active(api, definition, next, stages);
      }
      if (event instanceof DeploymentDeleted e) {
        var next = new HashMap<>(deployments);
        next.remove(e.deploymentId());
        return new Active(api, definition, next, stages);
      }
      if (event instanceof StageCreated e) {
        return withStage(e.stage());
      }
      if (event instanceof StageUpdated e) {
        return withStage(e.stage());
      }
      if (event instanceof StageRestored e) {
        return withStage(e.stage());
      }
      if (event instanceof StageDeleted e) {
        var next = new HashMap<>(stages);
        next.remove(e.stageName());
        return new Active(api, definition, deployments, next);
      }
      throw new IllegalStateException("Event " + event.getClass().getSimpleName() + " in state Active");
    }

    private Active withStage(Stage stage) {
      var next = new HashMap<>(stages);
      next.put(stage.stageName(), stage);
      return new Active(api, definition, deployments, next);
    }
  }

  /** The API existed and was deleted; its id is never reused. */
  public record Removed(String apiId, Instant deletedAt) implements State {}

  // ---------------------------------------------------------------- behavior

  private final String apiId;
  private final String accountId;
  private final Consumer<String> changed;

  private RestApiEntity(String accountId, String apiId, Consumer<String> changed) {
    super(PersistenceId.of(ENTITY_KEY.name(), apiId), JournalFailures.restartWithBackoff());
    this.apiId = apiId;
    this.accountId = accountId;
    this.changed = changed;
  }

  /**
   * Registers the entity with Cluster Sharding on this node; every persisted change that can alter
   * what the data plane serves is announced on {@link ConfigChanges}' topic.
   */
  public static void init(ActorSystem<?> system, String accountId) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(accountId, ctx.getEntityId(),
        id -> ConfigChanges.announce(system, ConfigChanges.Kind.REST_API, id))));
  }

  /** The behavior for one API id of an account, announcing nothing (tests). */
  public static Behavior<Command> create(String accountId, String apiId) {
    return create(accountId, apiId, id -> {});
  }

  /** The behavior for one API id of an account; {@code changed} hears the API id after each persisted change. */
  public static Behavior<Command> create(String accountId, String apiId, Consumer<String> changed) {
    return new RestApiEntity(accountId, apiId, changed);
  }

  private void announce(State state) {
    changed.accept(apiId);
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
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(State::apply);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder
        .forStateType(Empty.class)
        .onCommand(Create.class, (state, cmd) -> create(cmd))
        .onAnyCommand(this::replyNotFound);
    builder
        .forStateType(Active.class)
        .onCommand(Create.class, (state, cmd) -> Effect().reply(cmd.replyTo(), taken()))
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), StatusReply.success(state.api())))
        .onCommand(Inspect.class, (state, cmd) -> Effect().reply(cmd.replyTo(), StatusReply.success(state)))
        .onCommand(Delete.class, (state, cmd) ->
            Effect().persist(new Deleted(apiId, cmd.at(), cmd.by())).thenRun(this::announce)
                .thenReply(cmd.replyTo(), s -> StatusReply.ack()))
        .onCommand(UpdateRestApi.class, this::updateRestApi)
        .onCommand(ChangeDefinition.class, this::changeDefinition)
        .onCommand(CreateDeployment.class, this::createDeployment)
        .onCommand(Retag.class, this::retag)
        .onCommand(UpdateDeployment.class, (state, cmd) -> {
          if (!state.deployments().containsKey(cmd.deploymentId())) {
            return Effect().reply(cmd.replyTo(),
                StatusReply.error(new NotFoundException("Invalid Deployment identifier specified")));
          }
          return Effect().persist(new DeploymentDescribed(cmd.deploymentId(), cmd.description(), cmd.at(), cmd.by()))
              .thenReply(cmd.replyTo(), s -> StatusReply.success(((Active) s).deployments().get(cmd.deploymentId())));
        })
        .onCommand(DeleteDeployment.class, this::deleteDeployment)
        .onCommand(CreateStage.class, this::createStage)
        .onCommand(UpdateStage.class, this::updateStage)
        .onCommand(DeleteStage.class, this::deleteStage)
        .onCommand(RestoreStage.class, this::restoreStage);
    builder
        .forStateType(Removed.class)
        .onCommand(Create.class, (state, cmd) -> Effect().reply(cmd.replyTo(), taken()))
        .onAnyCommand(this::replyNotFound);
    return builder.build();
  }

  private ReplyEffect<Event, State> create(Create cmd) {
    if (!apiId.equals(cmd.api().id())) {
      // Sharding routes by id; a mismatch is a caller bug that must not reach the journal.
      throw new IllegalArgumentException("api.id: " + cmd.api().id() + " (expected: " + apiId + ")");
    }
    return Effect().persist(new Created(cmd.api(), cmd.by())).thenRun(this::announce)
        .thenReply(cmd.replyTo(), s -> StatusReply.success(cmd.api()));
  }

  private ReplyEffect<Event, State> updateRestApi(Active state, UpdateRestApi cmd) {
    RestApi next;
    try {
      next = RestApiPatch.apply(state.api(), cmd.operations());
    } catch (RuntimeException e) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(e));
    }
    return Effect()
        .persist(new RestApiUpdated(next, cmd.operations(), cmd.at(), cmd.by()))
        .thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.success(next));
  }

  private ReplyEffect<Event, State> changeDefinition(Active state, ChangeDefinition cmd) {
    try {
      state.definition().check(cmd.change());
    } catch (RuntimeException e) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(e));
    }
    return Effect()
        .persist(new DefinitionChanged(cmd.change(), cmd.at(), cmd.by()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(((Active) s).definition()));
  }

  private ReplyEffect<Event, State> createDeployment(Active state, CreateDeployment cmd) {
    try {
      checkDeployable(state.definition());
      if (cmd.canary() != null) {
        if (cmd.stageName() == null || !state.stages().containsKey(cmd.stageName())) {
          // AWS creates no stage for a canary release deployment.
          throw new NotFoundException("Invalid Stage identifier specified");
        }
        StagePatch.checkPercent(cmd.canary().percentTraffic());
      }
      if (cmd.stageName() != null) {
        checkStageName(cmd.stageName());
        if (!state.stages().containsKey(cmd.stageName()) && state.stages().size() >= MAX_STAGES) {
          throw tooManyStages();
        }
        cmd.variables().forEach(StagePatch::checkVariable);
      }
    } catch (RuntimeException e) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(e));
    }
    Deployment deployment = new Deployment(cmd.deploymentId(), cmd.description(), cmd.at(), state.definition());
    List<Event> events = new ArrayList<>();
    events.add(new DeploymentCreated(deployment, cmd.by()));
    if (cmd.canary() != null) {
      Stage existing = state.stages().get(cmd.stageName());
      CanarySettings c = cmd.canary();
      var canary = new CanarySettings(c.percentTraffic(), deployment.id(), c.stageVariableOverrides(), c.useStageCache());
      var op = new PatchOperation("replace", "/canarySettings/deploymentId", deployment.id(), null);
      events.add(new StageUpdated(existing.withCanary(canary, cmd.at()), List.of(op), cmd.at(), cmd.by()));
    } else if (cmd.stageName() != null) {
      Stage existing = state.stages().get(cmd.stageName());
      if (existing == null) {
        events.add(new StageCreated(newStage(cmd.stageName(), deployment.id(), cmd.stageDescription(), cmd.variables(), cmd.at()), cmd.by()));
      } else {
        var op = new PatchOperation("replace", "/deploymentId", deployment.id(), null);
        events.add(new StageUpdated(existing.withDeploymentId(deployment.id(), cmd.at()), List.of(op), cmd.at(), cmd.by()));
      }
    }
    return Effect().persist(events).thenRun(this::announce)
        .thenReply(cmd.replyTo(), s -> StatusReply.success(deployment));
  }

  private ReplyEffect<Event, State> retag(Active state, Retag cmd) {
    Map<String, String> current;
    if (cmd.stageName() == null) {
      current = state.api().tags();
    } else if (state.stages().containsKey(cmd.stageName())) {
      current = state.stages().get(cmd.stageName()).tags();
    } else {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new NotFoundException("Invalid Stage identifier specified")));
    }
    Map<String, String> tags;
    try {
      tags = cmd.change().applyTo(current);
    } catch (ApiGatewayException e) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(e));
    }
    List<PatchOperation> ops = new ArrayList<>();
    tags.forEach((k, v) -> {
      if (!v.equals(current.get(k))) {
        ops.add(new PatchOperation(current.containsKey(k) ? "replace" : "add", "/tags/" + k, v, null));
      }
    });
    current.keySet().stream().filter(k -> !tags.containsKey(k))
        .forEach(k -> ops.add(new PatchOperation("remove", "/tags/" + k, null, null)));
    if (ops.isEmpty()) {
      return Effect().reply(cmd.replyTo(), StatusReply.ack());
    }
    Event event = cmd.stageName() == null
        ? new RestApiUpdated(state.api().withTags(tags), ops, cmd.at(), cmd.by())
        : new StageUpdated(state.stages().get(cmd.stageName()).withTags(tags, cmd.at()), ops, cmd.at(), cmd.by());
    return Effect().persist(event).thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> deleteDeployment(Active state, DeleteDeployment cmd) {
    if (!state.deployments().containsKey(cmd.deploymentId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new NotFoundException("Invalid Deployment identifier specified")));
    }
    boolean inUse = state.stages().values().stream()
        .anyMatch(s -> cmd.deploymentId().equals(s.deploymentId())
            || (s.canarySettings() != null && cmd.deploymentId().equals(s.canarySettings().deploymentId())));
    if (inUse) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(
          new BadRequestException("Active stages pointing to this deployment must be moved or deleted")));
    }
    return Effect()
        .persist(new DeploymentDeleted(cmd.deploymentId(), cmd.at(), cmd.by()))
        .thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> createStage(Active state, CreateStage cmd) {
    Stage stage = cmd.stage();
    try {
      checkStageName(stage.stageName());
      if (state.stages().containsKey(stage.stageName())) {
        throw new ConflictException("Stage already exists");
      }
      if (state.stages().size() >= MAX_STAGES) {
        throw tooManyStages();
      }
      if (!state.deployments().containsKey(stage.deploymentId())) {
        throw new NotFoundException("Invalid deployment identifier specified");
      }
      if (stage.canarySettings() != null && stage.canarySettings().deploymentId() != null
          && !state.deployments().containsKey(stage.canarySettings().deploymentId())) {
        throw new NotFoundException("Invalid deployment identifier specified");
      }
      stage.variables().forEach(StagePatch::checkVariable);
      if (stage.documentationVersion() != null) {
        state.definition().documentationVersion(stage.documentationVersion());
      }
    } catch (RuntimeException e) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(e));
    }
    return Effect().persist(new StageCreated(stage, cmd.by())).thenRun(this::announce)
        .thenReply(cmd.replyTo(), s -> StatusReply.success(stage));
  }

  private ReplyEffect<Event, State> updateStage(Active state, UpdateStage cmd) {
    Stage current = state.stages().get(cmd.stageName());
    if (current == null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new NotFoundException("Invalid Stage identifier specified")));
    }
    Stage next;
    try {
      next = StagePatch.apply(current, cmd.operations(), state.deployments().keySet(), cmd.at());
      if (next.documentationVersion() != null
          && !next.documentationVersion().equals(current.documentationVersion())) {
        state.definition().documentationVersion(next.documentationVersion());
      }
    } catch (RuntimeException e) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(e));
    }
    return Effect()
        .persist(new StageUpdated(next, cmd.operations(), cmd.at(), cmd.by()))
        .thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.success(next));
  }

  private ReplyEffect<Event, State> deleteStage(Active state, DeleteStage cmd) {
    if (!state.stages().containsKey(cmd.stageName())) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new NotFoundException("Invalid Stage identifier specified")));
    }
    return Effect()
        .persist(new StageDeleted(cmd.stageName(), cmd.at(), cmd.by()))
        .thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> restoreStage(Active state, RestoreStage cmd) {
    Stage restored = cmd.stage();
    if (!state.deployments().containsKey(restored.deploymentId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new BadRequestException(
          "Deployment " + restored.deploymentId() + " that the stage served then has been deleted; it cannot be restored")));
    }
    if (!state.stages().containsKey(restored.stageName()) && state.stages().size() >= MAX_STAGES) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(tooManyStages()));
    }
    Stage next = restored.withLastUpdatedDate(cmd.at());
    return Effect()
        .persist(new StageRestored(next, cmd.asOf(), cmd.at(), cmd.by()))
        .thenRun(this::announce).thenReply(cmd.replyTo(), s -> StatusReply.success(next));
  }

  /** A new stage with AWS's defaults. */
  public static Stage newStage(String name, String deploymentId, String description, Map<String, String> variables, Instant at) {
    return new Stage(name, deploymentId, description, at, at, variables, Map.of(), false, null, false, null, null, Map.of());
  }

  private static void checkDeployable(ApiDefinition definition) {
    if (!definition.hasMethods()) {
      throw new BadRequestException("The REST API doesn't contain any methods");
    }
    for (Resource r : definition.resources().values()) {
      for (var m : r.methods().values()) {
        if (m.integration() == null) {
          throw new BadRequestException("No integration defined for method " + m.httpMethod() + " " + r.path());
        }
      }
    }
  }

  private static void checkStageName(String name) {
    if (name == null || !STAGE_NAME.matcher(name).matches()) {
      throw new BadRequestException("Stage name only allows a-zA-Z0-9_- and must be 1-128 characters: " + name);
    }
  }

  private static LimitExceededException tooManyStages() {
    return new LimitExceededException("Cannot create more than " + MAX_STAGES + " stages for a REST API");
  }

  private ReplyEffect<Event, State> replyNotFound(State state, Command cmd) {
    var error = new NotFoundException("Invalid API identifier specified " + accountId + ":" + apiId);
    return Effect().reply(replyTo(cmd), StatusReply.error(error));
  }

  @SuppressWarnings("unchecked")
  private static ActorRef<StatusReply<Object>> replyTo(Command cmd) {
    // An error reply carries no payload, so it fits every command's StatusReply type.
    return (ActorRef<StatusReply<Object>>) (ActorRef<?>) cmd.replyTo();
  }

  private StatusReply<RestApi> taken() {
    return StatusReply.error(new ConflictException("REST API id already in use: " + apiId));
  }
}
