package dev.apigw.persistence.keys;

import dev.apigw.persistence.health.JournalFailures;
import dev.apigw.protocol.CborSerializable;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.keys.QuotaPeriod;
import dev.apigw.protocol.keys.QuotaSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
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
 * The requests one API key made through one usage plan, per UTC day, and the plan's quota
 * enforced over them; sharded by {@link #entityId(String, String) planId:keyId}.
 *
 * <p>Nodes do not ask per request: they {@link Reserve} a batch (a lease) and admit requests from
 * it locally. A grant is persisted as counted usage of its day <em>before</em> the reply, so a
 * crash never loses an admitted request; it can only over-count the unused part of the leases it
 * held. Unused tokens come back with {@link Release}. The quota settings travel with each command
 * (the plan owns them), so a plan change applies from the next command on.
 *
 * <p>A period's remaining quota is {@code limit + adjustment - used in the period so far}, never
 * below 0; the adjustment comes from {@link SetRemaining} (AWS's UpdateUsage) and applies only to
 * the period it was made in, so a new period starts with the full limit. Days older than
 * {@link #RETENTION_DAYS} before the newest counted day are dropped (AWS keeps 90 days of usage).
 */
public final class UsageCounter
    extends EventSourcedBehaviorWithEnforcedReplies<UsageCounter.Command, UsageCounter.Event, UsageCounter.State> {

  /** Sharding key; also the persistence id prefix. */
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "UsageCounter");

  /** Days of usage kept: AWS's 90, plus room so a whole MONTH period is always there. */
  public static final int RETENTION_DAYS = 100;

  /** {@link Reserved#remainingAfter()} of a plan without a quota. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /** Bounds one {@link GetUsage} answer. */
  static final int MAX_REPORT_DAYS = 366;

  /** The entity id of key {@code keyId} in plan {@code planId}; neither id contains a colon. */
  public static String entityId(String planId, String keyId) {
    if (planId.indexOf(':') >= 0 || keyId.indexOf(':') >= 0) {
      throw new IllegalArgumentException("planId/keyId: " + planId + "/" + keyId + " (expected: no ':')");
    }
    return planId + ":" + keyId;
  }

  /** Commands, verbs; {@code replyTo} last. */
  public sealed interface Command extends CborSerializable {}

  /**
   * Take up to {@code requested} requests from the quota period of {@code now} and count them on
   * {@code now}'s day. Without a quota ({@code quota} null) every request is granted and counted.
   */
  public record Reserve(int requested, QuotaSettings quota, Instant now, ActorRef<StatusReply<Reserved>> replyTo)
      implements Command {}

  /**
   * Give back {@code unused} tokens of a lease reserved at {@code reservedAt}: they are taken off
   * that instant's day (the day that counted them), never below 0. The reservation instant rather
   * than the release instant, so tokens reserved before midnight do not lower the new day's count
   * (nor raise the new period's remaining quota).
   */
  public record Release(int unused, Instant reservedAt, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Usage per day from {@code start} to {@code end} (both inclusive), with the remaining quota at each day's end. */
  public record GetUsage(LocalDate start, LocalDate end, QuotaSettings quota, ActorRef<StatusReply<UsageReport>> replyTo)
      implements Command {}

  /**
   * AWS's UpdateUsage: make the remaining quota of {@code now}'s period exactly {@code remaining};
   * answers the period's usage from its first day to {@code now}'s day.
   */
  public record SetRemaining(long remaining, QuotaSettings quota, Instant now, ActorRef<StatusReply<UsageReport>> replyTo)
      implements Command {}

  /**
   * A reservation's answer.
   *
   * @param granted requests the caller may admit: {@code min(requested, remaining)}; 0 when the quota is exhausted
   * @param remainingAfter the period's remaining quota after this grant, {@link #UNLIMITED} without a quota
   * @param periodEnd when the period ends (the next UTC midnight without a quota); the grant is not valid after it
   */
  public record Reserved(int granted, long remainingAfter, Instant periodEnd) implements CborSerializable {}

  /** One day's usage: requests counted and the quota remaining at the day's end (0 without a quota, as AWS reports it). */
  public record DailyUsage(LocalDate day, long used, long remaining) implements CborSerializable {}

  /** Daily usage in day order. */
  public record UsageReport(List<DailyUsage> days) implements CborSerializable {
    public UsageReport {
      days = List.copyOf(days);
    }
  }

  /** Events, past tense. Part of the journal's schema. */
  public sealed interface Event extends CborSerializable {}

  /** {@code count} requests were granted (and are counted) on {@code day}. */
  public record Counted(LocalDate day, int count) implements Event {}

  /** {@code count} unused tokens reserved on {@code day} came back. */
  public record Released(LocalDate day, int count) implements Event {}

  /** The period starting on {@code periodStart} gets {@code adjustment} more (or fewer) requests than its limit. */
  public record RemainingSet(LocalDate periodStart, long adjustment) implements Event {}

  /** The entity's state. */
  public sealed interface State extends CborSerializable {}

  /**
   * The counts.
   *
   * @param used requests per UTC day, days without requests absent; never mutated
   * @param adjustedPeriod the first day of the period {@code adjustment} applies to, or null
   * @param adjustment extra requests for that period (negative: fewer) set by {@link SetRemaining}
   */
  public record Counts(SortedMap<LocalDate, Long> used, LocalDate adjustedPeriod, long adjustment) implements State {
    public Counts {
      used = Collections.unmodifiableSortedMap(new TreeMap<>(used == null ? new TreeMap<>() : used));
    }

    static Counts empty() {
      return new Counts(new TreeMap<>(), null, 0);
    }

    /** Requests counted on {@code day}. */
    public long usedOn(LocalDate day) {
      return used.getOrDefault(day, 0L);
    }

    /** Requests counted from {@code first} to {@code last}, both inclusive. */
    public long usedBetween(LocalDate first, LocalDate last) {
      if (last.isBefore(first)) {
        return 0;
      }
      return used.subMap(first, last.plusDays(1)).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The quota left in {@code period} after the requests counted up to {@code upTo} (inclusive). */
    public long remaining(QuotaSettings quota, QuotaPeriod period, LocalDate upTo) {
      long adjust = period.firstDay().equals(adjustedPeriod) ? adjustment : 0;
      return Math.max(0, quota.limit() + adjust - usedBetween(period.firstDay(), upTo));
    }

    Counts withCount(LocalDate day, long delta) {
      var next = new TreeMap<>(used);
      long count = Math.max(0, usedOn(day) + delta);
      if (count == 0) {
        next.remove(day);
      } else {
        next.put(day, count);
      }
      // Relative to the newest day counted, not the wall clock: replay must rebuild the same state.
      LocalDate oldestKept = next.isEmpty() ? day : next.lastKey().minusDays(RETENTION_DAYS);
      return new Counts(next.tailMap(oldestKept), adjustedPeriod, adjustment);
    }

    Counts withAdjustment(LocalDate periodStart, long adjustment) {
      return new Counts(used, periodStart, adjustment);
    }
  }

  private UsageCounter(String entityId) {
    super(PersistenceId.of(ENTITY_KEY.name(), entityId), JournalFailures.restartWithBackoff());
  }

  /** Registers the entity with Cluster Sharding on this node. */
  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId())));
  }

  /** The behavior for one {@link #entityId(String, String) planId:keyId}. */
  public static Behavior<Command> create(String entityId) {
    return new UsageCounter(entityId);
  }

  @Override
  public State emptyState() {
    return Counts.empty();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public Set<String> tagsFor(Event event) {
    // Untagged: nothing reads usage by tag, and every tag costs the journal extra writes (tag views and tag
    // progress) on the data plane's busiest write path. Tag from here on if a projection ever needs them.
    return Set.of();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder
        .forStateType(Counts.class)
        .onCommand(Reserve.class, this::reserve)
        .onCommand(Release.class, this::release)
        .onCommand(GetUsage.class, (state, cmd) -> Effect().reply(cmd.replyTo(), report(state, cmd)))
        .onCommand(SetRemaining.class, this::setRemaining);
    return builder.build();
  }

  private ReplyEffect<Event, State> reserve(Counts state, Reserve cmd) {
    if (cmd.requested() < 1) {
      return Effect().reply(cmd.replyTo(), badRequest("requested: " + cmd.requested() + " (expected: >= 1)"));
    }
    LocalDate day = QuotaPeriod.day(cmd.now());
    if (cmd.quota() == null) {
      Reserved granted = new Reserved(cmd.requested(), UNLIMITED, QuotaPeriod.startOf(day.plusDays(1)));
      return Effect().persist(new Counted(day, cmd.requested())).thenReply(cmd.replyTo(), s -> StatusReply.success(granted));
    }
    QuotaPeriod period;
    try {
      period = QuotaPeriod.of(cmd.quota(), cmd.now());
    } catch (IllegalArgumentException e) {
      return Effect().reply(cmd.replyTo(), badRequest(e.getMessage()));
    }
    long remaining = state.remaining(cmd.quota(), period, period.lastDay());
    int granted = (int) Math.min(cmd.requested(), remaining);
    if (granted == 0) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(new Reserved(0, 0, period.end())));
    }
    Reserved reply = new Reserved(granted, remaining - granted, period.end());
    return Effect().persist(new Counted(day, granted)).thenReply(cmd.replyTo(), s -> StatusReply.success(reply));
  }

  private ReplyEffect<Event, State> release(Counts state, Release cmd) {
    if (cmd.unused() < 0) {
      return Effect().reply(cmd.replyTo(), badRequest("unused: " + cmd.unused() + " (expected: >= 0)"));
    }
    LocalDate day = QuotaPeriod.day(cmd.reservedAt());
    int count = (int) Math.min(cmd.unused(), state.usedOn(day));
    if (count == 0) {
      return Effect().reply(cmd.replyTo(), StatusReply.ack());
    }
    return Effect().persist(new Released(day, count)).thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> setRemaining(Counts state, SetRemaining cmd) {
    if (cmd.remaining() < 0) {
      return Effect().reply(cmd.replyTo(), badRequest("remaining: " + cmd.remaining() + " (expected: >= 0)"));
    }
    if (cmd.quota() == null) {
      return Effect().reply(cmd.replyTo(), badRequest("The usage plan has no quota: there is no remaining quota to set"));
    }
    QuotaPeriod period;
    try {
      period = QuotaPeriod.of(cmd.quota(), cmd.now());
    } catch (IllegalArgumentException e) {
      return Effect().reply(cmd.replyTo(), badRequest(e.getMessage()));
    }
    long used = state.usedBetween(period.firstDay(), period.lastDay());
    long adjustment = cmd.remaining() - (cmd.quota().limit() - used);
    LocalDate today = QuotaPeriod.day(cmd.now());
    return Effect()
        .persist(new RemainingSet(period.firstDay(), adjustment))
        .thenReply(cmd.replyTo(), s -> report((Counts) s, period.firstDay(), today, cmd.quota()));
  }

  private static StatusReply<UsageReport> report(Counts state, GetUsage cmd) {
    if (cmd.start() == null || cmd.end() == null || cmd.end().isBefore(cmd.start())) {
      return badRequest("start/end: " + cmd.start() + "/" + cmd.end() + " (expected: start <= end)");
    }
    if (ChronoUnit.DAYS.between(cmd.start(), cmd.end()) >= MAX_REPORT_DAYS) {
      return badRequest("start/end: " + cmd.start() + "/" + cmd.end() + " (expected: at most " + MAX_REPORT_DAYS + " days)");
    }
    try {
      return report(state, cmd.start(), cmd.end(), cmd.quota());
    } catch (IllegalArgumentException e) {
      return badRequest(e.getMessage());
    }
  }

  private static StatusReply<UsageReport> report(Counts state, LocalDate start, LocalDate end, QuotaSettings quota) {
    List<DailyUsage> days = new ArrayList<>();
    for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
      long remaining = 0;
      if (quota != null) {
        remaining = state.remaining(quota, QuotaPeriod.of(quota, QuotaPeriod.startOf(day)), day);
      }
      days.add(new DailyUsage(day, state.usedOn(day), remaining));
    }
    return StatusReply.success(new UsageReport(days));
  }

  private static <T> StatusReply<T> badRequest(String message) {
    return StatusReply.error(new BadRequestException(message));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    var builder = newEventHandlerBuilder();
    builder
        .forStateType(Counts.class)
        .onEvent(Counted.class, (state, e) -> state.withCount(e.day(), e.count()))
        .onEvent(Released.class, (state, e) -> state.withCount(e.day(), -e.count()))
        .onEvent(RemainingSet.class, (state, e) -> state.withAdjustment(e.periodStart(), e.adjustment()));
    return builder.build();
  }
}
