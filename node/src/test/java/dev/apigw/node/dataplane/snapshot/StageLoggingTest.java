package dev.apigw.node.dataplane.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.protocol.restapi.MethodSetting;
import dev.apigw.protocol.restapi.Stage;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageLoggingTest {
  private static MethodSetting logging(String level, Boolean dataTrace) {
    return new MethodSetting(null, level, dataTrace, null, null, null, null, null, null, null);
  }

  private static StageLogging of(Map<String, MethodSetting> settings) {
    return StageLogging.of(new Stage("prod", "d", null, Instant.EPOCH, Instant.EPOCH, Map.of(), settings, false, null,
        false, null, null, Map.of()));
  }

  @Test
  void aStageWithoutLoggingIsOffForEveryMethodWithoutALookup() {
    assertThat(of(Map.of())).isSameAs(StageLogging.NONE);
    assertThat(of(Map.of("*/*", MethodSetting.defaults()))).isSameAs(StageLogging.NONE);
    assertThat(of(Map.of("*/*", logging("OFF", true), "pets/GET", logging("OFF", null)))).isSameAs(StageLogging.NONE);
  }

  @Test
  void aMethodsOwnSettingsOverrideTheStageDefaultField() {
    StageLogging logging = of(Map.of("*/*", logging("INFO", true), "pets/{id}/GET", logging("ERROR", null),
        "mock/GET", logging("OFF", null)));
    assertThat(logging.method("/pets", "GET")).isEqualTo(new StageLogging.Method(StageLogging.Level.INFO, true));
    assertThat(logging.method("/pets/{id}", "GET")).isEqualTo(new StageLogging.Method(StageLogging.Level.ERROR, true));
    assertThat(logging.method("/mock", "GET").level()).isEqualTo(StageLogging.Level.OFF);

    StageLogging oneMethod = of(Map.of("pets/POST", logging("INFO", null)));
    assertThat(oneMethod.off()).isFalse();
    assertThat(oneMethod.method("/pets", "POST")).isEqualTo(new StageLogging.Method(StageLogging.Level.INFO, false));
    assertThat(oneMethod.method("/pets", "GET").level()).isEqualTo(StageLogging.Level.OFF);
  }
}
