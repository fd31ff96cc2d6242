package dev.apigw.protocol.restapi;

import dev.apigw.protocol.CborSerializable;
import java.util.Map;

/**
 * A stage's canary: a share of traffic served by another deployment.
 *
 * @param percentTraffic 0.0 to 100.0
 * @param deploymentId the canary's deployment
 * @param stageVariableOverrides variables that differ for canary requests
 * @param useStageCache whether canary requests use the stage cache
 */
public record CanarySettings(
    double percentTraffic, String deploymentId, Map<String, String> stageVariableOverrides, boolean useStageCache)
    implements CborSerializable {
  public CanarySettings {
    stageVariableOverrides = stageVariableOverrides == null ? Map.of() : Map.copyOf(stageVariableOverrides);
  }
}
