package dev.apigw.node.dataplane.throttle;

import dev.apigw.protocol.CborSerializable;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * The owner of one cluster-wide token bucket, sharded by bucket id and not persisted (soft state, DESIGN.md section
 * 4). It refills at the limit's rate up to burst and hands tokens to nodes in leases: a lease's tokens are taken from
 * the bucket when it is granted, so the nodes together never admit more than the bucket lets out; tokens a node did
 * not use come back when its lease expires (capped at burst). Every command carries the limit the node currently
 * applies; the newest one wins, so a configuration change takes effect with the next lease.
 *
 * <p>Lease sizes follow each node's recent share of the traffic ({@link DemandRate}, {@link LeaseSizer}). When the
 * bucket is empty the node is refused with the time until its share of the refill makes a whole token, and rejects
 * locally until then.
 *
 * <p>What is not bounded by the bucket: when the entity moves (rebalance, its node crashed or left) or passivates, it
 * starts again with a full bucket, at most {@code burst} extra per move (see {@code docs/throttling.md}).
 */
public final class ThrottleBucket {

  /** Sharding key. */
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "ThrottleBucket");

  /** A node is forgotten (its demand no longer counts) when it has not asked for this many lease durations. */
  static final int FORGET_AFTER_LEASES = 3;

  /** Commands, verbs; {@code replyTo} last. */
  public sealed interface Command extends CborSerializable {}

  /**
   * A lease for {@code node}, which applies {@code limit} and was offered {@code demand} requests for this bucket since
   * its previous {@code Acquire} (admitted or not: the share of traffic, not of tokens, decides the lease size);
   * {@code waiting} of its requests wait for this answer.
   */
  public record Acquire(String node, Limit limit, long demand, long waiting, ActorRef<Reply> replyTo)
      implements Command {}

  /** {@code tokens} that {@code node} leased and did not use, coming back. */
  public record Return(String node, Limit limit, long tokens) implements Command {}

  /** The bucket's state, for operators and tests. */
  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  /** Answers to {@link Acquire}. */
  public sealed interface Reply extends CborSerializable {}

  /**
   * A lease of {@code tokens} (at least 1) for one lease duration; {@code scarce} when it is less than the node wanted
   * because the bucket is short of tokens (its requests that find no token then are rejected, not kept waiting).
   */
  public record Granted(long tokens, boolean scarce) implements Reply {}

  /** No tokens now; the next one is expected in about {@code retryAfterMillis} (at least 1). */
  public record Refused(long retryAfterMillis) implements Reply {}

  /**
   * The bucket as of now.
   *
   * @param limit the limit it applies; null until a node has sent one
   * @param available whole tokens in the bucket (leased tokens are not in it)
   * @param nodes the nodes whose demand currently counts
   */
  public record Status(Limit limit, long available, int nodes) implements CborSerializable {}

  /** The bucket and the demand of each node that asked recently; immutable. */
  record State(TokenBucket bucket, Map<String, DemandRate> demand) {
    State {
      demand = Map.copyOf(demand);
    }

    State withBucket(TokenBucket next) {
      return new State(next, demand);
    }

    /** With {@code node}'s demand updated and nodes silent for too long forgotten. */
    State withDemand(String node, DemandRate rate, long forgetBeforeNanos) {
      var next = new HashMap<String, DemandRate>();
      demand.forEach((n, r) -> {
        if (r.atNanos() - forgetBeforeNanos >= 0) {
          next.put(n, r);
        }
      });
      next.put(node, rate);
      return new State(bucket, next);
    }

    double totalDemand() {
      return demand.values().stream().mapToDouble(DemandRate::perSecond).sum();
    }
  }

  private final LongSupplier nanoClock;
  private final long leaseNanos;

  private ThrottleBucket(ThrottleSettings settings, LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.leaseNanos = settings.leaseDuration().toNanos();
  }

  /** Registers the entity with Cluster Sharding on this node; settings from {@code gateway.throttle}. */
  public static void init(ActorSystem<?> system) {
    ThrottleSettings settings = ThrottleSettings.from(system.settings().config());
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), settings, System::nanoTime)));
  }

  /** The behavior for one bucket id, with settings from {@code gateway.throttle}. */
  public static Behavior<Command> create(String bucketId) {
    return Behaviors.setup(ctx -> create(bucketId, ThrottleSettings.from(ctx.getSystem().settings().config()),
        System::nanoTime));
  }

  /** The behavior for one bucket id with the given settings and clock (tests drive time). */
  static Behavior<Command> create(String bucketId, ThrottleSettings settings, LongSupplier nanoClock) {
    return new ThrottleBucket(settings, nanoClock).unconfigured();
  }

  /** No node has sent a limit yet: the first command with one creates a full bucket. */
  private Behavior<Command> unconfigured() {
    return Behaviors.receive(Command.class)
        .onMessage(Acquire.class, cmd -> start(cmd.limit()).onAcquire(cmd))
        .onMessage(Return.class, cmd -> Behaviors.same()) // a full bucket has no room for returned tokens
        .onMessage(GetStatus.class, cmd -> {
          cmd.replyTo().tell(new Status(null, 0, 0));
          return Behaviors.same();
        })
        .build();
  }

  private Active start(Limit limit) {
    return new Active(new State(TokenBucket.full(limit, nanoClock.getAsLong()), Map.of()));
  }

  /** Handlers for a bucket with a limit; a new {@code Active} per state change. */
  private final class Active {
    private final State state;

    Active(State state) {
      this.state = state;
    }

    Behavior<Command> behavior() {
      return Behaviors.receive(Command.class)
          .onMessage(Acquire.class, this::onAcquire)
          .onMessage(Return.class, this::onReturn)
          .onMessage(GetStatus.class, this::onGetStatus)
          .build();
    }

    Behavior<Command> onAcquire(Acquire cmd) {
      long now = nanoClock.getAsLong();
      TokenBucket bucket = state.bucket().withLimit(cmd.limit(), now).refilled(now);
      DemandRate prior = state.demand().get(cmd.node());
      DemandRate rate = prior == null
          ? DemandRate.first(cmd.demand(), bucket.limit().rate(), state.demand().size() + 1, leaseNanos, now)
          : prior.observe(cmd.demand(), leaseNanos, now);
      State next = state.withDemand(cmd.node(), rate, now - FORGET_AFTER_LEASES * leaseNanos);
      long wanted = LeaseSizer.wanted(rate.perSecond(), leaseNanos / 1e9, cmd.waiting());
      long size = LeaseSizer.size(bucket.available(now), rate.perSecond(), next.totalDemand(), wanted);
      if (size > 0) {
        cmd.replyTo().tell(new Granted(size, size < wanted));
        return new Active(next.withBucket(bucket.take(size, now))).behavior();
      }
      // Come back when the node's share of the refill is a whole token: a node that asks sooner (the one hosting
      // this entity answers fastest) would otherwise take more than its share of a scarce bucket.
      long forOne = LeaseSizer.tokensForOne(rate.perSecond(), next.totalDemand(), bucket.limit().burst());
      long retryAfterMillis = Math.max(1, (bucket.nanosUntil(forOne, now) + 999_999) / 1_000_000);
      cmd.replyTo().tell(new Refused(retryAfterMillis));
      return new Active(next.withBucket(bucket)).behavior();
    }

    private Behavior<Command> onReturn(Return cmd) {
      long now = nanoClock.getAsLong();
      TokenBucket bucket = state.bucket().withLimit(cmd.limit(), now).give(Math.max(0, cmd.tokens()), now);
      return new Active(state.withBucket(bucket)).behavior();
    }

    private Behavior<Command> onGetStatus(GetStatus cmd) {
      long now = nanoClock.getAsLong();
      cmd.replyTo().tell(new Status(state.bucket().limit(), state.bucket().available(now), state.demand().size()));
      return Behaviors.same();
    }
  }
}
