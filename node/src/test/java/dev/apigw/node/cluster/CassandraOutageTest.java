package dev.apigw.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.MockApis;
import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.TcpProxy;
import dev.apigw.node.testing.TestNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Deployment;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.ServiceUnavailableException;

/**
 * A node loses its Cassandra (a TCP proxy between them is cut: open connections close and the port
 * refuses, as when Cassandra dies) and gets it back: the data plane serves on from its snapshots,
 * management writes answer 503 ServiceUnavailableException at once instead of after the ask
 * timeout, and once Cassandra answers again writes succeed without restarting the node, with
 * nothing written before the outage lost.
 */
@ExtendWith(CassandraExtension.class)
class CassandraOutageTest {
  /** A refused write answers about at once; an ask that waits for a stopped entity takes the 10 s ask timeout. */
  private static final Duration FAST = Duration.ofSeconds(2);

  @Test
  void dataPlaneServesWritesAnswer503AndSucceedAgainWhenCassandraIsBack() throws Exception {
    try (var proxy = TcpProxy.start(CassandraExtension.CQL_PORT);
        var node = TestNode.start(Map.of(
            "gateway.cassandra.contact-points", "127.0.0.1:" + proxy.port(),
            "datastax-java-driver.basic.contact-points", List.of("127.0.0.1:" + proxy.port())));
        var client = withoutRetries(node)) {
      String apiId = MockApis.hello(client, "outage", "{\"ok\": true}");
      String deploymentId = client.createDeployment(r -> r.restApiId(apiId).stageName("live")).id();
      var data = new DataPlaneClient(node.dataPlaneUri());
      assertThat(DataPlaneClient.await(() -> data.call("GET", apiId, "/live/hello", null, Map.of()),
          r -> r.statusCode() == 200).statusCode()).isEqualTo(200);

      proxy.cut();
      Thread.sleep(3000); // a few probes
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      Duration refusedIn = null;
      while (refusedIn == null && System.nanoTime() < deadline) {
        long started = System.nanoTime();
        try {
          client.createRestApi(r -> r.name("during-outage"));
        } catch (ServiceUnavailableException e) {
          Duration took = Duration.ofNanos(System.nanoTime() - started);
          if (took.compareTo(FAST) < 0) {
            refusedIn = took;
          }
        }
      }
      assertThat(refusedIn).as("a write answered 503 within " + FAST).isNotNull();
      long started = System.nanoTime();
      try {
        client.createApiKey(r -> r.name("during-outage").enabled(true));
        throw new AssertionError("CreateApiKey succeeded without Cassandra");
      } catch (ServiceUnavailableException e) {
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FAST);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailableException");
      }
      var served = data.call("GET", apiId, "/live/hello", null, Map.of());
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.body()).isEqualTo("{\"ok\": true}");

      proxy.restore();
      String after = null;
      deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (after == null && System.nanoTime() < deadline) {
        try {
          after = client.createRestApi(r -> r.name("after-outage")).id();
        } catch (ServiceUnavailableException e) {
          Thread.sleep(200);
        }
      }
      assertThat(after).as("a write succeeded after Cassandra came back").isNotNull();
      assertThat(client.getRestApi(r -> r.restApiId(apiId)).name()).isEqualTo("outage");
      assertThat(client.getDeployments(r -> r.restApiId(apiId)).items()).extracting(Deployment::id)
          .containsExactly(deploymentId);
      assertThat(client.getRestApis(r -> r.limit(500)).items()).extracting(RestApi::id).contains(apiId, after);
      assertThat(client.createDeployment(r -> r.restApiId(apiId).stageName("live")).id()).isNotBlank();
      assertThat(data.call("GET", apiId, "/live/hello", null, Map.of()).statusCode()).isEqualTo(200);
    }
  }

  /** The AWS SDK retries a 503 by default; these calls must show the gateway's own answer and its latency. */
  private static ApiGatewayClient withoutRetries(TestNode node) {
    return ApiGatewayClient.builder()
        .endpointOverride(node.managementUri())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(ApacheHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
