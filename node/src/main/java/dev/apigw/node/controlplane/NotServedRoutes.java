package dev.apigw.node.controlplane;

import dev.apigw.node.http.AwsErrors;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The {@code apigateway} operations this gateway does not serve yet, each answered with a message that names it
 * (the README's "apigateway operations not served yet" lists them) instead of a bare unknown-operation 404.
 */
final class NotServedRoutes extends AllDirectives {

  Route route() {
    return concat(
        pathPrefix("domainnameaccessassociations", () -> concat(
            pathEndOrSingleSlash(() -> concat(
                post(() -> notServed("CreateDomainNameAccessAssociation")),
                get(() -> notServed("GetDomainNameAccessAssociations")))),
            path(PathMatchers.segment(), arn -> delete(() -> notServed("DeleteDomainNameAccessAssociation"))))),
        path("rejectdomainnameaccessassociations", () -> post(() -> notServed("RejectDomainNameAccessAssociation"))));
  }

  private Route notServed(String operation) {
    return complete(AwsErrors.error(404, "UnknownOperationException",
        operation + " is not served by this gateway yet (see the README: apigateway operations not served yet)"));
  }
}
