package dev.apigw.node.controlplane.console;

import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Beyond AWS, signed like the rest of the management API: {@code GET /gateway/metrics[?apiId=ID]} (the last 15
 * minutes of per-stage metrics, {@link LiveMetrics}) and {@code GET /gateway/cluster} ({@link ClusterView}).
 * Directives only.
 */
public final class ConsoleApiRoutes extends ControlPlaneDirectives {
  private final LiveMetrics metrics;
  private final ClusterView cluster;
  private final Clock clock;

  public ConsoleApiRoutes(LiveMetrics metrics, ClusterView cluster, Clock clock) {
    this.metrics = metrics;
    this.cluster = cluster;
    this.clock = clock;
  }

  public Route route() {
    return pathPrefix("gateway", () -> concat(
        path("metrics", () -> get(() -> parameterOptional("apiId", apiId -> respondJson(
            CompletableFuture.completedFuture(metrics.ticks()), StatusCodes.OK,
            ticks -> LiveMetricsJson.render(ticks, apiId.orElse(null), clock.instant()))))),
        path("cluster", () -> get(() -> respondJson(cluster.describe(), StatusCodes.OK, view -> view)))));
  }
}
