package dev.apigw.protocol.keys;

import dev.apigw.protocol.CborSerializable;

/**
 * A token bucket: {@code rateLimit} requests per second on average, bursts up to {@code burstLimit}.
 * Either may be null when not set (AWS then applies the stage's or account's limit).
 */
public record ThrottleSettings(Integer burstLimit, Double rateLimit) implements CborSerializable {

  public ThrottleSettings withBurstLimit(Integer burstLimit) {
    return new ThrottleSettings(burstLimit, rateLimit);
  }

  public ThrottleSettings withRateLimit(Double rateLimit) {
    return new ThrottleSettings(burstLimit, rateLimit);
  }
}
