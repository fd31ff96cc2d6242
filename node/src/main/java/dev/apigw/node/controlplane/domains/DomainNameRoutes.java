package dev.apigw.node.controlplane.domains;

import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.controlplane.common.PatchOperations;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /domainnames[/{name}]} and {@code /domainnames/{name}/basepathmappings[/{basePath}]}. Directives only. */
public final class DomainNameRoutes extends ControlPlaneDirectives {
  private final DomainNameService service;
  private final String region;
  private final String account;

  public DomainNameRoutes(DomainNameService service, String region, String account) {
    this.service = service;
    this.region = region;
    this.account = account;
  }

  public Route route() {
    return pathPrefix(
        "domainnames",
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
                                                service.create(CreateDomainNameRequest.parse(body)),
                                                StatusCodes.CREATED,
                                                d -> DomainNameJson.render(d, region, account)))),
                            get(
                                () ->
                                    parameterMap(
                                        params ->
                                            respondJson(
                                                service.list(params.get("position"), limit(params)),
                                                StatusCodes.OK,
                                                page -> DomainNameJson.renderPage(page, region, account)))))),
                pathPrefix(PathMatchers.segment(), name -> concat(domain(name), mappings(name)))));
  }

  private Route domain(String name) {
    return pathEndOrSingleSlash(
        () ->
            concat(
                get(() -> respondJson(service.get(name), StatusCodes.OK, d -> DomainNameJson.render(d, region, account))),
                patch(
                    () ->
                        jsonBody(
                            body ->
                                respondJson(
                                    service.update(name, PatchOperations.parse(body)), StatusCodes.OK, d -> DomainNameJson.render(d, region, account)))),
                delete(() -> respondEmpty(service.delete(name), StatusCodes.ACCEPTED))));
  }

  private Route mappings(String name) {
    return pathPrefix(
        "basepathmappings",
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
                                                service.createMapping(name, CreateBasePathMappingRequest.parse(body)),
                                                StatusCodes.CREATED,
                                                DomainNameJson::render))),
                            get(
                                () ->
                                    parameterMap(
                                        params ->
                                            respondJson(
                                                service.listMappings(name, params.get("position"), limit(params)),
                                                StatusCodes.OK,
                                                DomainNameJson::renderMappings))))),
                path(
                    PathMatchers.segment(),
                    basePath ->
                        concat(
                            get(() -> respondJson(service.getMapping(name, basePath), StatusCodes.OK, DomainNameJson::render)),
                            patch(
                                () ->
                                    jsonBody(
                                        body ->
                                            respondJson(
                                                service.updateMapping(name, basePath, PatchOperations.parse(body)),
                                                StatusCodes.OK,
                                                DomainNameJson::render))),
                            delete(() -> respondEmpty(service.deleteMapping(name, basePath), StatusCodes.ACCEPTED))))));
  }

  private static int limit(Map<String, String> params) {
    return Paging.limit(Optional.ofNullable(params.get("limit")));
  }
}
