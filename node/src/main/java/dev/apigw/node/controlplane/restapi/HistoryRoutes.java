package dev.apigw.node.controlplane.restapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.node.http.Json;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Beyond AWS: {@code GET /restapis/{id}/history[?stage=S][&at=INSTANT]} and
 * {@code POST /restapis/{id}/stages/{stage}/rollback {"to": INSTANT}}. Directives only.
 */
public final class HistoryRoutes extends ControlPlaneDirectives {
  private final HistoryService service;

  public HistoryRoutes(HistoryService service) {
    this.service = service;
  }

  public Route route(String by) {
    return pathPrefix("restapis", () -> pathPrefix(PathMatchers.segment(), apiId -> concat(
        path("history", () -> get(() -> parameterOptional("stage", stage -> parameterOptional("at", at -> at.isPresent()
            ? respondJson(service.stagesAt(apiId, HistoryService.instant(at.get())), StatusCodes.OK, stages -> {
                ObjectNode out = Json.object();
                out.put("restApiId", apiId);
                out.put("at", at.get());
                ObjectNode items = out.putObject("stages");
                stages.forEach((name, asOf) -> {
                  if (stage.isEmpty() || stage.get().equals(name)) {
                    ObjectNode item = items.putObject(name);
                    item.set("stage", StageJson.stage(asOf.stage()));
                    if (asOf.deployment() != null) {
                      item.set("deployment", StageJson.deployment(asOf.deployment()));
                    }
                  }
                });
                return out;
              })
            : respondJson(service.events(apiId), StatusCodes.OK,
                entries -> HistoryJson.history(apiId, entries, stage.orElse(null))))))),
        path(PathMatchers.segment("stages").slash(PathMatchers.segment()).slash("rollback"), stageName ->
            post(() -> jsonBody(body -> respondJson(
                service.rollback(apiId, stageName, HistoryService.instant(JsonFields.string(body, "to")), by),
                StatusCodes.OK, StageJson::stage)))))));
  }
}
