package dev.apigw.node.dataplane.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.apigw.persistence.keys.UsageCounter;
import dev.apigw.protocol.keys.QuotaSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Leases against real {@link UsageCounter} entities on the in-memory journal. */
class QuotaLeasesTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseString("pekko.actor.provider = local")
              .withFallback(PersistenceTestKitPlugin.getInstance().config())
              .withFallback(PersistenceTestKitSnapshotPlugin.getInstance().config())
              .withFallback(ConfigFactory.load()));
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static int plans;

  private final Map<String, ActorRef<UsageCounter.Command>> counters = new ConcurrentHashMap<>();
  private final List<QuotaLeases> opened = new ArrayList<>();
  private final String plan = String.format("plan%06d", ++plans);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @AfterEach
  void closeLeases() {
    opened.forEach(QuotaLeases::close);
  }

  private RecipientRef<UsageCounter.Command> counter(String entityId) {
    return counters.computeIfAbsent(entityId, id -> testKit.spawn(UsageCounter.create(id)));
  }

  private QuotaLeases leases(QuotaLeaseSettings settings, Clock clock) {
    return leases(settings, clock, () -> true);
  }

  private QuotaLeases leases(QuotaLeaseSettings settings, Clock clock, BooleanSupplier journalAvailable) {
    var leases = new QuotaLeases(testKit.system(), settings, this::counter, clock, journalAvailable);
    opened.add(leases);
    return leases;
  }

  private static QuotaLeaseSettings settings(Duration lease, Duration recheck) {
    return new QuotaLeaseSettings(TIMEOUT, lease, 1000, recheck, Duration.ofMillis(20));
  }

  private UsageCounter.DailyUsage usage(String keyId, LocalDate day, QuotaSettings quota) throws Exception {
    UsageCounter.UsageReport report =
        AskPattern.<UsageCounter.Command, UsageCounter.UsageReport>askWithStatus(
                counter(UsageCounter.entityId(plan, keyId)),
                r -> new UsageCounter.GetUsage(day, day, quota, r),
                TIMEOUT,
                testKit.system().scheduler())
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    return report.days().get(0);
  }

  private static QuotaDecision decide(QuotaLeases leases, String plan, String key, QuotaSettings quota) throws Exception {
    return leases.consume(plan, key, quota).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  @Test
  void admitsUpToTheQuotaThenRejects() throws Exception {
    var quota = new QuotaSettings(10, 0, "DAY");
    var leases = leases(settings(Duration.ofSeconds(1), Duration.ofSeconds(1)), Clock.systemUTC());
    int allowed = 0;
    for (int i = 0; i < 15; i++) {
      QuotaDecision decision = decide(leases, plan, "key0000001", quota);
      if (decision.allowed()) {
        allowed++;
        assertThat(decision).isSameAs(QuotaDecision.ALLOWED);
      } else {
        assertThat(decision).isEqualTo(QuotaDecision.EXHAUSTED);
      }
    }
    assertThat(allowed).isEqualTo(10);
    assertThat(usage("key0000001", today(), quota)).isEqualTo(new UsageCounter.DailyUsage(today(), 10, 0));
  }

  @Test
  void concurrentRequestsOnTwoNodesNeverExceedTheQuota() throws Exception {
    var quota = new QuotaSettings(500, 0, "DAY");
    var settings = settings(Duration.ofSeconds(1), Duration.ofSeconds(1));
    List<QuotaLeases> nodes = List.of(leases(settings, Clock.systemUTC()), leases(settings, Clock.systemUTC()));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<QuotaDecision>> decisions = new ArrayList<>();
      for (int i = 0; i < 800; i++) {
        QuotaLeases node = nodes.get(i % 2);
        decisions.add(CompletableFuture.supplyAsync(() -> node.consume(plan, "key0000002", quota), pool)
            .thenCompose(stage -> stage));
      }
      long allowed = 0;
      for (var d : decisions) {
        if (d.get(10, TimeUnit.SECONDS).allowed()) {
          allowed++;
        }
      }
      assertThat(allowed).isEqualTo(500);
    } finally {
      pool.shutdownNow();
    }
    assertThat(usage("key0000002", today(), quota).used()).isEqualTo(500);
  }

  @Test
  void countsWithoutAQuotaInBatchesAndReleasesUnusedTokens() throws Exception {
    var leases = leases(settings(Duration.ofMillis(300), Duration.ofSeconds(1)), Clock.systemUTC());
    for (int i = 0; i < 300; i++) {
      assertThat(decide(leases, plan, "key0000003", null)).isSameAs(QuotaDecision.ALLOWED);
    }
    // Batches grew with the rate: far fewer reservations than requests.
    String pid = "UsageCounter|" + UsageCounter.entityId(plan, "key0000003");
    long reservations =
        PersistenceTestKit.create(testKit.system()).persistedInStorage(pid).stream()
            .filter(e -> e instanceof UsageCounter.Counted)
            .count();
    assertThat(reservations).isLessThan(150);
    assertThat(usage("key0000003", today(), null).used()).isGreaterThanOrEqualTo(300);
    // The unused tail of the last lease goes back once it expires.
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (usage("key0000003", today(), null).used() != 300 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(usage("key0000003", today(), null).used()).isEqualTo(300);
    assertThat(leases.leasedTokens(plan, "key0000003")).isZero();
  }

  @Test
  void closeReleasesLeases() throws Exception {
    var leases = leases(settings(Duration.ofMinutes(1), Duration.ofSeconds(1)), Clock.systemUTC());
    for (int i = 0; i < 100; i++) {
      decide(leases, plan, "key0000004", null);
    }
    leases.close().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(usage("key0000004", today(), null).used()).isEqualTo(100);
  }

  @Test
  void aRaisedQuotaIsSeenAfterTheRecheckAndANewPeriodStartsFull() throws Exception {
    var quota = new QuotaSettings(2, 0, "DAY");
    var clock = new MutableClock(Instant.parse("2026-03-10T23:59:59Z"));
    var leases = leases(settings(Duration.ofSeconds(1), Duration.ofMillis(500)), clock);
    assertThat(decide(leases, plan, "key0000005", quota).allowed()).isTrue();
    assertThat(decide(leases, plan, "key0000005", quota).allowed()).isTrue();
    assertThat(decide(leases, plan, "key0000005", quota)).isEqualTo(QuotaDecision.EXHAUSTED);

    AskPattern.<UsageCounter.Command, UsageCounter.UsageReport>askWithStatus(
            counter(UsageCounter.entityId(plan, "key0000005")),
            r -> new UsageCounter.SetRemaining(1, quota, clock.instant(), r),
            TIMEOUT,
            testKit.system().scheduler())
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    // Still rejected from the node's cache until the recheck...
    assertThat(decide(leases, plan, "key0000005", quota).allowed()).isFalse();
    clock.advance(Duration.ofMillis(500));
    // ...then the raised quota is used.
    assertThat(decide(leases, plan, "key0000005", quota).allowed()).isTrue();
    assertThat(decide(leases, plan, "key0000005", quota).allowed()).isFalse();

    clock.advance(Duration.ofMillis(500)); // 00:00:00 UTC: a new period
    assertThat(decide(leases, plan, "key0000005", quota).allowed()).isTrue();
    assertThat(usage("key0000005", LocalDate.of(2026, 3, 10), quota)).isEqualTo(new UsageCounter.DailyUsage(LocalDate.of(2026, 3, 10), 3, 0));
    // The node may hold more of the new day than it used (its lease) until it gives the rest back.
    leases.close().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(usage("key0000005", LocalDate.of(2026, 3, 11), quota)).isEqualTo(new UsageCounter.DailyUsage(LocalDate.of(2026, 3, 11), 1, 1));
  }

  @Test
  void whileTheJournalIsUnavailableAnEmptyLeaseFailsAtOnceAndALeaseWithTokensStillServes() throws Exception {
    var journal = new AtomicBoolean(true);
    var leases = leases(settings(Duration.ofMinutes(1), Duration.ofSeconds(1)), Clock.systemUTC(), journal::get);
    for (int i = 0; i < 100 && leases.leasedTokens(plan, "key0000006") < 2; i++) {
      assertThat(decide(leases, plan, "key0000006", null)).isSameAs(QuotaDecision.ALLOWED);
    }
    assertThat(leases.leasedTokens(plan, "key0000006")).isGreaterThanOrEqualTo(2);
    journal.set(false);
    assertThat(decide(leases, plan, "key0000006", null)).isSameAs(QuotaDecision.ALLOWED);

    long started = System.nanoTime();
    var empty = leases.consume(plan, "key0000007", null).toCompletableFuture();
    assertThatThrownBy(() -> empty.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("the journal is unavailable");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(usage("key0000007", today(), null).used()).isZero(); // the counter was not asked

    journal.set(true);
    assertThat(decide(leases, plan, "key0000007", null)).isSameAs(QuotaDecision.ALLOWED);
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private final AtomicLong millis;

    MutableClock(Instant start) {
      millis = new AtomicLong(start.toEpochMilli());
    }

    void advance(Duration d) {
      millis.addAndGet(d.toMillis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }
  }
}
