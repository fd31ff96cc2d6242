package dev.apigw.node.controlplane.restapi;

import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.controlplane.common.PatchOperations;
import dev.apigw.persistence.changes.CacheFlushes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /restapis/{id}/deployments} and {@code /restapis/{id}/stages} (with {@code /cache/data|authorizers}). Directives only. */
public final class StageRoutes extends ControlPlaneDirectives {
  private final StageService service;

  public StageRoutes(StageService service) {
    this.service = service;
  }

  public Route route(String by) {
    return pathPrefix("restapis", () -> pathPrefix(PathMatchers.segment(), apiId -> concat(
        pathPrefix("deployments", () -> concat(
            pathEndOrSingleSlash(() -> concat(
                post(() -> jsonBody(body -> respondJson(service.createDeployment(apiId, body, by), StatusCodes.CREATED,
                    StageJson::deployment))),
                get(() -> parameterOptional("limit", limit -> {
                  int max = Paging.limit(limit);
                  return respondJson(service.deployments(apiId), StatusCodes.OK,
                      all -> StageJson.deployments(all.subList(0, Math.min(max, all.size())), null));
                })))),
            path(PathMatchers.segment(), deploymentId -> concat(
                // embed=apisummary is AWS's (always rendered here); embed=definition is ours: the frozen definition
                // (resources with methods and integrations, authorizers, models), e.g. for the console's diff.
                get(() -> parameterList("embed", embed -> respondJson(service.deployment(apiId, deploymentId),
                    StatusCodes.OK, d -> embed.contains("definition")
                        ? StageJson.deploymentWithDefinition(d) : StageJson.deployment(d)))),
                patch(() -> jsonBody(body -> respondJson(
                    service.updateDeployment(apiId, deploymentId, PatchOperations.parse(body), by), StatusCodes.OK,
                    StageJson::deployment))),
                delete(() -> respondEmpty(service.deleteDeployment(apiId, deploymentId, by), StatusCodes.ACCEPTED)))))),
        pathPrefix("stages", () -> concat(
            pathEndOrSingleSlash(() -> concat(
                post(() -> jsonBody(body -> respondJson(service.createStage(apiId, body, by), StatusCodes.CREATED,
                    StageJson::stage))),
                get(() -> parameterOptional("deploymentId", deploymentId -> respondJson(
                    service.stages(apiId, deploymentId.orElse(null)), StatusCodes.OK, StageJson::stages))))),
            pathPrefix(PathMatchers.segment().slash("cache"), stageName -> concat(
                path("data", () -> delete(() ->
                    respondEmpty(service.flush(apiId, stageName, CacheFlushes.What.RESPONSES), StatusCodes.ACCEPTED))),
                path("authorizers", () -> delete(() ->
                    respondEmpty(service.flush(apiId, stageName, CacheFlushes.What.AUTHORIZERS), StatusCodes.ACCEPTED))))),
            path(PathMatchers.segment(), stageName -> concat(
                get(() -> respondJson(service.stage(apiId, stageName), StatusCodes.OK, StageJson::stage)),
                patch(() -> jsonBody(body -> respondJson(
                    service.updateStage(apiId, stageName, PatchOperations.parseForJournal(body), by), StatusCodes.OK,
                    StageJson::stage))),
                delete(() -> respondEmpty(service.deleteStage(apiId, stageName, by), StatusCodes.ACCEPTED)))))))));
  }
}
