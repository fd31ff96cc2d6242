package dev.apigw.node.controlplane.keys;

import dev.apigw.protocol.errors.BadRequestException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A checked {@code GetUsage} date range: both dates required, {@code yyyy-MM-dd}, start not after end.
 *
 * @param startDate first day, inclusive
 * @param endDate last day, inclusive
 */
public record UsageQuery(LocalDate startDate, LocalDate endDate) {
  /** Bounds one response's size (a pair per key per day); AWS keeps usage for a limited time too. */
  static final int MAX_DAYS = 366;

  /** Reads and checks the query parameters; every problem is a 400. */
  public static UsageQuery parse(String startDate, String endDate) {
    LocalDate start = date("startDate", startDate);
    LocalDate end = date("endDate", endDate);
    if (end.isBefore(start)) {
      throw new BadRequestException("The end date must not be before the start date: " + startDate + " > " + endDate);
    }
    if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
      throw new BadRequestException("The date range must not exceed " + MAX_DAYS + " days");
    }
    return new UsageQuery(start, end);
  }

  /** How many days the range covers. */
  public int days() {
    return (int) ChronoUnit.DAYS.between(startDate, endDate) + 1;
  }

  private static LocalDate date(String name, String raw) {
    if (raw == null || raw.isEmpty()) {
      throw new BadRequestException(name + " is required (expected: yyyy-MM-dd)");
    }
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw new BadRequestException("Invalid " + name + ": " + raw + " (expected: yyyy-MM-dd)");
    }
  }
}
