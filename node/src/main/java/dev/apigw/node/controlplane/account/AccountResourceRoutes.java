package dev.apigw.node.controlplane.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.node.controlplane.common.PatchOperations;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.account.ClientCertificate;
import dev.apigw.protocol.account.VpcLink;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /clientcertificates} and {@code /vpclinks}, rendered in AWS's shapes. Directives only. */
public final class AccountResourceRoutes extends ControlPlaneDirectives {
  private final ClientCertificateService certificates;
  private final VpcLinkService vpcLinks;

  public AccountResourceRoutes(ClientCertificateService certificates, VpcLinkService vpcLinks) {
    this.certificates = certificates;
    this.vpcLinks = vpcLinks;
  }

  public Route route() {
    return concat(
        pathPrefix("clientcertificates", () -> concat(
            pathEndOrSingleSlash(() -> concat(
                post(() -> jsonBody(body -> respondJson(certificates.generate(JsonFields.string(body, "description"),
                    JsonFields.stringMap(body, "tags")), StatusCodes.CREATED, AccountResourceRoutes::certificate))),
                get(() -> page(certificates.list(), ClientCertificate::id, AccountResourceRoutes::certificate)))),
            path(PathMatchers.segment(), id -> concat(
                get(() -> respondJson(certificates.get(id), StatusCodes.OK, AccountResourceRoutes::certificate)),
                patch(() -> jsonBody(body -> respondJson(certificates.update(id, PatchOperations.parse(body)),
                    StatusCodes.OK, AccountResourceRoutes::certificate))),
                delete(() -> respondEmpty(certificates.delete(id), StatusCodes.ACCEPTED)))))),
        pathPrefix("vpclinks", () -> concat(
            pathEndOrSingleSlash(() -> concat(
                post(() -> jsonBody(body -> respondJson(vpcLinks.create(body), StatusCodes.ACCEPTED,
                    AccountResourceRoutes::vpcLink))),
                get(() -> page(vpcLinks.list(), VpcLink::id, AccountResourceRoutes::vpcLink)))),
            path(PathMatchers.segment(), id -> concat(
                get(() -> respondJson(vpcLinks.get(id), StatusCodes.OK, AccountResourceRoutes::vpcLink)),
                patch(() -> jsonBody(body -> respondJson(vpcLinks.update(id, PatchOperations.parse(body)),
                    StatusCodes.OK, AccountResourceRoutes::vpcLink))),
                delete(() -> respondEmpty(vpcLinks.delete(id), StatusCodes.ACCEPTED)))))));
  }

  private <T> Route page(java.util.concurrent.CompletionStage<List<T>> all, Function<T, String> id,
      Function<T, ObjectNode> render) {
    return parameterOptional("position", position -> parameterOptional("limit", limit -> respondJson(all, StatusCodes.OK,
        items -> {
          var page = Paging.page(items, id, position.orElse(null), Paging.limit(limit));
          ObjectNode out = Json.object();
          var array = out.putArray("item");
          page.items().forEach(i -> array.add(render.apply(i)));
          if (page.position() != null) {
            out.put("position", page.position());
          }
          return out;
        })));
  }

  static ObjectNode certificate(ClientCertificate c) {
    ObjectNode out = Json.object();
    out.put("clientCertificateId", c.id());
    if (c.description() != null) {
      out.put("description", c.description());
    }
    out.put("pemEncodedCertificate", c.pemEncodedCertificate());
    out.put("createdDate", c.createdDate().getEpochSecond());
    out.put("expirationDate", c.expirationDate().getEpochSecond());
    var tags = out.putObject("tags");
    c.tags().forEach(tags::put);
    return out;
  }

  static ObjectNode vpcLink(VpcLink l) {
    ObjectNode out = Json.object();
    out.put("id", l.id());
    out.put("name", l.name());
    if (l.description() != null) {
      out.put("description", l.description());
    }
    var targets = out.putArray("targetArns");
    l.targetArns().forEach(targets::add);
    out.put("status", l.status());
    out.put("statusMessage", l.statusMessage());
    var tags = out.putObject("tags");
    l.tags().forEach(tags::put);
    return out;
  }
}
