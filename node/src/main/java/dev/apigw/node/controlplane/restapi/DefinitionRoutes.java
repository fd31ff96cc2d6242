package dev.apigw.node.controlplane.restapi;

import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.controlplane.common.PatchOperations;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.restapi.Resource;
import java.util.List;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /restapis/{id}/resources/...}: resources, methods, method responses, integrations and
 * integration responses. Directives only.
 */
public final class DefinitionRoutes extends ControlPlaneDirectives {
  private final DefinitionService service;

  public DefinitionRoutes(DefinitionService service) {
    this.service = service;
  }

  public Route route(String by) {
    return pathPrefix("restapis", () -> pathPrefix(PathMatchers.segment(), apiId -> pathPrefix("resources", () -> concat(
        pathEndOrSingleSlash(() -> get(() -> listResources(apiId))),
        pathPrefix(PathMatchers.segment(), resourceId -> concat(
            pathEndOrSingleSlash(() -> concat(
                get(() -> parameterOptional("embed", embed -> respondJson(service.definition(apiId), StatusCodes.OK,
                    d -> DefinitionJson.resource(d.resource(resourceId), true)))),
                post(() -> jsonBody(body -> respondJson(
                    service.createResource(apiId, resourceId, body.path("pathPart").asText(null), by),
                    StatusCodes.CREATED, r -> DefinitionJson.resource(r, false)))),
                patch(() -> jsonBody(body -> respondJson(
                    service.updateResource(apiId, resourceId, PatchOperations.parse(body), by),
                    StatusCodes.OK, r -> DefinitionJson.resource(r, false)))),
                delete(() -> respondEmpty(service.deleteResource(apiId, resourceId, by), StatusCodes.ACCEPTED)))),
            pathPrefix("methods", () -> pathPrefix(PathMatchers.segment(), rawMethod ->
                methodRoutes(apiId, resourceId, DefinitionRequests.httpMethod(rawMethod), by)))))))));
  }

  private Route listResources(String apiId) {
    return parameterOptional("embed", embed -> parameterOptional("position", position -> parameterOptional("limit", limit ->
        respondJson(service.definition(apiId), StatusCodes.OK, d -> {
          List<Resource> all = d.resourcesByPath();
          int from = position.map(p -> indexOf(all, p)).orElse(0);
          int to = Math.min(all.size(), from + Paging.limit(limit));
          String next = to < all.size() ? all.get(to).id() : null;
          return DefinitionJson.resources(all.subList(from, to), embed.map(e -> e.contains("methods")).orElse(false), next);
        }))));
  }

  private static int indexOf(List<Resource> all, String id) {
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new BadRequestException("Invalid position: " + id);
  }

  private Route methodRoutes(String apiId, String resourceId, String httpMethod, String by) {
    return concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> respondJson(service.definition(apiId), StatusCodes.OK,
                d -> DefinitionJson.method(d.method(resourceId, httpMethod)))),
            put(() -> jsonBody(body -> respondJson(
                service.putMethod(apiId, resourceId, DefinitionRequests.method(httpMethod, body), by),
                StatusCodes.CREATED, DefinitionJson::method))),
            patch(() -> jsonBody(body -> respondJson(
                service.updateMethod(apiId, resourceId, httpMethod,
                    m -> MethodPatches.method(m, PatchOperations.parse(body)), "method", by),
                StatusCodes.OK, DefinitionJson::method))),
            delete(() -> respondEmpty(service.deleteMethod(apiId, resourceId, httpMethod, by), StatusCodes.NO_CONTENT)))),
        path(PathMatchers.segment("responses").slash(PathMatchers.segment()), rawCode -> {
          String code = DefinitionRequests.statusCode(rawCode);
          return concat(
              get(() -> respondJson(service.definition(apiId), StatusCodes.OK, d -> {
                var r = d.method(resourceId, httpMethod).methodResponses().get(code);
                if (r == null) {
                  throw new NotFoundException("Invalid Response status code specified");
                }
                return DefinitionJson.methodResponse(r);
              })),
              put(() -> jsonBody(body -> respondJson(
                  service.putMethodResponse(apiId, resourceId, httpMethod, DefinitionRequests.methodResponse(code, body), by),
                  StatusCodes.CREATED, DefinitionJson::methodResponse))),
              patch(() -> jsonBody(body -> respondJson(
                  service.updateMethod(apiId, resourceId, httpMethod,
                      m -> MethodPatches.methodResponse(m, code, PatchOperations.parse(body)), "method response " + code, by),
                  StatusCodes.OK, m -> DefinitionJson.methodResponse(m.methodResponses().get(code))))),
              delete(() -> respondEmpty(
                  service.deleteMethodResponse(apiId, resourceId, httpMethod, code, by), StatusCodes.NO_CONTENT)));
        }),
        pathPrefix("integration", () -> concat(
            pathEndOrSingleSlash(() -> concat(
                get(() -> respondJson(service.definition(apiId), StatusCodes.OK,
                    d -> DefinitionJson.integration(d.integration(resourceId, httpMethod)))),
                put(() -> jsonBody(body -> respondJson(
                    service.putIntegration(apiId, resourceId, httpMethod, DefinitionRequests.putIntegration(body), by),
                    StatusCodes.CREATED, DefinitionJson::integration))),
                patch(() -> jsonBody(body -> respondJson(
                    service.updateMethod(apiId, resourceId, httpMethod,
                        m -> MethodPatches.integration(m, PatchOperations.parse(body)), "integration", by),
                    StatusCodes.OK, m -> DefinitionJson.integration(m.integration())))),
                delete(() -> respondEmpty(
                    service.deleteIntegration(apiId, resourceId, httpMethod, by), StatusCodes.NO_CONTENT)))),
            path(PathMatchers.segment("responses").slash(PathMatchers.segment()), rawCode -> {
              String code = DefinitionRequests.statusCode(rawCode);
              return concat(
                  get(() -> respondJson(service.definition(apiId), StatusCodes.OK, d -> {
                    var r = d.integration(resourceId, httpMethod).integrationResponses().get(code);
                    if (r == null) {
                      throw new NotFoundException("Invalid Response status code specified");
                    }
                    return DefinitionJson.integrationResponse(r);
                  })),
                  put(() -> jsonBody(body -> respondJson(
                      service.putIntegrationResponse(apiId, resourceId, httpMethod,
                          DefinitionRequests.putIntegrationResponse(code, body), by),
                      StatusCodes.CREATED, DefinitionJson::integrationResponse))),
                  patch(() -> jsonBody(body -> respondJson(
                      service.updateMethod(apiId, resourceId, httpMethod,
                          m -> MethodPatches.integrationResponse(m, code, PatchOperations.parse(body)),
                          "integration response " + code, by),
                      StatusCodes.OK, m -> DefinitionJson.integrationResponse(m.integration().integrationResponses().get(code))))),
                  delete(() -> respondEmpty(
                      service.deleteIntegrationResponse(apiId, resourceId, httpMethod, code, by), StatusCodes.NO_CONTENT)));
            }))));
  }
}
