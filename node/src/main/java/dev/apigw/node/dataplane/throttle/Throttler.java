package dev.apigw.node.dataplane.throttle;

import dev.apigw.node.dataplane.throttle.ThrottleBucket.Command;
import dev.apigw.node.dataplane.throttle.ThrottleBucket.Granted;
import dev.apigw.node.dataplane.throttle.ThrottleBucket.Refused;
import dev.apigw.node.dataplane.throttle.ThrottleBucket.Reply;
import dev.apigw.node.http.PekkoFutures;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.stream.StreamSupport;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * This node's client of the cluster-wide token buckets ({@link ThrottleBucket}); one per actor system, thread-safe.
 *
 * <p>Per bucket the node holds a lease: tokens the owner has already taken out of the bucket for this node. The hot
 * path is a compare-and-set decrement on that lease and returns an already-completed stage. When the lease is down to
 * its low-water mark the node asks for the next one in the background, so requests rarely wait; one that finds the
 * lease empty waits (asynchronously, at most {@link ThrottleSettings#maxWait()}) for the owner's answer, together with
 * every other request that arrives meanwhile (at most one ask per bucket is in flight). If the owner refuses, the
 * request is rejected with the owner's retry-after estimate, and so is every request for that bucket until then,
 * without asking again (unless the limit changes). Lease tokens not used within the lease duration go back to the
 * owner.
 *
 * <p>If the owner does not answer within {@code maxWait} the node <b>fails open</b>, as AWS prefers availability to
 * exactness: until the owner answers again it enforces the limit on its own with a local bucket of the same rate and
 * burst (kept between outages, so it is full only once), asking the owner in the background. The same bucket decides
 * a request whose wait ended while the owner's grants, never short of tokens, went to requests that came meanwhile
 * (a busy node gets its answers late). A shard moving or a node
 * crashing therefore costs no errors, and admission stays bounded: during an outage of length T each node admits at
 * most {@code burst + rate * T}. Over-admission bound, cluster-wide, while all owners answer: none beyond the bucket
 * ({@code burst + rate * t} over a bucket lifetime t, tokens being deducted at grant), plus {@code burst} each time a
 * bucket's owner moves (the new owner starts full); see {@code docs/throttling.md}.
 */
public final class Throttler {
  private static final CompletionStage<Admission> ADMITTED = CompletableFuture.completedStage(Admission.ADMITTED);

  private final ActorSystem<?> system;
  private final Function<String, RecipientRef<Command>> owners;
  private final LongSupplier nanoClock;
  private final String node;
  private final long leaseNanos;
  private final long maxWaitNanos;
  private final Duration maxWait;
  private final double lowWater;
  private final ConcurrentHashMap<String, LocalBucket> buckets = new ConcurrentHashMap<>();
  /** Nodes in the cluster (this one included): a node that fails open enforces its share of the limit. */
  private final IntSupplier nodes;

  Throttler(ActorSystem<?> system, ThrottleSettings settings, String node,
      Function<String, RecipientRef<Command>> owners, LongSupplier nanoClock) {
    this(system, settings, node, owners, nanoClock, () -> 1);
  }

  Throttler(ActorSystem<?> system, ThrottleSettings settings, String node,
      Function<String, RecipientRef<Command>> owners, LongSupplier nanoClock, IntSupplier nodes) {
    this.system = system;
    this.nodes = nodes;
    this.owners = owners;
    this.nanoClock = nanoClock;
    this.node = node;
    this.leaseNanos = settings.leaseDuration().toNanos();
    this.maxWait = settings.maxWait();
    this.maxWaitNanos = maxWait.toNanos();
    this.lowWater = settings.lowWater();
  }

  /**
   * The node's throttler: asks the buckets' owners through Cluster Sharding ({@link ThrottleBucket#init} must have run
   * on this node) and returns expired leases' unused tokens every lease duration.
   */
  public static Throttler create(ActorSystem<?> system, ThrottleSettings settings) {
    ClusterSharding sharding = ClusterSharding.get(system);
    Cluster cluster = Cluster.get(system);
    var throttler = new Throttler(system, settings, system.address().toString(),
        id -> sharding.entityRefFor(ThrottleBucket.ENTITY_KEY, id), System::nanoTime,
        () -> (int) Math.max(1, StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
            .filter(m -> m.status() == MemberStatus.up()).count()));
    system.scheduler().scheduleAtFixedRate(
        settings.leaseDuration(), settings.leaseDuration(), throttler::sweep, system.executionContext());
    return throttler;
  }

  /**
   * Takes one token from the cluster-wide bucket {@code bucketId}, which applies {@code limit} (the newest limit sent
   * to a bucket wins, so pass the configured one every time). The stage is already complete unless this node's lease
   * is empty, and then completes within about {@link ThrottleSettings#maxWait()}; it never fails.
   */
  public CompletionStage<Admission> acquire(String bucketId, Limit limit) {
    LocalBucket b = buckets.get(bucketId);
    if (b == null) {
      b = buckets.computeIfAbsent(bucketId, id -> new LocalBucket(owners.apply(id), limit, nanoClock.getAsLong()));
    }
    b.calls.increment();
    long now = nanoClock.getAsLong();
    if (!limit.equals(b.limit)) {
      b.changeLimit(limit, now);
    }
    if (now - b.expiresAt < 0) {
      long left = b.tryTake();
      if (left >= 0) {
        if ((left <= b.lowWater || now - b.renewAt >= 0) && b.inFlight.get() == null && now - b.blockedUntil >= 0) {
          // Prefetch, when the lease runs low or nears its end: the answer refills and extends the lease before it is
          // empty or expired, so nobody waits for it; not while the owner has none.
          ask(b);
        }
        return ADMITTED;
      }
    }
    return withoutLease(b, now);
  }

  /** The lease is empty or expired: rejected while the owner said so, else wait for the owner. */
  private CompletionStage<Admission> withoutLease(LocalBucket b, long now) {
    if (now - b.expiresAt >= 0) {
      returnUnused(b);
    }
    if (now - b.blockedUntil < 0) {
      return CompletableFuture.completedStage(Admission.rejected(millisCeil(b.blockedUntil - now)));
    }
    if (b.failedOpen) {
      if (b.inFlight.get() == null && now - b.lastAskAt - maxWaitNanos >= 0) {
        ask(b); // the owner may be back; meanwhile the local bucket decides
      }
      return CompletableFuture.completedStage(b.takeLocally(now, nodes.getAsInt()));
    }
    long deadline = now + maxWaitNanos;
    b.waiting.incrementAndGet();
    return ask(b).thenCompose(ignored -> afterWait(b, deadline)).whenComplete((a, e) -> b.waiting.decrementAndGet());
  }

  /**
   * A waiting request once the owner answered (or did not in time). If the grant was used up by the requests that
   * waited with this one although the bucket had enough (requests that came while the ask was in flight), the request
   * asks again until its {@code max-wait} is over rather than be refused while the bucket holds tokens. If the owner
   * said tokens are scarce, it is rejected at once: waiting for more would only delay the 429.
   */
  private CompletionStage<Admission> afterWait(LocalBucket b, long deadline) {
    if (b.tryTake() >= 0) {
      return ADMITTED;
    }
    long now = nanoClock.getAsLong();
    if (now - deadline < 0 && now - b.blockedUntil >= 0 && !b.failedOpen && !b.scarce) {
      return ask(b).thenCompose(ignored -> afterWait(b, deadline));
    }
    return CompletableFuture.completedStage(lastWord(b, now));
  }

  private Admission lastWord(LocalBucket b, long now) {
    if (now - b.blockedUntil < 0) {
      return Admission.rejected(millisCeil(b.blockedUntil - now));
    }
    if (b.failedOpen || !b.scarce) {
      // Not scarce: the owner had tokens, but its grants went to requests that came meanwhile until this one's wait
      // was over (a node busy, e.g. with a burst of new connections, answers late). Decided here as when the owner
      // is silent, with the same bound, rather than refused while the bucket holds tokens.
      return b.takeLocally(now, nodes.getAsInt());
    }
    // The owner's grant fell short and went to the requests that waited with this one: about one token's time.
    double rate = b.limit.rate();
    return Admission.rejected(rate > 0 ? Math.max(1, (long) Math.ceil(1000 / rate)) : 1000);
  }

  /** Asks the owner for a lease unless an ask is in flight; the future completes once the answer is applied. */
  private CompletableFuture<Void> ask(LocalBucket b) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    while (true) {
      CompletableFuture<Void> current = b.inFlight.get();
      if (current != null) {
        return current;
      }
      if (b.inFlight.compareAndSet(null, mine)) {
        break;
      }
    }
    // Only the winner of the compare-and-set gets here: the fields below have one writer at a time.
    long calls = b.calls.sum();
    long waiting = b.waiting.get();
    long demand = calls - b.callsAtLastAsk;
    b.callsAtLastAsk = calls;
    b.lastAskAt = nanoClock.getAsLong();
    Limit limit = b.limit;
    try {
      PekkoFutures.plain(AskPattern.<Command, Reply>ask(
              b.owner,
              replyTo -> new ThrottleBucket.Acquire(node, limit, demand, waiting, replyTo),
              maxWait,
              system.scheduler()))
          .whenComplete((reply, error) -> answered(b, reply, error, mine));
    } catch (RuntimeException e) { // e.g. sharding not initialized for ThrottleBucket: never fail the request
      answered(b, null, e, mine);
    }
    return mine;
  }

  /** Applies the owner's answer (or its absence) to the lease, then lets the waiting requests go on. */
  private void answered(LocalBucket b, Reply reply, Throwable error, CompletableFuture<Void> asked) {
    long now = nanoClock.getAsLong();
    if (reply instanceof Granted granted) {
      b.granted(granted.tokens(), granted.scarce(), now, leaseNanos, lowWater);
    } else if (reply instanceof Refused refused) {
      b.refused(refused.retryAfterMillis(), now);
    } else if (!b.failedOpen) {
      system.log().warn("Throttle bucket owner did not answer within {} ({}); failing open with a local bucket "
          + "until it does", maxWait, error == null ? "no reply" : error.toString());
      b.failOpen(now, nodes.getAsInt());
    }
    b.inFlight.set(null);
    asked.complete(null);
  }

  /** Gives the lease's unused tokens back to the owner; they can no longer be taken here. */
  private void returnUnused(LocalBucket b) {
    long unused = b.tokens.getAndSet(0);
    if (unused > 0) {
      b.owner.tell(new ThrottleBucket.Return(node, b.limit, unused));
    }
  }

  /**
   * Returns expired leases' unused tokens and forgets buckets without requests since the previous sweep; runs every
   * lease duration.
   */
  void sweep() {
    long now = nanoClock.getAsLong();
    buckets.forEach((id, b) -> {
      boolean expired = now - b.expiresAt >= 0;
      if (expired) {
        returnUnused(b);
      }
      long calls = b.calls.sum();
      if (calls == b.callsAtLastSweep && expired && b.inFlight.get() == null) {
        buckets.remove(id, b);
      }
      b.callsAtLastSweep = calls;
    });
  }

  /** Buckets this node currently tracks (tests). */
  int trackedBuckets() {
    return buckets.size();
  }

  private static long millisCeil(long nanos) {
    return Math.max(1, (nanos + 999_999) / 1_000_000);
  }

  /** This node's side of one bucket. Times are {@code nanoTime} values, compared by difference. */
  private static final class LocalBucket {
    final RecipientRef<Command> owner;
    /** Lease tokens left; never below 0. */
    final AtomicLong tokens = new AtomicLong();
    /** Requests for this bucket ever (admitted or not); the demand reported to the owner is its increase. */
    final LongAdder calls = new LongAdder();
    final AtomicReference<CompletableFuture<Void>> inFlight = new AtomicReference<>();
    /** Requests waiting for the owner's answer. */
    final AtomicLong waiting = new AtomicLong();
    /** The owner's last grant was cut short by a lack of tokens: requests that find none are rejected at once. */
    volatile boolean scarce;
    volatile Limit limit;
    /** The lease's tokens may be used while {@code now - expiresAt < 0}. */
    volatile long expiresAt;
    /** From then on, the lease is renewed ahead of its expiry. */
    volatile long renewAt;
    volatile long lowWater;
    /** The owner said there are no tokens before this. */
    volatile long blockedUntil;
    /** The owner did not answer the last ask: the local bucket decides until it does. */
    volatile boolean failedOpen;
    /** Written only by the ask in flight. */
    long callsAtLastAsk;
    volatile long lastAskAt;
    /** Written only by the sweeper. */
    long callsAtLastSweep;
    /** The fail-open bucket; created at the first outage, guarded by {@code this}. */
    private TokenBucket local;

    LocalBucket(RecipientRef<Command> owner, Limit limit, long now) {
      this.owner = owner;
      this.limit = limit;
      this.expiresAt = now;
      this.renewAt = now;
      this.blockedUntil = now;
      this.lastAskAt = now - Long.MAX_VALUE / 4;
    }

    /** Takes one lease token; the tokens left, or -1 if there was none. */
    long tryTake() {
      return LeaseTokens.takeOne(tokens);
    }

    void changeLimit(Limit next, long now) {
      limit = next;
      blockedUntil = now; // the owner may have tokens under the new limit: ask it
    }

    void granted(long count, boolean scarce, long now, long leaseNanos, double lowWaterFraction) {
      failedOpen = false;
      this.scarce = scarce;
      blockedUntil = now;
      lowWater = (long) Math.floor(count * lowWaterFraction);
      expiresAt = now + leaseNanos; // before the tokens, so that readers who see them see a valid lease
      renewAt = now + leaseNanos - leaseNanos / 4;
      tokens.addAndGet(count);
    }

    void refused(long retryAfterMillis, long now) {
      failedOpen = false;
      blockedUntil = now + retryAfterMillis * 1_000_000;
    }

    void failOpen(long now, int clusterSize) {
      synchronized (this) {
        if (local == null) {
          local = TokenBucket.full(share(limit, clusterSize), now);
        }
      }
      failedOpen = true;
    }

    /**
     * One token from the fail-open bucket, which applies this node's share of the limit (rate and burst over the
     * cluster's size): when every node fails open at once (e.g. the owner's node is gone or the machine is
     * overloaded), together they still admit about the limit, not the limit once per node.
     */
    synchronized Admission takeLocally(long now, int clusterSize) {
      Limit mine = share(limit, clusterSize);
      if (local == null) {
        local = TokenBucket.full(mine, now);
      }
      local = local.withLimit(mine, now);
      if (local.available(now) >= 1) {
        local = local.take(1, now);
        return Admission.ADMITTED;
      }
      return Admission.rejected(millisCeil(local.nanosUntil(1, now)));
    }

    private static Limit share(Limit limit, int clusterSize) {
      int n = Math.max(1, clusterSize);
      return n == 1 ? limit : new Limit(limit.rate() / n, Math.max(1, limit.burst() / n));
    }
  }
}
