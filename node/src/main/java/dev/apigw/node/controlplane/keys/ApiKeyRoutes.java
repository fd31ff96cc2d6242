package dev.apigw.node.controlplane.keys;

import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.controlplane.common.PatchOperations;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /apikeys} and {@code /apikeys/{id}}: create, list, get, update, delete. Directives only. */
public final class ApiKeyRoutes extends ControlPlaneDirectives {
  private final ApiKeyService service;

  public ApiKeyRoutes(ApiKeyService service) {
    this.service = service;
  }

  public Route route() {
    return pathPrefix(
        "apikeys",
        () ->
            concat(
                pathEndOrSingleSlash(
                    () ->
                        concat(
                            post(
                                () ->
                                    jsonBody(
                                        body ->
                                            // AWS returns the value on create whatever includeValue says.
                                            respondJson(
                                                service.create(CreateApiKeyRequest.parse(body)),
                                                StatusCodes.CREATED,
                                                key -> ApiKeyJson.render(key, true)))),
                            get(
                                () ->
                                    parameterMap(
                                        params ->
                                            respondJson(
                                                service.list(
                                                    params.get("position"),
                                                    Paging.limit(Optional.ofNullable(params.get("limit"))),
                                                    params.get("name"),
                                                    params.get("customerId")),
                                                StatusCodes.OK,
                                                page -> ApiKeyJson.renderPage(page, "true".equals(params.get("includeValues")))))))),
                path(
                    PathMatchers.segment(),
                    keyId ->
                        concat(
                            get(
                                () ->
                                    parameterOptional(
                                        "includeValue",
                                        includeValue ->
                                            respondJson(
                                                service.get(keyId),
                                                StatusCodes.OK,
                                                key -> ApiKeyJson.render(key, includeValue.filter("true"::equals).isPresent())))),
                            patch(
                                () ->
                                    jsonBody(
                                        body ->
                                            respondJson(
                                                service.update(keyId, PatchOperations.parse(body)),
                                                StatusCodes.OK,
                                                key -> ApiKeyJson.render(key, false)))),
                            delete(() -> respondEmpty(service.delete(keyId), StatusCodes.ACCEPTED))))));
  }
}
