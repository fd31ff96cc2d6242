package dev.apigw.node.controlplane.restapi;

import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.common.PatchOperations;
import dev.apigw.protocol.errors.BadRequestException;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /restapis} and {@code /restapis/{id}}: create, list, get, delete. Directives only. */
public final class RestApiRoutes extends ControlPlaneDirectives {
  static final int DEFAULT_LIMIT = 25;
  static final int MAX_LIMIT = 500;

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
                                                        service.list(position.orElse(null), limit(limit)),
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

  /** AWS's page size: default 25, at most 500. */
  static int limit(Optional<String> raw) {
    if (raw.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw.get());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // falls through to the 400 below
    }
    throw new BadRequestException("Invalid limit: " + raw.get() + " (expected: an integer from 1 to " + MAX_LIMIT + ")");
  }
}
