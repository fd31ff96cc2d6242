package dev.apigw.node.controlplane.domains;

import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.common.Paging;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /domainnameaccessassociations[/{arn}]} and {@code /rejectdomainnameaccessassociations}. Directives only.
 */
public final class AccessAssociationRoutes extends ControlPlaneDirectives {
  private final AccessAssociationService service;

  public AccessAssociationRoutes(AccessAssociationService service) {
    this.service = service;
  }

  public Route route() {
    return concat(
        pathPrefix("domainnameaccessassociations", () -> concat(
            pathEndOrSingleSlash(() -> concat(
                post(() -> jsonBody(body -> respondJson(service.create(body), StatusCodes.CREATED,
                    DomainNameJson::render))),
                get(() -> parameterMap(params -> respondJson(
                    service.list(params.get("resourceOwner"), params.get("position"),
                        Paging.limit(Optional.ofNullable(params.get("limit")))),
                    StatusCodes.OK, DomainNameJson::renderAssociations))))),
            path(PathMatchers.segment(), arn -> delete(() -> respondEmpty(service.delete(arn), StatusCodes.ACCEPTED))))),
        path("rejectdomainnameaccessassociations", () -> post(() -> parameterMap(params -> respondEmpty(
            service.reject(params.get("domainNameAccessAssociationArn"), params.get("domainNameArn")),
            StatusCodes.ACCEPTED)))));
  }
}
