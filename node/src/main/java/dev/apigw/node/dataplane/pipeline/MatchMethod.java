package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.request.MethodRequest;
import dev.apigw.node.dataplane.routing.RouteTable;
import dev.apigw.node.dataplane.snapshot.CompiledMethod;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * Builds the method request (headers, query string, path parameters) and matches it against the deployment's
 * resources and methods; no match is 403 {@code Missing Authentication Token}, as at AWS.
 */
final class MatchMethod implements RestStep {
  @Override
  public CompletionStage<HttpResponse> apply(RestExchange ex) {
    MethodRequest request = methodRequest(ex.http, ex.address.path());
    RouteTable.Match<CompiledMethod> match = ex.deployment.routes().match(request.httpMethod(), ex.address.path());
    ex.request = request;
    if (match == null) {
      throw GatewayErrors.missingAuthenticationToken();
    }
    ex.request = request.withPathParameters(match.pathParameters());
    ex.resource = match.resource();
    ex.method = match.target();
    return CONTINUE;
  }

  static MethodRequest methodRequest(HttpRequest http, String path) {
    return MethodRequest.of(http, path);
  }
}
