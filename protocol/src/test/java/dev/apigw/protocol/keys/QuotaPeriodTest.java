package dev.apigw.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class QuotaPeriodTest {

  private static QuotaPeriod period(String period, int offset, String now) {
    return QuotaPeriod.of(new QuotaSettings(100, offset, period), Instant.parse(now));
  }

  private static QuotaPeriod expected(String start, String end) {
    return new QuotaPeriod(Instant.parse(start), Instant.parse(end));
  }

  @Test
  void dayIsTheUtcDay() {
    assertThat(period("DAY", 0, "2026-03-10T13:45:00Z")).isEqualTo(expected("2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z"));
    assertThat(period("DAY", 0, "2026-03-10T00:00:00Z")).isEqualTo(expected("2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z"));
    assertThat(period("DAY", 0, "2026-03-10T23:59:59.999Z")).isEqualTo(expected("2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z"));
    assertThat(period("DAY", 0, "2026-12-31T23:00:00Z")).isEqualTo(expected("2026-12-31T00:00:00Z", "2027-01-01T00:00:00Z"));
  }

  @Test
  void weekStartsOnSundayPlusOffset() {
    // 2026-03-10 is a Tuesday.
    assertThat(period("WEEK", 0, "2026-03-10T12:00:00Z")).isEqualTo(expected("2026-03-08T00:00:00Z", "2026-03-15T00:00:00Z"));
    assertThat(period("WEEK", 1, "2026-03-10T12:00:00Z")).isEqualTo(expected("2026-03-09T00:00:00Z", "2026-03-16T00:00:00Z"));
    assertThat(period("WEEK", 2, "2026-03-10T12:00:00Z")).isEqualTo(expected("2026-03-10T00:00:00Z", "2026-03-17T00:00:00Z"));
    assertThat(period("WEEK", 3, "2026-03-10T12:00:00Z")).isEqualTo(expected("2026-03-04T00:00:00Z", "2026-03-11T00:00:00Z"));
    assertThat(period("WEEK", 6, "2026-03-10T12:00:00Z")).isEqualTo(expected("2026-03-07T00:00:00Z", "2026-03-14T00:00:00Z"));
    // Boundaries: the last instant of Saturday is still in the Sunday week, Sunday 00:00 starts the next.
    assertThat(period("WEEK", 0, "2026-03-14T23:59:59.999Z")).isEqualTo(expected("2026-03-08T00:00:00Z", "2026-03-15T00:00:00Z"));
    assertThat(period("WEEK", 0, "2026-03-15T00:00:00Z")).isEqualTo(expected("2026-03-15T00:00:00Z", "2026-03-22T00:00:00Z"));
  }

  @Test
  void monthStartsOnDayOffsetPlusOne() {
    assertThat(period("MONTH", 0, "2026-03-10T12:00:00Z")).isEqualTo(expected("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"));
    assertThat(period("MONTH", 9, "2026-03-10T00:00:00Z")).isEqualTo(expected("2026-03-10T00:00:00Z", "2026-04-10T00:00:00Z"));
    assertThat(period("MONTH", 9, "2026-03-09T23:59:59Z")).isEqualTo(expected("2026-02-10T00:00:00Z", "2026-03-10T00:00:00Z"));
    // Month lengths: February (28 days in 2026, 29 in 2028), across the year end.
    assertThat(period("MONTH", 27, "2026-03-01T00:00:00Z")).isEqualTo(expected("2026-02-28T00:00:00Z", "2026-03-28T00:00:00Z"));
    assertThat(period("MONTH", 27, "2028-02-29T10:00:00Z")).isEqualTo(expected("2028-02-28T00:00:00Z", "2028-03-28T00:00:00Z"));
    assertThat(period("MONTH", 0, "2028-02-29T10:00:00Z")).isEqualTo(expected("2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z"));
    assertThat(period("MONTH", 14, "2027-01-03T10:00:00Z")).isEqualTo(expected("2026-12-15T00:00:00Z", "2027-01-15T00:00:00Z"));
    assertThat(period("MONTH", 0, "2026-01-31T23:59:59Z")).isEqualTo(expected("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"));
  }

  @Test
  void daysAndContainment() {
    assertThat(QuotaPeriod.day(Instant.parse("2026-03-10T23:59:59.999Z"))).isEqualTo(LocalDate.of(2026, 3, 10));
    assertThat(QuotaPeriod.day(Instant.parse("2026-03-11T00:00:00Z"))).isEqualTo(LocalDate.of(2026, 3, 11));
    QuotaPeriod week = period("WEEK", 0, "2026-03-10T12:00:00Z");
    assertThat(week.firstDay()).isEqualTo(LocalDate.of(2026, 3, 8));
    assertThat(week.lastDay()).isEqualTo(LocalDate.of(2026, 3, 14));
    assertThat(week.contains(Instant.parse("2026-03-08T00:00:00Z"))).isTrue();
    assertThat(week.contains(Instant.parse("2026-03-15T00:00:00Z"))).isFalse();
    assertThat(week.contains(Instant.parse("2026-03-07T23:59:59Z"))).isFalse();
  }

  @Test
  void invalidInputSaysWhatWasExpected() {
    Instant now = Instant.parse("2026-03-10T12:00:00Z");
    assertThatThrownBy(() -> QuotaPeriod.of(new QuotaSettings(10, 0, "YEAR"), now))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("quota.period: YEAR (expected: DAY, WEEK or MONTH)");
    assertThatThrownBy(() -> QuotaPeriod.of(new QuotaSettings(10, 0, null), now))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quota.period: null");
    assertThatThrownBy(() -> QuotaPeriod.of(new QuotaSettings(-1, 0, "DAY"), now))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("quota.limit: -1 (expected: >= 0)");
    assertThatThrownBy(() -> QuotaPeriod.of(new QuotaSettings(10, 1, "DAY"), now))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("quota.offset: 1 (expected: 0 to 0 for period DAY)");
    assertThatThrownBy(() -> QuotaPeriod.of(new QuotaSettings(10, 7, "WEEK"), now))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("quota.offset: 7 (expected: 0 to 6 for period WEEK)");
    assertThatThrownBy(() -> QuotaPeriod.of(new QuotaSettings(10, 28, "MONTH"), now))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("quota.offset: 28 (expected: 0 to 27 for period MONTH)");
    assertThatThrownBy(() -> QuotaPeriod.of(new QuotaSettings(10, -1, "MONTH"), now))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quota.offset: -1");
    assertThatThrownBy(() -> QuotaPeriod.of(null, now)).isInstanceOf(NullPointerException.class).hasMessage("quota");
    assertThatThrownBy(() -> new QuotaPeriod(now, now))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: after start");
  }
}
