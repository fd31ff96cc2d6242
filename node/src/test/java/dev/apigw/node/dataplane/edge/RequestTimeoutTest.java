package dev.apigw.node.dataplane.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apigw.node.testing.GatewayExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * The data plane's whole-request backstop (gateway.data-plane.server.request-timeout, kept on Deadlines rather than by
 * Pekko HTTP): a request still unanswered when it passes gets AWS's error shape, and the node keeps serving. Here the
 * backstop (1 s) is shorter than the integration's timeout (29 s), so the backend's 5 s delay meets it.
 */
class RequestTimeoutTest {
  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode().withBackend()
      .withConfig(Map.of("gateway.data-plane.server.request-timeout", "1s"));

  @Test
  void aRequestUnansweredAtTheRequestTimeoutGets503AndTheNodeKeepsServing() throws Exception {
    var client = gateway.client();
    var api = client.createRestApi(r -> r.name("backstop"));
    String slow = client.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("slow")).id();
    String fast = client.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("fast")).id();
    client.putMethod(r -> r.restApiId(api.id()).resourceId(slow).httpMethod("GET").authorizationType("NONE"));
    client.putIntegration(r -> r.restApiId(api.id()).resourceId(slow).httpMethod("GET").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("GET").uri(gateway.backend().url("/slow/5000")).timeoutInMillis(29000));
    client.putMethod(r -> r.restApiId(api.id()).resourceId(fast).httpMethod("GET").authorizationType("NONE"));
    client.putIntegration(r -> r.restApiId(api.id()).resourceId(fast).httpMethod("GET").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("GET").uri(gateway.backend().url("/status/200")));
    client.createDeployment(r -> r.restApiId(api.id()).stageName("prod"));

    long start = System.nanoTime();
    var timedOut = gateway.dataPlane().call("GET", api.id(), "/prod/slow", null, Map.of());
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(timedOut.statusCode()).as(timedOut.body()).isEqualTo(503);
    assertThat(timedOut.headers().firstValue("x-amzn-ErrorType")).hasValue("ServiceUnavailableException");
    assertThat(new ObjectMapper().readTree(timedOut.body()).get("message").asText()).isEqualTo("Service Unavailable");
    assertThat(timedOut.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(millis).as("answered at the 1 s backstop, not at the backend's 5 s").isBetween(900L, 4000L);

    assertThat(gateway.dataPlane().call("GET", api.id(), "/prod/fast", null, Map.of()).statusCode()).isEqualTo(200);
  }
}
