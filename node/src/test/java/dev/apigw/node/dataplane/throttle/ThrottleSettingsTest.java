package dev.apigw.node.dataplane.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThrottleSettingsTest {

  @Test
  void baseLayerHasAwsAccountDefaults() {
    var config = ConfigFactory.parseResources("gateway/base.conf").resolve();
    var settings = ThrottleSettings.from(config);
    assertThat(settings.account()).isEqualTo(new Limit(10000, 5000));
    assertThat(settings.leaseDuration()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.maxWait()).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.lowWater()).isEqualTo(0.25);
    assertThat(settings.rateLimitHeaders()).isTrue();
  }

  @Test
  void badValuesSayWhatWasExpected() {
    var base = ConfigFactory.parseResources("gateway/base.conf");
    assertThatThrownBy(() -> ThrottleSettings.from(
            ConfigFactory.parseMap(Map.of("gateway.throttle.account.burst", -1)).withFallback(base).resolve()))
        .hasMessage("burst: -1 (expected: >= 0)");
    assertThatThrownBy(() -> ThrottleSettings.from(
            ConfigFactory.parseMap(Map.of("gateway.throttle.low-water", 1.5)).withFallback(base).resolve()))
        .hasMessage("gateway.throttle.low-water: 1.5 (expected: >= 0 and < 1)");
    assertThatThrownBy(() -> new Limit(-0.5, 1)).hasMessage("rate: -0.5 (expected: finite and >= 0)");
    assertThatThrownBy(() -> Admission.rejected(-1)).hasMessage("retryAfterMillis: -1 (expected: >= 0)");
  }
}
