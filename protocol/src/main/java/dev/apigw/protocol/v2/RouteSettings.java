package dev.apigw.protocol.v2;

import dev.apigw.protocol.CborSerializable;
import dev.apigw.protocol.v2.Maps;

/**
 * Per-route (or stage default) settings; null fields are unset.
 *
 * @param dataTraceEnabled whether full messages are logged
 * @param detailedMetricsEnabled whether per-route metrics are on
 * @param loggingLevel ERROR, INFO or OFF
 * @param throttlingBurstLimit >= 0
 * @param throttlingRateLimit >= 0
 */
public record RouteSettings(
    Boolean dataTraceEnabled,
    Boolean detailedMetricsEnabled,
    String loggingLevel,
    Integer throttlingBurstLimit,
    Double throttlingRateLimit)
    implements CborSerializable {

  /** No setting set. */
  public static RouteSettings none() {
    return new RouteSettings(null, null, null, null, null);
  }

  /** These settings with the set fields of {@code changes}. */
  public RouteSettings withChanges(RouteSettings changes) {
    return new RouteSettings(
        Maps.pick(changes.dataTraceEnabled(), dataTraceEnabled),
        Maps.pick(changes.detailedMetricsEnabled(), detailedMetricsEnabled),
        Maps.pick(changes.loggingLevel(), loggingLevel),
        Maps.pick(changes.throttlingBurstLimit(), throttlingBurstLimit),
        Maps.pick(changes.throttlingRateLimit(), throttlingRateLimit));
  }
}
