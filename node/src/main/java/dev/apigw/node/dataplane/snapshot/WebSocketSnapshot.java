package dev.apigw.node.dataplane.snapshot;

import dev.apigw.node.dataplane.authorizers.CompiledAuthorizer;
import dev.apigw.protocol.v2.Api;
import dev.apigw.protocol.v2.Deployment;
import dev.apigw.protocol.v2.Integration;
import dev.apigw.protocol.v2.Route;
import dev.apigw.protocol.v2.Stage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The WebSocket APIs this node serves: per API, each stage that points at a deployment, with that
 * deployment's frozen routes (by route key) and integrations. Swapped atomically like {@link DataPlaneSnapshot}.
 */
public final class WebSocketSnapshot {
  /**
   * One WebSocket API as served.
   *
   * @param api the API's own settings (route selection expression)
   * @param stages stage name to what it serves; stages without a deployment are absent
   */
  public record LiveWebSocketApi(Api api, Map<String, LiveWebSocketStage> stages) {}

  /**
   * A stage of a WebSocket API as served.
   *
   * @param stage the stage (variables)
   * @param deploymentId the deployment served
   * @param routes route key to route
   * @param integrations integration id to integration
   * @param authorizers authorizer id to authorizer, compiled once per deployment
   */
  public record LiveWebSocketStage(Stage stage, String deploymentId, Map<String, Route> routes,
      Map<String, Integration> integrations, Map<String, CompiledAuthorizer> authorizers) {
    /** The route's integration, or null when it has none. */
    public Integration integrationOf(Route route) {
      String id = route.targetIntegrationId();
      return id == null ? null : integrations.get(id);
    }

    /** Stage variables, never null. */
    public Map<String, String> variables() {
      return stage.stageVariables() == null ? Map.of() : stage.stageVariables();
    }
  }

  private final AtomicReference<Map<String, LiveWebSocketApi>> apis = new AtomicReference<>(Map.of());

  /** The API, or null when this node serves no WebSocket API with that id. */
  public LiveWebSocketApi api(String apiId) {
    return apiId == null ? null : apis.get().get(apiId);
  }

  void put(String apiId, Api api, Map<String, Stage> stages, Map<String, Deployment> deployments) {
    Map<String, LiveWebSocketStage> live = new LinkedHashMap<>();
    stages.forEach((name, stage) -> {
      Deployment d = stage.deploymentId() == null ? null : deployments.get(stage.deploymentId());
      if (d != null) {
        Map<String, Route> byKey = new HashMap<>();
        d.definition().routes().values().forEach(r -> byKey.put(r.routeKey(), r));
        Map<String, CompiledAuthorizer> authorizers = new HashMap<>();
        d.definition().authorizers().forEach((id, a) -> authorizers.put(id, CompiledAuthorizer.compile(a)));
        live.put(name, new LiveWebSocketStage(stage, d.deploymentId(), Map.copyOf(byKey), d.definition().integrations(),
            Map.copyOf(authorizers)));
      }
    });
    LiveWebSocketApi next = new LiveWebSocketApi(api, Map.copyOf(live));
    apis.updateAndGet(current -> {
      Map<String, LiveWebSocketApi> copy = new HashMap<>(current);
      copy.put(apiId, next);
      return Map.copyOf(copy);
    });
  }

  void remove(String apiId) {
    apis.updateAndGet(current -> {
      Map<String, LiveWebSocketApi> copy = new HashMap<>(current);
      copy.remove(apiId);
      return Map.copyOf(copy);
    });
  }
}
