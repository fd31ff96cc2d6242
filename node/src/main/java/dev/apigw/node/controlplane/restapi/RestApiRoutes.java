package dev.apigw.node.controlplane.restapi;

import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.controlplane.common.PatchOperations;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /restapis} and {@code /restapis/{id}}: create, list, get, delete. Directives only. */
public final class RestApiRoutes extends ControlPlaneDirectives {

  private final RestApiService service;

  public RestApiRoutes(RestApiService service) {
    this.service = service;
  }

  public Route route(String by) {
    return pathPrefix(
        "restapis",
        () ->
            concat(
                pathEndOrSingleSlash(
                    () ->
                        concat(
                            post(
                                () ->
                                    jsonBody(
                                        body ->
                                            respondJson(
                                                service.create(CreateRestApiRequest.parse(body), by),
                                                StatusCodes.CREATED,
                                                RestApiJson::render))),
                            get(
                                () ->
                                    parameterOptional(
                                        "position",
                                        position ->
                                            parameterOptional(
                                                "limit",
                                                limit ->
                                                    respondJson(
                                                        service.list(position.orElse(null), Paging.limit(limit)),
                                                        StatusCodes.OK,
                                                        page -> RestApiJson.renderPage(page.apis(), page.position()))))))),
                path(
                    PathMatchers.segment(),
                    apiId ->
                        concat(
                            get(() -> respondJson(service.get(apiId), StatusCodes.OK, RestApiJson::render)),
                            patch(() -> jsonBody(body -> respondJson(
                                service.update(apiId, PatchOperations.parseForJournal(body), by), StatusCodes.OK, RestApiJson::render))),
                            delete(() -> respondEmpty(service.delete(apiId, by), StatusCodes.ACCEPTED))))));
  }

}
