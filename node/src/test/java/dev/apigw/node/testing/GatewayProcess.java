package dev.apigw.node.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A gateway node as its own process: {@code java -cp <this test classpath> dev.apigw.node.bootstrap.Main}, configured
 * like an operator would, through {@code GATEWAY_*} environment variables, on free loopback ports and the test
 * Cassandra. For what only a real process shows: its exit status, what it prints, which ports it listens on.
 */
public final class GatewayProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final Path output;
  private final Map<String, String> environment;

  private GatewayProcess(Process process, Path output, Map<String, String> environment) {
    this.process = process;
    this.output = output;
    this.environment = environment;
  }

  /**
   * Starts Main with free ports for every server (data plane and its TLS port, management API, Pekko Management,
   * Prometheus, remoting, Kamon's status page), a data directory under target/, the test Cassandra's contact point, then {@code overrides} on top (an empty
   * value removes a variable). The parent's own {@code GATEWAY_*} variables are not inherited.
   */
  public static GatewayProcess start(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_DATA_PORT", Integer.toString(freePort()));
    env.put("GATEWAY_MANAGEMENT_PORT", Integer.toString(freePort()));
    env.put("GATEWAY_MANAGEMENT_HTTP_PORT", Integer.toString(freePort()));
    env.put("GATEWAY_PROMETHEUS_PORT", Integer.toString(freePort()));
    env.put("GATEWAY_REMOTING_PORT", Integer.toString(freePort()));
    env.put("GATEWAY_STATUS_PAGE_PORT", Integer.toString(freePort()));
    env.put("GATEWAY_TLS_PORT", Integer.toString(freePort()));
    env.put("GATEWAY_CASSANDRA_CONTACT_POINTS", CassandraExtension.contactPoint());
    env.putAll(overrides);
    env.values().removeIf(String::isEmpty);
    try {
      // Its files (e.g. the development TLS certificate) under target/, not in the working directory's data/.
      env.putIfAbsent("GATEWAY_DATA_DIR",
          Files.createTempDirectory(Path.of("target"), "gateway-process-data-").toAbsolutePath().toString());
      Path output = Files.createTempFile(Path.of("target"), "gateway-process-", ".log");
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx384m", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2",
          "-cp", System.getProperty("java.class.path"), "dev.apigw.node.bootstrap.Main"));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
      builder.environment().keySet().removeIf(name -> name.startsWith("GATEWAY_"));
      builder.environment().putAll(env);
      return new GatewayProcess(builder.start(), output, Map.copyOf(env));
    } catch (IOException e) {
      throw new IllegalStateException("Could not start the gateway process", e);
    }
  }

  /** The port the process was given in {@code GATEWAY_*_PORT} variable {@code name}. */
  public int port(String name) {
    return Integer.parseInt(environment.get(name));
  }

  /** The address its servers bind to: {@code GATEWAY_BIND_HOST}, by default 127.0.0.1. */
  public String bindHost() {
    return environment.getOrDefault("GATEWAY_BIND_HOST", "127.0.0.1");
  }

  /** Whether the process ended within {@code timeout}. */
  public boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The exit status (the process must have ended). */
  public int exitValue() {
    return process.exitValue();
  }

  /** Whether Pekko Management's {@code /ready} answered 200 within {@code timeout}; false at once if the process ended. */
  public boolean awaitReady(Duration timeout) {
    URI ready = URI.create("http://" + bindHost() + ":" + port("GATEWAY_MANAGEMENT_HTTP_PORT") + "/ready");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        if (HTTP.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return true;
        }
      } catch (IOException e) {
        // not bound yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      TestNode.sleep(250);
    }
    return false;
  }

  /** Everything the process printed so far (stdout and stderr). */
  public String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM, then SIGKILL if it has not ended after 30 s. */
  @Override
  public void close() {
    process.destroy();
    if (!awaitExit(Duration.ofSeconds(30))) {
      process.destroyForcibly();
      awaitExit(Duration.ofSeconds(10));
    }
  }

  /** A port nothing listens on right now (it may be taken before it is used). */
  public static int freePort() {
    try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
