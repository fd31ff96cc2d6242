package dev.apigw.persistence.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.persistence.keys.UsageCounter.DailyUsage;
import dev.apigw.persistence.keys.UsageCounter.Reserved;
import dev.apigw.persistence.keys.UsageCounter.UsageReport;
import dev.apigw.persistence.testing.EntityTestKits;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.keys.QuotaSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UsageCounterTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());
  // A Tuesday; the WEEK quota below starts on Sundays (offset 0).
  private static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
  private static final QuotaSettings DAILY = new QuotaSettings(10, 0, "DAY");
  private static final QuotaSettings WEEKLY = new QuotaSettings(100, 0, "WEEK");

  private EventSourcedBehaviorTestKit<UsageCounter.Command, UsageCounter.Event, UsageCounter.State> kit;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void fresh() {
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), UsageCounter.create(UsageCounter.entityId("plan000001", "key0000001")));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<UsageCounter.Command, UsageCounter.Event, UsageCounter.State, StatusReply<Reserved>>
      reserve(int requested, QuotaSettings quota, Instant now) {
    return kit.runCommand(r -> new UsageCounter.Reserve(requested, quota, now, r));
  }

  private Reserved granted(int requested, QuotaSettings quota, Instant now) {
    return reserve(requested, quota, now).reply().getValue();
  }

  private StatusReply<Done> release(int unused, Instant reservedAt) {
    return kit.<StatusReply<Done>>runCommand(r -> new UsageCounter.Release(unused, reservedAt, r)).reply();
  }

  private StatusReply<UsageReport> usage(LocalDate start, LocalDate end, QuotaSettings quota) {
    return kit.<StatusReply<UsageReport>>runCommand(r -> new UsageCounter.GetUsage(start, end, quota, r)).reply();
  }

  private StatusReply<UsageReport> setRemaining(long remaining, QuotaSettings quota, Instant now) {
    return kit.<StatusReply<UsageReport>>runCommand(r -> new UsageCounter.SetRemaining(remaining, quota, now, r)).reply();
  }

  @Test
  void entityIdJoinsPlanAndKey() {
    assertThat(UsageCounter.entityId("plan000001", "key0000001")).isEqualTo("plan000001:key0000001");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> UsageCounter.entityId("a:b", "c"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: no ':'");
  }

  @Test
  void emptyStateAnswersEveryCommand() {
    assertThat(kit.getState()).isEqualTo(UsageCounter.Counts.empty());
    assertThat(usage(TODAY, TODAY, DAILY).getValue().days()).containsExactly(new DailyUsage(TODAY, 0, 10));
    var released = kit.<StatusReply<Done>>runCommand(r -> new UsageCounter.Release(5, NOW, r));
    assertThat(released.reply().isSuccess()).isTrue();
    assertThat(released.hasNoEvents()).as("nothing to give back").isTrue();
    var set = kit.<StatusReply<UsageReport>>runCommand(r -> new UsageCounter.SetRemaining(4, DAILY, NOW, r));
    assertThat(set.event()).isEqualTo(new UsageCounter.RemainingSet(TODAY, -6));
    assertThat(set.reply().getValue().days()).containsExactly(new DailyUsage(TODAY, 0, 4));
    fresh();
    var reserved = reserve(3, DAILY, NOW);
    assertThat(reserved.event()).isEqualTo(new UsageCounter.Counted(TODAY, 3));
    assertThat(reserved.reply().getValue()).isEqualTo(new Reserved(3, 7, Instant.parse("2026-03-11T00:00:00Z")));
  }

  @Test
  void grantsUpToTheQuotaThenNothing() {
    assertThat(granted(4, DAILY, NOW)).isEqualTo(new Reserved(4, 6, Instant.parse("2026-03-11T00:00:00Z")));
    assertThat(granted(5, DAILY, NOW.plusSeconds(60))).isEqualTo(new Reserved(5, 1, Instant.parse("2026-03-11T00:00:00Z")));
    assertThat(granted(5, DAILY, NOW.plusSeconds(120))).as("only what is left").isEqualTo(new Reserved(1, 0, Instant.parse("2026-03-11T00:00:00Z")));
    var exhausted = reserve(1, DAILY, NOW.plusSeconds(180));
    assertThat(exhausted.reply().getValue()).isEqualTo(new Reserved(0, 0, Instant.parse("2026-03-11T00:00:00Z")));
    assertThat(exhausted.hasNoEvents()).isTrue();
    assertThat(usage(TODAY, TODAY, DAILY).getValue().days()).containsExactly(new DailyUsage(TODAY, 10, 0));
  }

  @Test
  void withoutAQuotaEveryRequestIsGrantedAndCounted() {
    assertThat(granted(50, null, NOW)).isEqualTo(new Reserved(50, UsageCounter.UNLIMITED, Instant.parse("2026-03-11T00:00:00Z")));
    assertThat(granted(50, null, NOW)).isEqualTo(new Reserved(50, UsageCounter.UNLIMITED, Instant.parse("2026-03-11T00:00:00Z")));
    assertThat(usage(TODAY, TODAY, null).getValue().days()).containsExactly(new DailyUsage(TODAY, 100, 0));
  }

  @Test
  void aNewPeriodStartsWithTheFullLimit() {
    granted(10, DAILY, NOW);
    assertThat(granted(1, DAILY, NOW).granted()).isZero();
    Instant tomorrow = Instant.parse("2026-03-11T00:00:00Z");
    assertThat(granted(3, DAILY, tomorrow)).isEqualTo(new Reserved(3, 7, Instant.parse("2026-03-12T00:00:00Z")));
    assertThat(usage(TODAY, TODAY.plusDays(1), DAILY).getValue().days())
        .containsExactly(new DailyUsage(TODAY, 10, 0), new DailyUsage(TODAY.plusDays(1), 3, 7));
  }

  @Test
  void weeklyRemainingAccumulatesOverTheDaysOfThePeriod() {
    Instant monday = Instant.parse("2026-03-09T08:00:00Z");
    granted(30, WEEKLY, monday);
    granted(20, WEEKLY, NOW);
    // The next Sunday starts a new week.
    granted(5, WEEKLY, Instant.parse("2026-03-15T01:00:00Z"));
    assertThat(usage(LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 15), WEEKLY).getValue().days())
        .containsExactly(
            new DailyUsage(LocalDate.of(2026, 3, 8), 0, 100),
            new DailyUsage(LocalDate.of(2026, 3, 9), 30, 70),
            new DailyUsage(LocalDate.of(2026, 3, 10), 20, 50),
            new DailyUsage(LocalDate.of(2026, 3, 11), 0, 50),
            new DailyUsage(LocalDate.of(2026, 3, 12), 0, 50),
            new DailyUsage(LocalDate.of(2026, 3, 13), 0, 50),
            new DailyUsage(LocalDate.of(2026, 3, 14), 0, 50),
            new DailyUsage(LocalDate.of(2026, 3, 15), 5, 95));
  }

  @Test
  void releaseGivesUnusedTokensBackToTheDayThatCountedThem() {
    Instant beforeMidnight = Instant.parse("2026-03-10T23:59:59Z");
    granted(8, DAILY, beforeMidnight);
    granted(2, DAILY, Instant.parse("2026-03-11T00:00:01Z"));
    var released = kit.<StatusReply<Done>>runCommand(r -> new UsageCounter.Release(5, beforeMidnight, r));
    assertThat(released.event()).isEqualTo(new UsageCounter.Released(TODAY, 5));
    assertThat(usage(TODAY, TODAY.plusDays(1), DAILY).getValue().days())
        .containsExactly(new DailyUsage(TODAY, 3, 7), new DailyUsage(TODAY.plusDays(1), 2, 8));
    // Never below 0: only what was counted comes back.
    var tooMuch = kit.<StatusReply<Done>>runCommand(r -> new UsageCounter.Release(50, beforeMidnight, r));
    assertThat(tooMuch.event()).isEqualTo(new UsageCounter.Released(TODAY, 3));
    assertThat(usage(TODAY, TODAY, DAILY).getValue().days()).containsExactly(new DailyUsage(TODAY, 0, 10));
    assertThat(granted(10, DAILY, NOW).granted()).as("released tokens are grantable again").isEqualTo(10);
    assertThat(release(0, NOW).isSuccess()).isTrue();
  }

  @Test
  void setRemainingAdjustsOnlyTheCurrentPeriod() {
    granted(6, DAILY, NOW);
    var set = setRemaining(20, DAILY, NOW.plusSeconds(1));
    assertThat(set.getValue().days()).containsExactly(new DailyUsage(TODAY, 6, 20));
    assertThat(granted(25, DAILY, NOW.plusSeconds(2))).isEqualTo(new Reserved(20, 0, Instant.parse("2026-03-11T00:00:00Z")));
    assertThat(setRemaining(0, DAILY, NOW.plusSeconds(3)).getValue().days()).containsExactly(new DailyUsage(TODAY, 26, 0));
    assertThat(granted(1, DAILY, NOW.plusSeconds(4)).granted()).isZero();
    setRemaining(2, DAILY, NOW.plusSeconds(5));
    assertThat(granted(5, DAILY, NOW.plusSeconds(6)).granted()).isEqualTo(2);
    // Tomorrow is a new period: the adjustment does not carry over.
    assertThat(granted(50, DAILY, Instant.parse("2026-03-11T09:00:00Z")).granted()).isEqualTo(10);
  }

  @Test
  void refusesInvalidInput() {
    assertThat(reserve(0, DAILY, NOW).reply().getError()).isInstanceOf(BadRequestException.class)
        .hasMessage("requested: 0 (expected: >= 1)");
    assertThat(reserve(1, new QuotaSettings(1, 0, "YEAR"), NOW).reply().getError()).isInstanceOf(BadRequestException.class)
        .hasMessageContaining("quota.period: YEAR");
    assertThat(release(-1, NOW).getError()).isInstanceOf(BadRequestException.class).hasMessage("unused: -1 (expected: >= 0)");
    assertThat(setRemaining(-1, DAILY, NOW).getError()).isInstanceOf(BadRequestException.class)
        .hasMessage("remaining: -1 (expected: >= 0)");
    assertThat(setRemaining(5, null, NOW).getError()).isInstanceOf(BadRequestException.class).hasMessageContaining("no quota");
    assertThat(setRemaining(5, new QuotaSettings(5, 9, "WEEK"), NOW).getError()).isInstanceOf(BadRequestException.class)
        .hasMessageContaining("quota.offset: 9");
    assertThat(usage(TODAY, TODAY.minusDays(1), DAILY).getError()).isInstanceOf(BadRequestException.class)
        .hasMessageContaining("expected: start <= end");
    assertThat(usage(TODAY, TODAY.plusDays(400), DAILY).getError()).isInstanceOf(BadRequestException.class)
        .hasMessageContaining("at most 366 days");
    assertThat(usage(TODAY, TODAY, new QuotaSettings(-1, 0, "DAY")).getError()).isInstanceOf(BadRequestException.class)
        .hasMessageContaining("quota.limit: -1");
    assertThat(kit.getState()).isEqualTo(UsageCounter.Counts.empty());
  }

  @Test
  void recoveryKeepsCountsAndAdjustments() {
    granted(4, DAILY, NOW);
    granted(2, DAILY, Instant.parse("2026-03-09T10:00:00Z"));
    release(1, NOW);
    setRemaining(9, DAILY, NOW);
    var before = kit.getState();
    kit.restart();
    assertThat(kit.getState()).isEqualTo(before);
    assertThat(usage(TODAY.minusDays(1), TODAY, DAILY).getValue().days())
        .containsExactly(new DailyUsage(TODAY.minusDays(1), 2, 8), new DailyUsage(TODAY, 3, 9));
  }

  @Test
  void snapshotsAndOldDaysAreBounded() {
    // More events than a snapshot interval, across more days than are kept.
    Instant start = Instant.parse("2025-10-01T12:00:00Z");
    for (int d = 0; d < 150; d++) {
      granted(1, null, start.plus(java.time.Duration.ofDays(d)));
    }
    var counts = (UsageCounter.Counts) kit.getState();
    LocalDate newest = LocalDate.of(2025, 10, 1).plusDays(149);
    assertThat(counts.used().lastKey()).isEqualTo(newest);
    assertThat(counts.used().firstKey()).isEqualTo(newest.minusDays(UsageCounter.RETENTION_DAYS));
    assertThat(counts.used()).hasSize(UsageCounter.RETENTION_DAYS + 1);
    kit.restart();
    assertThat(kit.getState()).isEqualTo(counts);
    assertThat(usage(newest, newest, null).getValue().days()).containsExactly(new DailyUsage(newest, 1, 0));
  }
}
