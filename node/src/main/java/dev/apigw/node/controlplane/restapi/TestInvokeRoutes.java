package dev.apigw.node.controlplane.restapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.http.Json;
import dev.apigw.node.methodtest.AuthorizerTester;
import dev.apigw.node.methodtest.MethodTester;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /restapis/{id}/resources/{resourceId}/methods/{httpMethod}} (TestInvokeMethod) and {@code POST
 * /restapis/{id}/authorizers/{authorizerId}} (TestInvokeAuthorizer). Directives only.
 */
public final class TestInvokeRoutes extends ControlPlaneDirectives {
  private final TestInvokeService service;

  public TestInvokeRoutes(TestInvokeService service) {
    this.service = service;
  }

  public Route route() {
    return pathPrefix("restapis", () -> pathPrefix(PathMatchers.segment(), apiId -> concat(
        path(PathMatchers.segment("resources").slash(PathMatchers.segment()).slash("methods")
            .slash(PathMatchers.segment()), (resourceId, rawMethod) -> post(() -> jsonBody(body -> respondJson(
                service.test(apiId, resourceId, DefinitionRequests.httpMethod(rawMethod), body), StatusCodes.OK,
                TestInvokeRoutes::render)))),
        path(PathMatchers.segment("authorizers").slash(PathMatchers.segment()), authorizerId ->
            post(() -> jsonBody(body -> respondJson(service.testAuthorizer(apiId, authorizerId, body), StatusCodes.OK,
                TestInvokeRoutes::render)))))));
  }

  private static JsonNode render(AuthorizerTester.Result r) {
    ObjectNode json = Json.object();
    json.put("clientStatus", r.clientStatus());
    json.put("log", r.log());
    json.put("latency", r.latency());
    if (r.principalId() != null) {
      json.put("principalId", r.principalId());
    }
    if (r.policy() != null) {
      json.put("policy", r.policy());
    }
    if (r.authorization() != null) {
      ObjectNode authorization = json.putObject("authorization");
      r.authorization().forEach((name, values) -> {
        var array = authorization.putArray(name);
        values.forEach(array::add);
      });
    }
    if (r.claims() != null) {
      ObjectNode claims = json.putObject("claims");
      r.claims().forEach(claims::put);
    }
    return json;
  }

  private static JsonNode render(MethodTester.Result r) {
    ObjectNode json = Json.object();
    json.put("status", r.status());
    json.put("body", r.body());
    ObjectNode headers = json.putObject("headers");
    r.headers().forEach(headers::put);
    ObjectNode multi = json.putObject("multiValueHeaders");
    r.multiValueHeaders().forEach((name, values) -> values.forEach(multi.putArray(name)::add));
    json.put("log", r.log());
    json.put("latency", r.latency());
    return json;
  }
}
