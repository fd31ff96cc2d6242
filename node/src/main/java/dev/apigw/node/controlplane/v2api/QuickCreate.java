package dev.apigw.node.controlplane.v2api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.v2.Definition;
import dev.apigw.protocol.v2.Integration;
import dev.apigw.protocol.v2.Route;
import dev.apigw.protocol.v2.RouteSettings;
import dev.apigw.protocol.v2.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An HTTP API's quick create (CreateApi with {@code target}): one managed integration (AWS_PROXY with payload 2.0 for
 * a Lambda function, HTTP_PROXY with payload 1.0 for a URL), one managed route ({@code routeKey}, default
 * {@code $default}) and a managed {@code $default} stage that auto-deploys, so the API serves at once.
 *
 * @param definition the integration and the route
 * @param stage the {@code $default} stage
 */
record QuickCreate(Definition definition, Stage stage) {

  /** The quick create {@code body} asks for, or null for a plain CreateApi; ids from {@code ids}. */
  static QuickCreate of(JsonNode body, java.util.function.Supplier<String> ids, Instant now) {
    String target = JsonFields.string(body, "target");
    String routeKey = JsonFields.string(body, "routeKey");
    String credentialsArn = JsonFields.string(body, "credentialsArn");
    if (target == null) {
      if (routeKey != null || credentialsArn != null) {
        throw new BadRequestException((routeKey != null ? "routeKey" : "credentialsArn")
            + " is supported only with target (quick create)");
      }
      return null;
    }
    routeKey = routeKey == null ? HttpApiRequests.DEFAULT_ROUTE : routeKey;
    HttpApiRequests.checkRouteKey(routeKey);
    String integrationId = ids.get();
    Integration fields = target(target, credentialsArn);
    Integration integration = new Integration(integrationId, fields.integrationType(), target,
        fields.integrationMethod(), "INTERNET", credentialsArn, null, Map.of(), Map.of(), null, null,
        HttpApiRequests.MAX_TIMEOUT, null, null, Map.of(), fields.payloadFormatVersion(), null, Map.of(), true, null);
    HttpApiRequests.checkIntegration(integration);
    Route route = new Route(ids.get(), routeKey, "integrations/" + integrationId, "NONE", null, false, null, null,
        null, Map.of(), Map.of(), Map.of(), List.of(), true);
    Stage stage = new Stage(HttpApiRequests.DEFAULT_STAGE, null, null, Map.of(), RouteSettings.none(), Map.of(), null,
        now, now, true, null, true, null);
    return new QuickCreate(Definition.empty().withIntegration(integration).withRoute(route), stage);
  }

  /**
   * The managed integration's fields that {@code target} decides (a URL: HTTP_PROXY, ANY, payload 1.0; else a Lambda
   * function: AWS_PROXY, POST, payload 2.0) and {@code credentialsArn}, as a partial integration (UpdateApi).
   */
  static Integration target(String target, String credentialsArn) {
    if (target == null) {
      return new Integration(null, null, null, null, null, credentialsArn, null, null, null, null, null, null, null,
          null, null, null, null, null, null, null);
    }
    boolean http = target.startsWith("http://") || target.startsWith("https://");
    return new Integration(null, http ? "HTTP_PROXY" : "AWS_PROXY", target, http ? "ANY" : "POST", null,
        credentialsArn, null, null, null, null, null, null, null, null, null, http ? "1.0" : "2.0", null, null, null,
        null);
  }
}
