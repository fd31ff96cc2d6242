package dev.apigw.node.dataplane.http;

import dev.apigw.protocol.v2.Api;
import dev.apigw.protocol.v2.Deployment;
import dev.apigw.protocol.v2.Route;
import dev.apigw.protocol.v2.Stage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The HTTP APIs this node serves: per API its CORS policy and each stage that points at a deployment, with that
 * deployment's routes compiled into a {@link RouteMatcher}. Swapped atomically like the other snapshots; the loader of
 * apigatewayv2 APIs is its only writer.
 */
public final class HttpApiSnapshot {
  /**
   * An HTTP API as served.
   *
   * @param api its settings
   * @param cors its CORS policy, or null
   * @param stages stage name to what it serves; stages without a deployment are absent
   */
  public record LiveHttpApi(Api api, CorsPolicy cors, Map<String, LiveHttpStage> stages) {}

  /**
   * A stage of an HTTP API as served.
   *
   * @param stage its settings (variables, route throttling, access log)
   * @param deploymentId the deployment served
   * @param routes the deployment's routes
   */
  public record LiveHttpStage(Stage stage, String deploymentId, RouteMatcher<HttpRoute> routes) {
    /** Stage variables, never null. */
    public Map<String, String> variables() {
      return stage.stageVariables() == null ? Map.of() : stage.stageVariables();
    }
  }

  /** The name of the stage served at the root. */
  public static final String DEFAULT_STAGE = "$default";

  private final AtomicReference<Map<String, LiveHttpApi>> apis = new AtomicReference<>(Map.of());

  /** The API, or null when this node serves no HTTP API with that id. */
  public LiveHttpApi api(String apiId) {
    return apiId == null ? null : apis.get().get(apiId);
  }

  /** Serves {@code api} with its stages; compiles each served deployment once even when several stages share it. */
  public void put(String apiId, Api api, Map<String, Stage> stages, Map<String, Deployment> deployments) {
    Map<String, RouteMatcher<HttpRoute>> compiled = new HashMap<>();
    Map<String, LiveHttpStage> live = new LinkedHashMap<>();
    stages.forEach((name, stage) -> {
      Deployment d = stage.deploymentId() == null ? null : deployments.get(stage.deploymentId());
      if (d != null) {
        RouteMatcher<HttpRoute> routes = compiled.computeIfAbsent(d.deploymentId(), id -> {
          Map<String, HttpRoute> byKey = new HashMap<>();
          for (Route r : d.definition().routes().values()) {
            byKey.put(r.routeKey(), HttpRoute.compile(r, d.definition()));
          }
          return RouteMatcher.compile(byKey);
        });
        live.put(name, new LiveHttpStage(stage, d.deploymentId(), routes));
      }
    });
    LiveHttpApi next = new LiveHttpApi(api, CorsPolicy.of(api.corsConfiguration()), Map.copyOf(live));
    apis.updateAndGet(current -> {
      Map<String, LiveHttpApi> copy = new HashMap<>(current);
      copy.put(apiId, next);
      return Map.copyOf(copy);
    });
  }

  /** Stops serving the API. */
  public void remove(String apiId) {
    apis.updateAndGet(current -> {
      if (!current.containsKey(apiId)) {
        return current;
      }
      Map<String, LiveHttpApi> copy = new HashMap<>(current);
      copy.remove(apiId);
      return Map.copyOf(copy);
    });
  }
}
