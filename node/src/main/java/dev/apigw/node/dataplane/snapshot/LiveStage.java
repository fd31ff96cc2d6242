package dev.apigw.node.dataplane.snapshot;

import dev.apigw.protocol.restapi.Stage;
import java.util.HashMap;
import java.util.Map;

/**
 * A stage as served: its settings and its compiled deployment, plus the canary's when the stage
 * has canary settings.
 *
 * @param stage the stage's settings
 * @param deployment what the stage serves
 * @param canary what canary requests are served from, or null
 * @param logging the stage's execution logging, decided once here rather than per request
 */
public record LiveStage(Stage stage, CompiledDeployment deployment, CompiledDeployment canary, StageLogging logging) {

  public LiveStage(Stage stage, CompiledDeployment deployment, CompiledDeployment canary) {
    this(stage, deployment, canary, StageLogging.of(stage));
  }

  /** The share of requests, 0-100, that the canary serves. */
  public double canaryPercent() {
    return canary == null || stage.canarySettings() == null ? 0 : stage.canarySettings().percentTraffic();
  }

  /** The stage variables a canary request sees: the stage's, overridden by the canary's. */
  public Map<String, String> canaryVariables() {
    Map<String, String> vars = new HashMap<>(stage.variables());
    if (stage.canarySettings() != null && stage.canarySettings().stageVariableOverrides() != null) {
      vars.putAll(stage.canarySettings().stageVariableOverrides());
    }
    return Map.copyOf(vars);
  }
}
