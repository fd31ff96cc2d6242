package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.LambdaReply;
import dev.apigw.node.testing.LambdaTestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * Functions that run in different places ({@code GATEWAY_LAMBDA_ENDPOINTS}): {@code hello} on its own Invoke API
 * server, {@code orders-*} behind one single-function URL of the Runtime Interface Emulator's shape ({@code
 * /2015-03-31/functions/function/invocations}), every other function on the default endpoint. Three real
 * Lambda-Invoke-compatible servers, each checking the gateway's SigV4 signature, record what reached them.
 */
class LambdaFunctionEndpointsDataPlaneTest {
  private static final ActorSystem<Void> lambdas = ActorSystem.create(Behaviors.empty(), "lambdas",
      ConfigFactory.parseString("pekko.actor.provider = local\npekko.http.server.parsing.illegal-header-warnings = off")
          .withFallback(ConfigFactory.defaultReference()));
  private static final LambdaTestServer helloServer = LambdaTestServer.start(lambdas)
      .register("hello", event -> LambdaReply.proxy(200, Map.of(), "Hello from the hello server"));
  // The emulator serves one function under the fixed name "function", whatever the integration calls it.
  private static final LambdaTestServer emulator = LambdaTestServer.start(lambdas)
      .register("function", event -> LambdaReply.proxy(200, Map.of(), "orders from the emulator: " + event.get("path").asText()));

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode()
      .withLambdaServer(lambda -> lambda.register("other", event -> LambdaReply.proxy(200, Map.of(), "default endpoint")))
      .withConfig(Map.of("gateway.data-plane.lambda.function-endpoints",
          "hello=" + helloServer.endpoint() + ", orders-*=" + emulator.endpoint() + "/2015-03-31/functions/function/invocations"));

  @AfterAll
  static void stopServers() {
    helloServer.close();
    emulator.close();
    lambdas.terminate();
  }

  private static HttpResponse<String> served(Supplier<HttpResponse<String>> call) {
    return DataPlaneClient.await(call, r -> r.statusCode() != 404 && r.statusCode() != 403);
  }

  @Test
  void eachFunctionIsInvokedWhereItRuns() {
    var api = gateway.client().createRestApi(r -> r.name("functions-in-three-places"));
    for (var route : Map.of("hello", "hello", "orders", "orders-create", "other", "other").entrySet()) {
      String resource = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId())
          .pathPart(route.getKey())).id();
      gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(resource).httpMethod("GET").authorizationType("NONE"));
      gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(resource).httpMethod("GET")
          .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST").uri(LambdaTestServer.integrationUri(route.getValue())));
    }
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("v1"));

    var hello = served(() -> gateway.dataPlane().call("GET", api.id(), "/v1/hello", null, Map.of()));
    assertThat(hello.statusCode()).as(hello.body()).isEqualTo(200);
    assertThat(hello.body()).isEqualTo("Hello from the hello server");
    var orders = gateway.dataPlane().call("GET", api.id(), "/v1/orders", null, Map.of());
    assertThat(orders.statusCode()).as(orders.body()).isEqualTo(200);
    assertThat(orders.body()).isEqualTo("orders from the emulator: /orders");
    var other = gateway.dataPlane().call("GET", api.id(), "/v1/other", null, Map.of());
    assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
    assertThat(other.body()).isEqualTo("default endpoint");

    assertThat(helloServer.invocations()).extracting(LambdaTestServer.Invocation::function).containsExactly("hello");
    assertThat(emulator.invocations()).extracting(LambdaTestServer.Invocation::function).containsExactly("function");
    assertThat(gateway.lambda().invocations()).extracting(LambdaTestServer.Invocation::function).containsExactly("other");
  }
}
