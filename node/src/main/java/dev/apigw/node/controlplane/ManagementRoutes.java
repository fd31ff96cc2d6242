package dev.apigw.node.controlplane;

import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.RequestIds;
import dev.apigw.node.sigv4.SigV4Directives;
import dev.apigw.node.sigv4.SigV4Result;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The management API: every call gets a request id, is authenticated with SigV4, then routed;
 * every failure leaves as AWS's error shape. While the journal does not answer, writes (every
 * method but GET and HEAD) get 503 at once: they could not be stored, and asking an entity would
 * only wait for the ask timeout. Reads go on: running entities answer from memory.
 */
public final class ManagementRoutes extends AllDirectives {
  private final RequestIds requestIds = new RequestIds();
  private final SigV4Directives auth;
  private final List<Function<SigV4Result.Accepted, Route>> resources;
  private final BooleanSupplier journalAvailable;

  /**
   * {@code resources}: one route per resource family, built per request for the signed caller;
   * {@code journalAvailable}: whether writes can be stored now.
   */
  public ManagementRoutes(SigV4Directives auth, List<Function<SigV4Result.Accepted, Route>> resources,
      BooleanSupplier journalAvailable) {
    this.auth = auth;
    this.journalAvailable = journalAvailable;
    if (resources.isEmpty()) {
      throw new IllegalArgumentException("resources: empty (expected: at least one resource route)");
    }
    this.resources = List.copyOf(resources);
  }

  public Route route() {
    ExceptionHandler errors = ExceptionHandler.newBuilder().matchAny(t -> complete(AwsErrors.of(t))).build();
    return requestIds.withRequestId(
        requestId ->
            // A request that runs past pekko.http.server.request-timeout (several asks in a row, each
            // waiting for its timeout) also leaves in AWS's shape.
            withRequestTimeoutResponse(
                request -> AwsErrors.serviceUnavailable("The request timed out; retry the request"),
                () ->
                    handleExceptions(
                        errors,
                        () ->
                            auth.authenticated(
                                caller ->
                                    writesNeedTheJournal(
                                        () -> {
                                          List<Route> rest = new ArrayList<>();
                                          resources.subList(1, resources.size()).forEach(r -> rest.add(r.apply(caller)));
                                          rest.add(unknownOperation());
                                          return concat(resources.get(0).apply(caller), rest.toArray(Route[]::new));
                                        })))));
  }

  private Route writesNeedTheJournal(Supplier<Route> inner) {
    return extractRequest(
        request -> {
          boolean read = request.method().equals(HttpMethods.GET) || request.method().equals(HttpMethods.HEAD);
          if (read || journalAvailable.getAsBoolean()) {
            return inner.get();
          }
          return complete(
              AwsErrors.serviceUnavailable(
                  "The configuration store (Cassandra) does not answer; nothing was changed. Retry the request"));
        });
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
