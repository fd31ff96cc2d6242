package dev.apigw.node.controlplane.common;

import dev.apigw.protocol.errors.BadRequestException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Instants a caller gives in a query or body (history, rollback). */
public final class Instants {
  private Instants() {}

  /** Parses an ISO-8601 instant, or 400. */
  public static Instant parse(String raw) {
    try {
      return Instant.parse(raw);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new BadRequestException("Invalid instant: " + raw + " (expected ISO-8601, e.g. 2026-11-21T14:02:00Z)");
    }
  }
}
