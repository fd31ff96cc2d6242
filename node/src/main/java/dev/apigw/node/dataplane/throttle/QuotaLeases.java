package dev.apigw.node.dataplane.throttle;

import dev.apigw.node.http.PekkoFutures;
import dev.apigw.persistence.keys.UsageCounter;
import dev.apigw.protocol.keys.QuotaPeriod;
import dev.apigw.protocol.keys.QuotaSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts requests per API key and usage plan and enforces the plan's quota, without asking the
 * cluster per request: each node holds a lease of tokens per {@code plan:key}, reserved in batches
 * from the key's {@link UsageCounter}. The hot path is one atomic decrement; an empty lease
 * reserves the next batch asynchronously (requests wait for it, bounded by the ask timeout, no
 * thread blocks). Batches start at 1 and follow the node's recent rate for the key, up to about
 * {@link QuotaLeaseSettings#leaseDuration()} of traffic and {@link QuotaLeaseSettings#maxBatch()};
 * the counter never grants more than the period's remaining quota. Unused tokens go back when the
 * lease expires (after {@code leaseDuration}, at the end of the quota period, at the next UTC
 * midnight) and, best effort, when the node shuts down.
 *
 * <p>Bounds:
 *
 * <ul>
 *   <li>Admitted requests never exceed the quota: each one used a token that the counter granted
 *       out of the period's remaining quota and persisted before answering; tokens are never used
 *       after their period ends. Lowering the quota (UpdateUsagePlan, UpdateUsage) while leases
 *       are out lets those leases be used up: at most one lease per node per key.
 *   <li>No admitted request goes uncounted, even if a node crashes: the grant is journaled before
 *       the node uses it. A crash (or a failed release) over-counts at most the unused part of the
 *       node's lease: {@code min(maxBatch, about leaseDuration of its traffic)} per key.
 *   <li>Every request is counted on the UTC day it was admitted: a lease never spans midnight.
 *   <li>After an "exhausted" answer a node rejects locally for up to {@code exhaustedRecheck}
 *       (never past the period's end), so a raised quota can be seen that much later.
 * </ul>
 *
 * <p>Requests without a quota ({@code quotaOrNull} null) are counted the same way and always
 * allowed. When the counter cannot be reached in time the returned stage fails (the caller decides
 * how to answer; nothing was counted for that request). While the journal is known to be unavailable
 * (the counter could not persist a grant), a request that finds its lease empty fails at once instead
 * of waiting for the ask timeout (also when a reservation is already under way).
 */
public final class QuotaLeases {
  private static final Logger log = LoggerFactory.getLogger(QuotaLeases.class);
  private static final CompletionStage<QuotaDecision> ALLOWED = CompletableFuture.completedStage(QuotaDecision.ALLOWED);
  private static final CompletionStage<QuotaDecision> EXHAUSTED = CompletableFuture.completedStage(QuotaDecision.EXHAUSTED);
  /** Reservations one request waits for before giving up: each round either grants or exhausts, so more is a bug. */
  private static final int MAX_ROUNDS = 8;
  private static final AtomicInteger instances = new AtomicInteger();

  private final QuotaLeaseSettings settings;
  private final Function<String, RecipientRef<UsageCounter.Command>> counters;
  private final Scheduler scheduler;
  private final Clock clock;
  private final BooleanSupplier journalAvailable;
  private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();
  private final Cancellable sweeper;

  /** Like {@link #QuotaLeases(ActorSystem, Duration, BooleanSupplier)} with a journal that always counts as available. */
  public QuotaLeases(ActorSystem<?> system, Duration askTimeout) {
    this(system, askTimeout, () -> true);
  }

  /**
   * Leases with {@link QuotaLeaseSettings#defaults(Duration) default settings} on this node's sharded {@link
   * UsageCounter}s (the counter must be {@link UsageCounter#init registered}); no counter is asked while {@code
   * journalAvailable} says false.
   */
  public QuotaLeases(ActorSystem<?> system, Duration askTimeout, BooleanSupplier journalAvailable) {
    this(system, QuotaLeaseSettings.defaults(askTimeout),
        id -> ClusterSharding.get(system).entityRefFor(UsageCounter.ENTITY_KEY, id), Clock.systemUTC(), journalAvailable);
  }

  /** For tests: any way to reach a counter by entity id, any clock, any journal health. */
  QuotaLeases(
      ActorSystem<?> system,
      QuotaLeaseSettings settings,
      Function<String, RecipientRef<UsageCounter.Command>> counters,
      Clock clock,
      BooleanSupplier journalAvailable) {
    this.settings = settings;
    this.counters = counters;
    this.scheduler = system.scheduler();
    this.clock = clock;
    this.journalAvailable = journalAvailable;
    this.sweeper =
        system.scheduler().scheduleAtFixedRate(settings.sweepInterval(), settings.sweepInterval(), this::sweep, system.executionContext());
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeClusterShutdown(),
            "quota-leases-release-" + instances.incrementAndGet(),
            this::close);
  }

  /**
   * Counts one request of key {@code keyId} through plan {@code planId}. Completes with {@link
   * QuotaDecision#ALLOWED} (the same instance every time) or a rejection when the plan's quota for
   * the current period is used up; fails when the counter did not answer within the ask timeout.
   */
  public CompletionStage<QuotaDecision> consume(String planId, String keyId, QuotaSettings quotaOrNull) {
    Lease lease = leases.computeIfAbsent(UsageCounter.entityId(planId, keyId), Lease::new);
    lease.consumed.increment();
    if (clock.millis() < lease.expiresAtMillis && lease.tryTake()) {
      if (lease.tokens.get() <= lease.lowWater && lease.pending == null) {
        lease.prefetch(quotaOrNull); // the next batch arrives before this one runs out: nobody waits for Cassandra
      }
      return ALLOWED;
    }
    return lease.acquire(quotaOrNull, 1);
  }

  /** Stops expiring leases and gives every unused token back; completes when the counters answered (or failed to). */
  public CompletionStage<Done> close() {
    sweeper.cancel();
    List<CompletableFuture<Done>> releases = new ArrayList<>();
    for (Lease lease : leases.values()) {
      releases.add(lease.drain().toCompletableFuture());
    }
    return CompletableFuture.allOf(releases.toArray(CompletableFuture[]::new)).handle((v, e) -> Done.getInstance());
  }

  /** Unused tokens on this node for {@code plan:key}, for tests and metrics. */
  long leasedTokens(String planId, String keyId) {
    Lease lease = leases.get(UsageCounter.entityId(planId, keyId));
    return lease == null ? 0 : lease.tokens.get();
  }

  private void sweep() {
    long now = clock.millis();
    for (Lease lease : leases.values()) {
      if (lease.tokens.get() > 0 && now >= lease.expiresAtMillis) {
        lease.drain();
      }
    }
  }

  /** One {@code plan:key}'s tokens on this node. The hot path touches only the atomics. */
  private final class Lease {
    final RecipientRef<UsageCounter.Command> counter;
    final AtomicLong tokens = new AtomicLong();
    final LongAdder consumed = new LongAdder();
    volatile long expiresAtMillis;
    volatile long exhaustedUntilMillis;
    /** When the lease is down to this many tokens, the next batch is reserved ahead of time. */
    volatile long lowWater;
    // Guarded by this: the slow path only.
    private Instant reservedAt = Instant.EPOCH;
    private volatile CompletableFuture<UsageCounter.Reserved> pending;
    private int waiting;
    private int lastBatch;
    private double rate;
    private long lastReserveNanos;
    private long consumedAtLastReserve;

    Lease(String entityId) {
      this.counter = counters.apply(entityId);
    }

    boolean tryTake() {
      return LeaseTokens.takeOne(tokens) >= 0;
    }

    /** Waits for the reservation in flight, or starts one; then tries again. */
    CompletionStage<QuotaDecision> acquire(QuotaSettings quota, int round) {
      CompletableFuture<UsageCounter.Reserved> wait;
      synchronized (this) {
        long now = clock.millis();
        if (now >= expiresAtMillis && tokens.get() > 0) {
          drain();
        }
        if (now < expiresAtMillis && tryTake()) {
          return ALLOWED;
        }
        if (now < exhaustedUntilMillis) {
          return EXHAUSTED;
        }
        if (round > MAX_ROUNDS) {
          return CompletableFuture.failedFuture(
              new TimeoutException("No quota lease for " + counter + " after " + MAX_ROUNDS + " reservations"));
        }
        if (!journalAvailable.getAsBoolean()) {
          // The counter cannot persist a grant: neither a new reservation nor one in flight would answer before the
          // ask timeout.
          return CompletableFuture.failedFuture(
              new TimeoutException("No quota lease for " + counter + ": the journal is unavailable"));
        }
        waiting++;
        if (pending == null) {
          CompletableFuture<UsageCounter.Reserved> started = reserve(quota, now);
          // An ask that failed at once has already run its handler: nothing is in flight then.
          pending = started.isDone() ? null : started;
          wait = started;
        } else {
          wait = pending;
        }
      }
      return wait
          .whenComplete(
              (reply, failure) -> {
                synchronized (this) {
                  waiting--;
                }
              })
          .thenCompose(
              reply -> {
                if (clock.millis() < expiresAtMillis && tryTake()) {
                  return ALLOWED;
                }
                // The reservation this request waited for found the period's quota used up.
                return reply.granted() == 0 ? EXHAUSTED : acquire(quota, round + 1);
              });
    }

    /** Reserves the next batch while tokens are left, unless a reservation is under way or the quota is used up. */
    synchronized void prefetch(QuotaSettings quota) {
      long now = clock.millis();
      if (pending != null || now < exhaustedUntilMillis || now >= expiresAtMillis || !journalAvailable.getAsBoolean()) {
        return;
      }
      CompletableFuture<UsageCounter.Reserved> started = reserve(quota, now);
      pending = started.isDone() ? null : started;
      // A failed prefetch costs nothing: the request that finds the lease empty reserves (and waits) itself.
      started.exceptionally(e -> null);
    }

    /** Asks the counter for a batch sized to the recent rate and the requests waiting; installs the answer. */
    private CompletableFuture<UsageCounter.Reserved> reserve(QuotaSettings quota, long nowMillis) {
      int batch = nextBatch();
      Instant at = Instant.ofEpochMilli(nowMillis);
      CompletionStage<UsageCounter.Reserved> asked = PekkoFutures.plain(
          AskPattern.askWithStatus(
              counter, r -> new UsageCounter.Reserve(batch, quota, at, r), settings.askTimeout(), scheduler));
      return asked
          .handle(
              (reply, failure) -> {
                synchronized (this) {
                  pending = null;
                  if (failure != null) {
                    throw failure instanceof RuntimeException re ? re : new IllegalStateException(failure);
                  }
                  install(reply, at);
                  return reply;
                }
              })
          .toCompletableFuture();
    }

    private int nextBatch() {
      long nanos = System.nanoTime();
      long count = consumed.sum();
      if (lastReserveNanos != 0) {
        double seconds = Math.max((nanos - lastReserveNanos) / 1e9, 0.001);
        double observed = (count - consumedAtLastReserve) / seconds;
        rate = rate == 0 ? observed : (rate + observed) / 2;
      }
      lastReserveNanos = nanos;
      consumedAtLastReserve = count;
      double leaseSeconds = settings.leaseDuration().toNanos() / 1e9;
      long target = (long) Math.ceil(rate * leaseSeconds);
      // Grow at most 4x per reservation: one noisy interval must not lease a second's worth at once.
      long grown = Math.min(target, Math.max(1, lastBatch) * 4L);
      int batch = (int) Math.max(1, Math.min(settings.maxBatch(), Math.max(grown, waiting)));
      lastBatch = batch;
      return batch;
    }

    private void install(UsageCounter.Reserved reply, Instant at) {
      if (reply.granted() == 0) {
        long recheck = at.toEpochMilli() + settings.exhaustedRecheck().toMillis();
        exhaustedUntilMillis = Math.min(recheck, reply.periodEnd().toEpochMilli());
        return;
      }
      exhaustedUntilMillis = 0;
      long nextMidnight = QuotaPeriod.startOf(QuotaPeriod.day(at).plusDays(1)).toEpochMilli();
      long expires = Math.min(at.toEpochMilli() + settings.leaseDuration().toMillis(), reply.periodEnd().toEpochMilli());
      reservedAt = at;
      expiresAtMillis = Math.min(expires, nextMidnight);
      lowWater = reply.granted() / 4;
      tokens.addAndGet(reply.granted());
    }

    /** Gives the unused tokens back to the day that counted them. */
    synchronized CompletionStage<Done> drain() {
      long unused = tokens.getAndSet(0);
      if (unused <= 0) {
        return CompletableFuture.completedFuture(Done.getInstance());
      }
      Instant at = reservedAt;
      CompletionStage<Done> released = PekkoFutures.plain(
          AskPattern.askWithStatus(
              counter, r -> new UsageCounter.Release((int) unused, at, r), settings.askTimeout(), scheduler));
      return released.whenComplete(
          (done, failure) -> {
            if (failure != null) {
              log.warn("Could not release {} unused quota tokens of {}: they stay counted", unused, counter, failure);
            }
          });
    }
  }
}
