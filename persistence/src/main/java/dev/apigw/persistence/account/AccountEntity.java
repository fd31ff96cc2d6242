package dev.apigw.persistence.account;

import dev.apigw.persistence.health.JournalFailures;
import dev.apigw.protocol.CborSerializable;
import dev.apigw.protocol.PatchOperation;
import dev.apigw.protocol.account.AccountSettings;
import dev.apigw.protocol.account.ClientCertificate;
import dev.apigw.protocol.account.VpcLink;
import dev.apigw.protocol.errors.ApiGatewayException;
import dev.apigw.protocol.errors.LimitExceededException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.tags.TagChange;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One account's REST-service-wide state, sharded by account id: the {@code Account} settings, its client
 * certificates and its VPC links (REST API ones and HTTP API, V2, ones, each with its own quota). All three are few per
 * account (AWS's quotas bound them), so one entity holds
 * them and checks those quotas atomically. A new VPC link is {@code PENDING} until the entity marks it
 * {@code AVAILABLE} a moment later (nothing needs provisioning here; the delay keeps AWS's observable states).
 */
public final class AccountEntity
    extends EventSourcedBehaviorWithEnforcedReplies<AccountEntity.Command, AccountEntity.Event, AccountEntity.State> {

  /** Sharding key; also the persistence id prefix. */
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Account");

  /** Tag on every event. */
  public static final String TAG = "account";

  /** AWS's default quota of client certificates per account and region. */
  public static final int MAX_CLIENT_CERTIFICATES = 60;

  /** AWS's default quota of REST API VPC links per account and region. */
  public static final int MAX_VPC_LINKS = 20;

  /** AWS's default quota of HTTP API (V2) VPC links per account and region. */
  public static final int MAX_V2_VPC_LINKS = 10;

  /** How long a new VPC link stays PENDING. */
  public static final Duration VPC_LINK_PROVISIONING = Duration.ofSeconds(1);

  public static final String CERTIFICATE_NOT_FOUND = "Invalid client certificate identifier specified";
  public static final String VPC_LINK_NOT_FOUND = "Invalid VPC link identifier specified";

  // ---------------------------------------------------------------- commands

  /** Commands, verbs; {@code replyTo} last. */
  public sealed interface Command extends CborSerializable {}

  /** The whole state. */
  public record Get(ActorRef<StatusReply<State>> replyTo) implements Command {}

  /** UpdateAccount: patch the settings, all or nothing. */
  public record UpdateSettings(List<PatchOperation> operations, Instant at, String by,
      ActorRef<StatusReply<AccountSettings>> replyTo) implements Command {}

  /**
   * Store a client certificate ({@code created}: a new one, within the quota; else an existing one's new description:
   * its tags stay as held here, so a concurrent TagResource is never undone).
   */
  public record PutClientCertificate(ClientCertificate certificate, boolean created,
      ActorRef<StatusReply<ClientCertificate>> replyTo) implements Command {}

  /**
   * TagResource, UntagResource on a client certificate: apply {@code change} to its current tags (concurrent tag calls
   * never undo each other).
   */
  public record RetagClientCertificate(String id, TagChange change, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /** Delete a client certificate. */
  public record DeleteClientCertificate(String id, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /**
   * Store a VPC link ({@code created}: a new one, within the quota; else an existing one's new name and description:
   * its tags and status stay as held here, so a concurrent TagResource or the end of provisioning is never undone).
   */
  public record PutVpcLink(VpcLink link, boolean created, ActorRef<StatusReply<VpcLink>> replyTo) implements Command {}

  /**
   * TagResource, UntagResource on a VPC link: apply {@code change} to its current tags (concurrent tag calls never undo
   * each other, nor its provisioning).
   */
  public record RetagVpcLink(String id, TagChange change, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Delete a VPC link. */
  public record DeleteVpcLink(String id, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Sent by the entity to itself: a pending VPC link is ready. */
  public record FinishVpcLink(String id) implements Command {}

  // ---------------------------------------------------------------- events

  /** Events, past tense. Part of the journal's schema. */
  public sealed interface Event extends CborSerializable {}

  /** The settings changed; {@code settings} is the new value, {@code operations} what was asked. */
  public record SettingsUpdated(AccountSettings settings, List<PatchOperation> operations, Instant at, String by)
      implements Event {
    public SettingsUpdated {
      operations = List.copyOf(operations);
    }
  }

  /** A client certificate was generated or changed. */
  public record ClientCertificatePut(ClientCertificate certificate) implements Event {}

  /** A client certificate was deleted. */
  public record ClientCertificateDeleted(String id) implements Event {}

  /** A VPC link was created or changed. */
  public record VpcLinkPut(VpcLink link) implements Event {}

  /** A VPC link was deleted. */
  public record VpcLinkDeleted(String id) implements Event {}

  // ---------------------------------------------------------------- state

  /** Settings, certificates by id and VPC links by id; immutable. */
  public record State(AccountSettings settings, Map<String, ClientCertificate> clientCertificates,
      Map<String, VpcLink> vpcLinks) implements CborSerializable {
    public State {
      settings = settings == null ? AccountSettings.initial() : settings;
      clientCertificates = clientCertificates == null ? Map.of() : Map.copyOf(clientCertificates);
      vpcLinks = vpcLinks == null ? Map.of() : Map.copyOf(vpcLinks);
    }

    /** The certificate, or AWS's 404. */
    public ClientCertificate clientCertificate(String id) {
      ClientCertificate c = clientCertificates.get(id);
      if (c == null) {
        throw new NotFoundException(CERTIFICATE_NOT_FOUND);
      }
      return c;
    }

    /** The VPC link of either version (tags address both alike), or AWS's 404. */
    public VpcLink vpcLink(String id) {
      VpcLink v = vpcLinks.get(id);
      if (v == null) {
        throw new NotFoundException(VPC_LINK_NOT_FOUND);
      }
      return v;
    }

    /** The VPC link if it is of the version asked for (each API sees only its own), or AWS's 404. */
    public VpcLink vpcLink(String id, boolean v2) {
      VpcLink v = vpcLinks.get(id);
      if (v == null || v.isV2() != v2) {
        throw new NotFoundException(VPC_LINK_NOT_FOUND);
      }
      return v;
    }

    /** Certificates, oldest first. */
    public List<ClientCertificate> clientCertificatesByDate() {
      return clientCertificates.values().stream()
          .sorted(Comparator.comparing(ClientCertificate::createdDate).thenComparing(ClientCertificate::id)).toList();
    }

    /** REST API (V1) VPC links by name, then id. */
    public List<VpcLink> vpcLinksByName() {
      return vpcLinksByName(false);
    }

    /** The VPC links of one version by name, then id. */
    public List<VpcLink> vpcLinksByName(boolean v2) {
      return vpcLinks.values().stream().filter(l -> l.isV2() == v2)
          .sorted(Comparator.comparing(VpcLink::name).thenComparing(VpcLink::id)).toList();
    }

    State apply(Event event) {
      if (event instanceof SettingsUpdated e) {
        return new State(e.settings(), clientCertificates, vpcLinks);
      }
      if (event instanceof ClientCertificatePut e) {
        var next = new HashMap<>(clientCertificates);
        next.put(e.certificate().id(), e.certificate());
        return new State(settings, next, vpcLinks);
      }
      if (event instanceof ClientCertificateDeleted e) {
        var next = new HashMap<>(clientCertificates);
        next.remove(e.id());
        return new State(settings, next, vpcLinks);
      }
      if (event instanceof VpcLinkPut e) {
        var next = new HashMap<>(vpcLinks);
        next.put(e.link().id(), e.link());
        return new State(settings, clientCertificates, next);
      }
      if (event instanceof VpcLinkDeleted e) {
        var next = new HashMap<>(vpcLinks);
        next.remove(e.id());
        return new State(settings, clientCertificates, next);
      }
      throw new IllegalStateException("Unknown event " + event.getClass().getSimpleName());
    }
  }

  // ---------------------------------------------------------------- behavior

  private final ActorContext<Command> context;

  private AccountEntity(ActorContext<Command> context, String accountId) {
    super(PersistenceId.of(ENTITY_KEY.name(), accountId), JournalFailures.restartWithBackoff());
    this.context = context;
  }

  /** Registers the entity with Cluster Sharding on this node; the entity id is the account id. */
  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId())));
  }

  /** The behavior for one account. */
  public static Behavior<Command> create(String accountId) {
    return Behaviors.setup(ctx -> new AccountEntity(ctx, accountId));
  }

  @Override
  public State emptyState() {
    return new State(AccountSettings.initial(), Map.of(), Map.of());
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
  public SignalHandler<State> signalHandler() {
    // A link left PENDING by a node that stopped in between is finished after recovery.
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> state.vpcLinks().values().stream()
            .filter(l -> VpcLink.PENDING.equals(l.status())).forEach(l -> finishLater(l.id())))
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), StatusReply.success(state)))
        .onCommand(UpdateSettings.class, this::updateSettings)
        .onCommand(PutClientCertificate.class, this::putClientCertificate)
        .onCommand(DeleteClientCertificate.class, (state, cmd) -> {
          if (!state.clientCertificates().containsKey(cmd.id())) {
            return Effect().reply(cmd.replyTo(), StatusReply.error(new NotFoundException(CERTIFICATE_NOT_FOUND)));
          }
          return Effect().persist(new ClientCertificateDeleted(cmd.id())).thenReply(cmd.replyTo(), s -> StatusReply.ack());
        })
        .onCommand(RetagClientCertificate.class, (state, cmd) -> {
          ClientCertificate certificate = state.clientCertificates().get(cmd.id());
          if (certificate == null) {
            return Effect().reply(cmd.replyTo(), StatusReply.error(new NotFoundException(CERTIFICATE_NOT_FOUND)));
          }
          return retagged(cmd.replyTo(), () -> new ClientCertificatePut(
              certificate.withTags(cmd.change().applyTo(certificate.tags()))));
        })
        .onCommand(PutVpcLink.class, this::putVpcLink)
        .onCommand(RetagVpcLink.class, (state, cmd) -> {
          VpcLink link = state.vpcLinks().get(cmd.id());
          if (link == null) {
            return Effect().reply(cmd.replyTo(), StatusReply.error(new NotFoundException(VPC_LINK_NOT_FOUND)));
          }
          return retagged(cmd.replyTo(), () -> new VpcLinkPut(
              link.with(link.name(), link.description(), cmd.change().applyTo(link.tags()))));
        })
        .onCommand(DeleteVpcLink.class, (state, cmd) -> {
          if (!state.vpcLinks().containsKey(cmd.id())) {
            return Effect().reply(cmd.replyTo(), StatusReply.error(new NotFoundException(VPC_LINK_NOT_FOUND)));
          }
          return Effect().persist(new VpcLinkDeleted(cmd.id())).thenReply(cmd.replyTo(), s -> StatusReply.ack());
        })
        .onCommand(FinishVpcLink.class, (state, cmd) -> {
          VpcLink link = state.vpcLinks().get(cmd.id());
          if (link == null || !VpcLink.PENDING.equals(link.status())) {
            return Effect().noReply();
          }
          return Effect().persist(new VpcLinkPut(link.withStatus(VpcLink.AVAILABLE,
              link.isV2() ? "VPC link is ready to route traffic" : "Your vpc link is ready for use"))).thenNoReply();
        })
        .build();
  }

  private ReplyEffect<Event, State> updateSettings(State state, UpdateSettings cmd) {
    AccountSettings next;
    try {
      next = state.settings().patch(cmd.operations());
    } catch (RuntimeException e) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(e));
    }
    return Effect().persist(new SettingsUpdated(next, cmd.operations(), cmd.at(), cmd.by()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(next));
  }

  private ReplyEffect<Event, State> putClientCertificate(State state, PutClientCertificate cmd) {
    String id = cmd.certificate().id();
    if (!cmd.created() && !state.clientCertificates().containsKey(id)) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new NotFoundException(CERTIFICATE_NOT_FOUND)));
    }
    if (cmd.created() && state.clientCertificates().size() >= MAX_CLIENT_CERTIFICATES) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new LimitExceededException(
          "Cannot create more than " + MAX_CLIENT_CERTIFICATES + " client certificates in an account")));
    }
    ClientCertificate stored = cmd.created() ? cmd.certificate()
        : state.clientCertificates().get(id).withDescription(cmd.certificate().description());
    return Effect().persist(new ClientCertificatePut(stored))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(stored));
  }

  private ReplyEffect<Event, State> retagged(ActorRef<StatusReply<Done>> replyTo, Supplier<Event> decide) {
    Event event;
    try {
      event = decide.get();
    } catch (ApiGatewayException e) {
      return Effect().reply(replyTo, StatusReply.error(e));
    }
    return Effect().persist(event).thenReply(replyTo, s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> putVpcLink(State state, PutVpcLink cmd) {
    String id = cmd.link().id();
    if (!cmd.created() && !state.vpcLinks().containsKey(id)) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new NotFoundException(VPC_LINK_NOT_FOUND)));
    }
    boolean v2 = cmd.link().isV2();
    int max = v2 ? MAX_V2_VPC_LINKS : MAX_VPC_LINKS;
    if (cmd.created() && state.vpcLinksByName(v2).size() >= max) {
      return Effect().reply(cmd.replyTo(), StatusReply.error(new LimitExceededException(
          "Cannot create more than " + max + (v2 ? " HTTP API" : "") + " VPC links in an account")));
    }
    VpcLink current = state.vpcLinks().get(id);
    VpcLink stored = cmd.created() ? cmd.link() : current.with(cmd.link().name(), cmd.link().description(), current.tags());
    return Effect().persist(new VpcLinkPut(stored))
        .thenRun(s -> {
          if (cmd.created()) {
            finishLater(id);
          }
        })
        .thenReply(cmd.replyTo(), s -> StatusReply.success(stored));
  }

  private void finishLater(String id) {
    context.scheduleOnce(VPC_LINK_PROVISIONING, context.getSelf(), new FinishVpcLink(id));
  }
}
