package dev.apigw.node.controlplane.v2api;

import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.common.Instants;
import dev.apigw.node.controlplane.common.JsonFields;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Beyond AWS: {@code GET /v2/apis/{id}/history[?stage=S][&at=INSTANT]} and
 * {@code POST /v2/apis/{id}/stages/{stage}/rollback {"to": INSTANT}}, as for REST APIs. Directives only.
 */
public final class V2HistoryRoutes extends ControlPlaneDirectives {
  private final V2HistoryService service;

  public V2HistoryRoutes(V2HistoryService service) {
    this.service = service;
  }

  public Route route(String by) {
    return pathPrefix("v2", () -> pathPrefix("apis", () -> pathPrefix(PathMatchers.segment(), apiId -> concat(
        path("history", () -> get(() -> parameterOptional("stage", stage -> parameterOptional("at", at -> at.isPresent()
            ? respondJson(service.stagesAt(apiId, Instants.parse(at.get())), StatusCodes.OK,
                stages -> V2HistoryJson.stagesAt(apiId, at.get(), stages, stage.orElse(null)))
            : respondJson(service.events(apiId), StatusCodes.OK,
                entries -> V2HistoryJson.history(apiId, entries, stage.orElse(null))))))),
        path(PathMatchers.segment("stages").slash(PathMatchers.segment()).slash("rollback"), stageName ->
            post(() -> jsonBody(body -> respondJson(
                service.rollback(apiId, stageName, Instants.parse(JsonFields.string(body, "to")), by),
                StatusCodes.OK, V2ApiJson::stage))))))));
  }
}
