package dev.apigw.protocol.keys;

import dev.apigw.protocol.CborSerializable;
import java.util.Map;

/**
 * A stage a usage plan applies to, with optional per-method throttles.
 *
 * @param apiId the REST API's id
 * @param stage the stage's name
 * @param throttle keyed by {@code /resource/path/HTTPMETHOD}
 */
public record ApiStage(String apiId, String stage, Map<String, ThrottleSettings> throttle)
    implements CborSerializable {

  public ApiStage {
    throttle = throttle == null ? Map.of() : Map.copyOf(throttle);
  }

  /** AWS's {@code apiId:stage} form, used in patch paths and values. */
  public String key() {
    return apiId + ":" + stage;
  }

  public ApiStage withThrottle(Map<String, ThrottleSettings> throttle) {
    return new ApiStage(apiId, stage, throttle);
  }
}
