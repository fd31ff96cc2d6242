package dev.apigw.node.testing;

import java.util.Map;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/** REST APIs made through the real SDK for tests that need any API to serve. */
public final class MockApis {
  private MockApis() {}

  /** An API named {@code name} whose {@code GET /hello} is a MOCK answering 200 with {@code body}; not deployed. */
  public static String hello(ApiGatewayClient client, String name, String body) {
    var api = client.createRestApi(r -> r.name(name));
    String hello = client.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("hello")).id();
    client.putMethod(r -> r.restApiId(api.id()).resourceId(hello).httpMethod("GET").authorizationType("NONE"));
    client.putMethodResponse(r -> r.restApiId(api.id()).resourceId(hello).httpMethod("GET").statusCode("200"));
    client.putIntegration(r -> r.restApiId(api.id()).resourceId(hello).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    client.putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(hello).httpMethod("GET").statusCode("200")
        .responseTemplates(Map.of("application/json", body)));
    return api.id();
  }
}
