package dev.apigw.node.dataplane;

import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.RequestIds;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The data plane's entry route. Deployments and stages are not served yet (the REST API data
 * plane is its own issue), so no request can resolve to a stage: every request gets AWS's answer
 * for a request no deployed API serves, 403 Missing Authentication Token.
 */
public final class DataPlaneRoutes extends AllDirectives {
  private final RequestIds requestIds = new RequestIds();

  public Route route() {
    return requestIds.withRequestId(
        requestId ->
            complete(AwsErrors.error(403, "MissingAuthenticationTokenException", "Missing Authentication Token")));
  }
}
