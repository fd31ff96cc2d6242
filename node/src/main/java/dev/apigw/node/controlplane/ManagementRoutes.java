package dev.apigw.node.controlplane;

import dev.apigw.node.controlplane.auth.SigV4Directives;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.RequestIds;
import dev.apigw.node.controlplane.auth.SigV4Result;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The management API: every call gets a request id, is authenticated with SigV4, then routed;
 * every failure leaves as AWS's error shape.
 */
public final class ManagementRoutes extends AllDirectives {
  private final RequestIds requestIds = new RequestIds();
  private final SigV4Directives auth;
  private final List<Function<SigV4Result.Accepted, Route>> resources;

  /** {@code resources}: one route per resource family, built per request for the signed caller. */
  public ManagementRoutes(SigV4Directives auth, List<Function<SigV4Result.Accepted, Route>> resources) {
    this.auth = auth;
    if (resources.isEmpty()) {
      throw new IllegalArgumentException("resources: empty (expected: at least one resource route)");
    }
    this.resources = List.copyOf(resources);
  }

  public Route route() {
    ExceptionHandler errors = ExceptionHandler.newBuilder().matchAny(t -> complete(AwsErrors.of(t))).build();
    return requestIds.withRequestId(
        requestId ->
            handleExceptions(
                errors,
                () ->
                    auth.authenticated(
                        caller -> {
                          List<Route> rest = new ArrayList<>();
                          resources.subList(1, resources.size()).forEach(r -> rest.add(r.apply(caller)));
                          rest.add(unknownOperation());
                          return concat(resources.get(0).apply(caller), rest.toArray(Route[]::new));
                        })));
  }

  private Route unknownOperation() {
    return extractRequest(
        request ->
            complete(
                AwsErrors.error(
                    404,
                    "UnknownOperationException",
                    "No operation matches " + request.method().value() + " " + request.getUri().path())));
  }
}
