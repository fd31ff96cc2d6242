package dev.apigw.protocol.keys;

import dev.apigw.protocol.CborSerializable;

/**
 * At most {@code limit} requests per {@code period}; {@code offset} shifts the period's start
 * (days for WEEK, days for MONTH, must be 0 for DAY).
 *
 * @param period {@code DAY}, {@code WEEK} or {@code MONTH}
 */
public record QuotaSettings(int limit, int offset, String period) implements CborSerializable {

  public QuotaSettings withLimit(int limit) {
    return new QuotaSettings(limit, offset, period);
  }

  public QuotaSettings withOffset(int offset) {
    return new QuotaSettings(limit, offset, period);
  }

  public QuotaSettings withPeriod(String period) {
    return new QuotaSettings(limit, offset, period);
  }
}
