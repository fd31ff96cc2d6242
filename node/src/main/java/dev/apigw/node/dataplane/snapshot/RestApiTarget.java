package dev.apigw.node.dataplane.snapshot;

import dev.apigw.persistence.changes.ConfigChanges;
import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.persistence.restapi.RestApiEntity;
import dev.apigw.persistence.restapi.RestApis;
import dev.apigw.protocol.restapi.Deployment;
import dev.apigw.protocol.restapi.Stage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Loads REST APIs into the {@link DataPlaneSnapshot}: each API's stages with their compiled
 * deployments. Deployments are immutable, so each is compiled once and reused by every stage and
 * every later fetch; a stage update recompiles nothing. Used only from the loader's actor.
 */
public final class RestApiTarget implements SnapshotLoader.Target<RestApiEntity.Active> {
  private final DataPlaneSnapshot snapshot;
  private final DeploymentCompiler compiler;
  private final RestApis apis;
  private final Map<String, CompiledDeployment> compiled = new HashMap<>();

  public RestApiTarget(DataPlaneSnapshot snapshot, DeploymentCompiler compiler, RestApis apis) {
    this.snapshot = snapshot;
    this.compiler = compiler;
    this.apis = apis;
  }

  @Override
  public ConfigChanges.Kind kind() {
    return ConfigChanges.Kind.REST_API;
  }

  @Override
  public AccountDirectory.Kind directory() {
    return AccountDirectory.Kind.REST_APIS;
  }

  @Override
  public CompletionStage<RestApiEntity.Active> fetch(String id) {
    return apis.inspect(id);
  }

  @Override
  public void put(String id, RestApiEntity.Active state) {
    Map<String, LiveStage> stages = new HashMap<>();
    Set<String> used = new HashSet<>();
    for (Stage stage : state.stages().values()) {
      CompiledDeployment main = deployment(state, stage.deploymentId(), used);
      if (main == null) {
        continue;
      }
      CompiledDeployment canary = stage.canarySettings() == null || stage.canarySettings().deploymentId() == null
          ? null
          : deployment(state, stage.canarySettings().deploymentId(), used);
      stages.put(stage.stageName(), new LiveStage(stage, main, canary));
    }
    compiled.keySet().removeIf(key -> key.startsWith(id + "/") && !used.contains(key));
    snapshot.put(new LiveApi(state.api(), stages));
  }

  @Override
  public void remove(String id) {
    compiled.keySet().removeIf(key -> key.startsWith(id + "/"));
    snapshot.remove(id);
  }

  private CompiledDeployment deployment(RestApiEntity.Active state, String deploymentId, Set<String> used) {
    Deployment deployment = state.deployments().get(deploymentId);
    if (deployment == null) {
      return null;
    }
    String key = state.api().id() + "/" + deploymentId;
    used.add(key);
    return compiled.computeIfAbsent(key, k -> compiler.compile(state.api(), deployment));
  }
}
