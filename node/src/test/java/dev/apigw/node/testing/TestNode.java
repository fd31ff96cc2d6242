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
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;

/**
 * A real gateway node in this JVM (the production Guardian), on free loopback ports, on the test
 * Cassandra. {@link #start()} forms a cluster of its own; {@link #startSeed()} and
 * {@link #startJoining(TestNode)} build one cluster of several nodes in this JVM.
 */
public final class TestNode implements AutoCloseable {
  private final ActorSystem<Void> system;
  private final int managementPort;
  private final int dataPort;
  private final int pekkoManagementPort;
  private final int remotingPort;
  private final int tlsPort;
  private final Path certificateDir;

  private TestNode(ActorSystem<Void> system, int managementPort, int dataPort, int pekkoManagementPort, int remotingPort,
      int tlsPort, Path certificateDir) {
    this.tlsPort = tlsPort;
    this.certificateDir = certificateDir;
    this.system = system;
    this.managementPort = managementPort;
    this.dataPort = dataPort;
    this.pekkoManagementPort = pekkoManagementPort;
    this.remotingPort = remotingPort;
  }

  /** Starts a node that forms a cluster of its own and waits until {@code /ready} answers 200. */
  public static TestNode start() {
    return start(freePort(), Map.of("gateway.cluster.join", "self"));
  }

  /** Starts a node of its own with {@code extra} configuration (e.g. the Lambda endpoint, another Cassandra). */
  public static TestNode start(Map<String, Object> extra) {
    Map<String, Object> values = new HashMap<>(extra);
    values.put("gateway.cluster.join", "self");
    return start(freePort(), values);
  }

  /** Starts the first node of a multi-node cluster: its own seed node. Waits until it is ready. */
  public static TestNode startSeed() {
    int remoting = freePort();
    return start(remoting, seedNodesMode("127.0.0.1:" + remoting));
  }

  /** Starts a node that joins {@code seed}'s cluster; waits until it is Up and ready. */
  public static TestNode startJoining(TestNode seed) {
    return start(freePort(), seedNodesMode("127.0.0.1:" + seed.remotingPort));
  }

  private static Map<String, Object> seedNodesMode(String seedNodes) {
    return Map.of("gateway.cluster.join", "seed-nodes", "gateway.cluster.seed-nodes", seedNodes);
  }

  private static TestNode start(int remoting, Map<String, Object> clusterConfig) {
    // A port chosen free can be taken (e.g. as another connection's ephemeral port) before the node binds it; the
    // node then stops itself (Guardian.BIND_FAILED), and it is started again on new ports.
    for (int attempt = 1; ; attempt++) {
      TestNode node = startOnce(remoting, clusterConfig);
      if (node.awaitReady(Duration.ofSeconds(90))) {
        return node;
      }
      boolean portTaken = CoordinatedShutdown.get(node.system).getShutdownReason()
          .filter(reason -> reason == Guardian.BIND_FAILED).isPresent();
      node.close();
      if (!portTaken || attempt == 3) {
        throw new IllegalStateException(portTaken ? "Node could not bind its ports in 3 attempts"
            : "Node not ready within 90 s");
      }
    }
  }

  private static TestNode startOnce(int remoting, Map<String, Object> clusterConfig) {
    int management = freePort();
    int data = freePort();
    int pekkoManagement = freePort();
    Map<String, Object> values = new HashMap<>();
    values.put("gateway.management.port", management);
    values.put("gateway.data-plane.port", data);
    // Each node its own TLS port and certificate folder (the development certificate is generated there).
    int tls = freePort();
    values.put("gateway.data-plane.tls.port", tls);
    values.put("gateway.data-plane.tls.certificate-dir", Path.of("target", "tls-" + tls).toAbsolutePath().toString());
    values.put("gateway.cassandra.contact-points", CassandraExtension.contactPoint());
    values.put("datastax-java-driver.basic.contact-points", List.of(CassandraExtension.contactPoint()));
    values.put("pekko.management.http.port", pekkoManagement);
    values.put("pekko.remote.artery.canonical.port", remoting);
    // Several nodes in one JVM: one Cluster MBean each instead of a warning per node.
    values.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    values.putAll(clusterConfig);
    Config config = ConfigFactory.parseMap(values).withFallback(ConfigFactory.load()).resolve();
    var system = ActorSystem.create(Guardian.create(GatewaySettings.from(config)), "apigw", config);
    return new TestNode(system, management, data, pekkoManagement, remoting, config.getInt("gateway.data-plane.tls.port"),
        Path.of(config.getString("gateway.data-plane.tls.certificate-dir")));
  }

  /** This node's actor system, for cluster and sharding queries. */
  public ActorSystem<Void> system() {
    return system;
  }

  /** Whether {@code /ready} answered 200 within {@code timeout}; false at once if the node stopped itself. */
  private boolean awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && !system.getWhenTerminated().toCompletableFuture().isDone()) {
      try {
        var response =
            http.send(HttpRequest.newBuilder(URI.create(pekkoManagementUri() + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return true;
        }
      } catch (IOException e) {
        // not bound yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(200);
    }
    return false;
  }

  public URI managementUri() {
    return URI.create("http://127.0.0.1:" + managementPort);
  }

  public URI dataPlaneUri() {
    return URI.create("http://127.0.0.1:" + dataPort);
  }

  /** The TLS data-plane port on 127.0.0.1. */
  public int tlsPort() {
    return tlsPort;
  }

  /** The TLS port's certificate folder (default.crt is the execute-api certificate). */
  public Path certificateDir() {
    return certificateDir;
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
        .httpClient(ApacheHttpClient.create())
        .build();
  }

  /** The real AWS SDK apigatewayv2 client (WebSocket APIs), signed with the development key pair. */
  public ApiGatewayV2Client v2Client() {
    return ApiGatewayV2Client.builder()
        .endpointOverride(managementUri())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(ApacheHttpClient.create())
        .build();
  }

  /** The data plane's port, as APIs' endpoints name it. */
  public int dataPlanePort() {
    return dataPort;
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

  /** Thread.sleep for test helpers: an interrupt ends the test. */
  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
