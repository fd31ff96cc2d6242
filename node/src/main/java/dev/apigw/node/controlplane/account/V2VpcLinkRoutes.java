package dev.apigw.node.controlplane.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.account.VpcLink;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /v2/vpclinks[/{vpcLinkId}]}, rendered in apigatewayv2's shapes: creates answer 201, deletes 202, the rest 200.
 * Directives only.
 */
public final class V2VpcLinkRoutes extends ControlPlaneDirectives {
  private final V2VpcLinkService links;

  public V2VpcLinkRoutes(V2VpcLinkService links) {
    this.links = links;
  }

  public Route route() {
    return pathPrefix("v2", () -> pathPrefix("vpclinks", () -> concat(
        pathEndOrSingleSlash(() -> concat(
            post(() -> jsonBody(body -> respondJson(links.create(body), StatusCodes.CREATED, V2VpcLinkRoutes::render))),
            get(() -> parameterOptional("nextToken", token -> parameterOptional("maxResults", max -> respondJson(
                links.list(token.orElse(null), max.orElse(null)), StatusCodes.OK, V2VpcLinkRoutes::renderPage)))))),
        path(PathMatchers.segment(), id -> concat(
            get(() -> respondJson(links.get(id), StatusCodes.OK, V2VpcLinkRoutes::render)),
            patch(() -> jsonBody(body -> respondJson(links.update(id, body), StatusCodes.OK, V2VpcLinkRoutes::render))),
            delete(() -> respondJson(links.delete(id), StatusCodes.ACCEPTED, done -> Json.object())))))));
  }

  static ObjectNode render(VpcLink l) {
    ObjectNode out = Json.object();
    out.put("vpcLinkId", l.id());
    out.put("name", l.name());
    if (l.createdDate() != null) {
      out.put("createdDate", l.createdDate().toString());
    }
    var subnets = out.putArray("subnetIds");
    l.subnetIds().forEach(subnets::add);
    var groups = out.putArray("securityGroupIds");
    l.securityGroupIds().forEach(groups::add);
    var tags = out.putObject("tags");
    l.tags().forEach(tags::put);
    out.put("vpcLinkStatus", l.status());
    out.put("vpcLinkStatusMessage", l.statusMessage());
    out.put("vpcLinkVersion", VpcLink.V2);
    return out;
  }

  private static ObjectNode renderPage(Paging.Page<VpcLink> page) {
    ObjectNode out = Json.object();
    var items = out.putArray("items");
    page.items().forEach(l -> items.add(render(l)));
    if (page.position() != null) {
      out.put("nextToken", page.position());
    }
    return out;
  }
}
