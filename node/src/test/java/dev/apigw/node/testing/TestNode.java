package dev.apigw.node.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.apigw.node.bootstrap.GatewaySettings;
import dev.apigw.node.bootstrap.Guardian;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/** A real gateway node in this JVM (the production Guardian), on free loopback ports, on the test Cassandra. */
public final class TestNode implements AutoCloseable {
  private final ActorSystem<Void> system;
  private final int managementPort;
  private final int dataPort;
  private final int pekkoManagementPort;

  private TestNode(ActorSystem<Void> system, int managementPort, int dataPort, int pekkoManagementPort) {
    this.system = system;
    this.managementPort = managementPort;
    this.dataPort = dataPort;
    this.pekkoManagementPort = pekkoManagementPort;
  }

  /** Starts a node and waits until {@code /ready} answers 200. */
  public static TestNode start() {
    int management = freePort();
    int data = freePort();
    int pekkoManagement = freePort();
    Config config =
        ConfigFactory.parseMap(
                Map.of(
                    "gateway.management.port", management,
                    "gateway.data-plane.port", data,
                    "gateway.cassandra.contact-points", CassandraExtension.contactPoint(),
                    "datastax-java-driver.basic.contact-points", List.of(CassandraExtension.contactPoint()),
                    "pekko.management.http.port", pekkoManagement,
                    "pekko.remote.artery.canonical.port", 0))
            .withFallback(ConfigFactory.load())
            .resolve();
    var system = ActorSystem.create(Guardian.create(GatewaySettings.from(config)), "apigw", config);
    var node = new TestNode(system, management, data, pekkoManagement);
    node.awaitReady(Duration.ofSeconds(90));
    return node;
  }

  private void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        var response =
            http.send(HttpRequest.newBuilder(URI.create(pekkoManagementUri() + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not bound yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(200);
    }
    close();
    throw new IllegalStateException("Node not ready within " + timeout);
  }

  public URI managementUri() {
    return URI.create("http://127.0.0.1:" + managementPort);
  }

  public URI dataPlaneUri() {
    return URI.create("http://127.0.0.1:" + dataPort);
  }

  public URI pekkoManagementUri() {
    return URI.create("http://127.0.0.1:" + pekkoManagementPort);
  }

  /** The real AWS SDK client, signed with the development key pair. */
  public ApiGatewayClient client() {
    return client("test", "test");
  }

  /** The real AWS SDK client with the given key pair. */
  public ApiGatewayClient client(String accessKeyId, String secret) {
    return ApiGatewayClient.builder()
        .endpointOverride(managementUri())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
        .httpClient(new JdkSdkHttpClient())
        .build();
  }

  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Node did not stop", e);
    }
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
