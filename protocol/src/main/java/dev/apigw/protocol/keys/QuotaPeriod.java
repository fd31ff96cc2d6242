package dev.apigw.protocol.keys;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * One quota period of a usage plan: {@code [start, end)} on UTC day boundaries.
 *
 * <p>AWS's {@code offset} picks the day a period starts (the SDK model's words: "with a time
 * period of WEEK, an offset of 0 starts on Sunday, and an offset of 1 starts on Monday"); it must
 * be 0 for DAY, 0..6 for WEEK (days after Sunday) and 0..27 for MONTH (days after the 1st, so
 * every month has the start day). AWS's newer API reference describes offset as "the number of
 * requests subtracted from the given limit in the initial time period"; the accepted ranges
 * (0, 0..6, 0..27) only make sense for the start-day meaning, which is the one implemented here.
 *
 * @param start the first instant of the period (00:00 UTC of its first day), inclusive
 * @param end the first instant of the next period, exclusive
 */
public record QuotaPeriod(Instant start, Instant end) {
  /** The period names AWS accepts. */
  public static final String DAY = "DAY";

  public static final String WEEK = "WEEK";
  public static final String MONTH = "MONTH";

  public QuotaPeriod {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end: " + end + " (expected: after start " + start + ")");
    }
  }

  /**
   * The period of {@code quota} that contains {@code now}.
   *
   * @throws IllegalArgumentException if the quota is invalid (see {@link #check})
   */
  public static QuotaPeriod of(QuotaSettings quota, Instant now) {
    check(quota);
    Objects.requireNonNull(now, "now");
    LocalDate today = day(now);
    LocalDate first;
    LocalDate next;
    switch (quota.period()) {
      case DAY -> {
        first = today;
        next = today.plusDays(1);
      }
      case WEEK -> {
        DayOfWeek startDay = DayOfWeek.SUNDAY.plus(quota.offset());
        first = today.with(TemporalAdjusters.previousOrSame(startDay));
        next = first.plusWeeks(1);
      }
      default -> {
        // offset <= 27: day offset+1 exists in every month, February included.
        int startDayOfMonth = quota.offset() + 1;
        first = today.getDayOfMonth() >= startDayOfMonth
            ? today.withDayOfMonth(startDayOfMonth)
            : today.minusMonths(1).withDayOfMonth(startDayOfMonth);
        next = first.plusMonths(1);
      }
    }
    return new QuotaPeriod(startOf(first), startOf(next));
  }

  /** The UTC day of {@code instant}: usage is counted per UTC day, as AWS reports it. */
  public static LocalDate day(Instant instant) {
    return LocalDate.ofInstant(Objects.requireNonNull(instant, "instant"), ZoneOffset.UTC);
  }

  /** 00:00 UTC of {@code day}. */
  public static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * Checks a quota the way AWS does: limit {@code >= 0}, period DAY, WEEK or MONTH, offset in the
   * period's range.
   *
   * @throws IllegalArgumentException naming the field and what was expected
   */
  public static QuotaSettings check(QuotaSettings quota) {
    Objects.requireNonNull(quota, "quota");
    if (quota.limit() < 0) {
      throw new IllegalArgumentException("quota.limit: " + quota.limit() + " (expected: >= 0)");
    }
    int maxOffset;
    if (DAY.equals(quota.period())) {
      maxOffset = 0;
    } else if (WEEK.equals(quota.period())) {
      maxOffset = 6;
    } else if (MONTH.equals(quota.period())) {
      maxOffset = 27;
    } else {
      throw new IllegalArgumentException("quota.period: " + quota.period() + " (expected: DAY, WEEK or MONTH)");
    }
    if (quota.offset() < 0 || quota.offset() > maxOffset) {
      throw new IllegalArgumentException(
          "quota.offset: " + quota.offset() + " (expected: 0 to " + maxOffset + " for period " + quota.period() + ")");
    }
    return quota;
  }

  /** Whether {@code instant} lies in this period. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /** The period's first UTC day. */
  public LocalDate firstDay() {
    return day(start);
  }

  /** The period's last UTC day (the day before {@link #end}). */
  public LocalDate lastDay() {
    return day(end).minusDays(1);
  }
}
