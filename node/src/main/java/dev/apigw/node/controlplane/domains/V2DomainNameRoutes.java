package dev.apigw.node.controlplane.domains;

import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.common.Paging;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /v2/domainnames[/{domainName}]} and {@code /v2/domainnames/{domainName}/apimappings[/{apiMappingId}]}:
 * apigatewayv2's view of the same domain names and mappings as {@link DomainNameRoutes}. Directives only: creates
 * answer 201, deletes 204, the rest 200.
 */
public final class V2DomainNameRoutes extends ControlPlaneDirectives {
  private final DomainNameService service;
  private final String region;

  public V2DomainNameRoutes(DomainNameService service, String region) {
    this.service = service;
    this.region = region;
  }

  public Route route() {
    return pathPrefix("v2", () -> pathPrefix("domainnames", () -> concat(
        pathEndOrSingleSlash(() -> concat(
            post(() -> jsonBody(body -> respondJson(service.create(V2DomainNameRequests.createDomainName(body)),
                StatusCodes.CREATED, d -> V2DomainNameJson.render(d, region)))),
            get(() -> parameterOptional("nextToken", token -> parameterOptional("maxResults", max -> respondJson(
                service.list(token.orElse(null), Paging.maxResults(max.orElse(null))), StatusCodes.OK,
                page -> V2DomainNameJson.renderPage(page, region))))))),
        pathPrefix(PathMatchers.segment(), name -> concat(
            pathEndOrSingleSlash(() -> concat(
                get(() -> respondJson(service.get(name), StatusCodes.OK, d -> V2DomainNameJson.render(d, region))),
                patch(() -> jsonBody(body -> respondJson(service.update(name, V2DomainNameRequests.updateDomainName(body)),
                    StatusCodes.OK, d -> V2DomainNameJson.render(d, region)))),
                delete(() -> respondEmpty(service.delete(name), StatusCodes.NO_CONTENT)))),
            pathPrefix("apimappings", () -> concat(
                pathEndOrSingleSlash(() -> concat(
                    post(() -> jsonBody(body -> respondJson(
                        service.createApiMapping(name, V2DomainNameRequests.createApiMapping(body)), StatusCodes.CREATED,
                        V2DomainNameJson::render))),
                    get(() -> parameterOptional("nextToken", token -> parameterOptional("maxResults", max -> respondJson(
                        service.apiMappings(name, token.orElse(null), Paging.maxResults(max.orElse(null))),
                        StatusCodes.OK, V2DomainNameJson::renderMappings)))))),
                path(PathMatchers.segment(), id -> concat(
                    get(() -> respondJson(service.apiMapping(name, id), StatusCodes.OK, V2DomainNameJson::render)),
                    patch(() -> jsonBody(body -> respondJson(
                        service.updateApiMapping(name, id, V2DomainNameRequests.updateApiMapping(body)), StatusCodes.OK,
                        V2DomainNameJson::render))),
                    delete(() -> respondEmpty(service.deleteApiMapping(name, id), StatusCodes.NO_CONTENT)))))))))));
  }
}
