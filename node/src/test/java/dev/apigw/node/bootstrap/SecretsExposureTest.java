package dev.apigw.node.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.GatewayProcess;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No secret of the node's configuration (management key pairs, the Lambda secret key) reaches an HTTP answer or
 * its output: Main in a real child JVM with secrets of its own. Kamon's status page, which serves the whole
 * configuration, is off unless asked for, and then on loopback only and without secrets.
 */
@ExtendWith(CassandraExtension.class)
class SecretsExposureTest {
  private static final String MANAGEMENT_SECRET = "MgmtS3cretValue4711";
  private static final String LAMBDA_SECRET = "LambdaS3cretValue0815";
  private static final Map<String, String> SECRETS = Map.of(
      "GATEWAY_CREDENTIALS", "opsKey:" + MANAGEMENT_SECRET,
      "GATEWAY_LAMBDA_SECRET_ACCESS_KEY", LAMBDA_SECRET);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static String get(String host, int port, String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void assertNoSecret(String what, String text) {
    assertThat(text).as(what).doesNotContain(MANAGEMENT_SECRET).doesNotContain(LAMBDA_SECRET);
  }

  private static void connect(String host, int port) throws IOException {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
    }
  }

  @Test
  void theStatusPageIsOffByDefaultAndNoAnswerOrLogLineHoldsASecret() {
    try (var node = GatewayProcess.start(SECRETS)) {
      assertThat(node.awaitReady(Duration.ofSeconds(120))).as(node.output()).isTrue();
      int statusPage = node.port("GATEWAY_STATUS_PAGE_PORT");
      assertThatThrownBy(() -> connect("127.0.0.1", statusPage)).isInstanceOf(ConnectException.class);

      int pekkoManagement = node.port("GATEWAY_MANAGEMENT_HTTP_PORT");
      for (String path : new String[] {"/ready", "/alive", "/cluster/members"}) {
        assertNoSecret(path, get("127.0.0.1", pekkoManagement, path));
      }
      assertNoSecret("/metrics", get("127.0.0.1", node.port("GATEWAY_PROMETHEUS_PORT"), "/metrics"));
      assertNoSecret("management API", get("127.0.0.1", node.port("GATEWAY_MANAGEMENT_PORT"), "/restapis"));
      assertNoSecret("output", node.output());
    }
  }

  @Test
  void theStatusPageOnRequestListensOnLoopbackOnlyAndServesNoSecret() {
    Map<String, String> env = new java.util.HashMap<>(SECRETS);
    env.put("GATEWAY_STATUS_PAGE", "on");
    // Another loopback address: the status page must stay on 127.0.0.1 whatever the servers bind to.
    env.put("GATEWAY_BIND_HOST", "127.0.0.2");
    try (var node = GatewayProcess.start(env)) {
      assertThat(node.awaitReady(Duration.ofSeconds(120))).as(node.output()).isTrue();
      int statusPage = node.port("GATEWAY_STATUS_PAGE_PORT");
      String settings = get("127.0.0.1", statusPage, "/status/settings");
      assertThat(settings).contains("gateway").contains("<redacted>");
      assertNoSecret("/status/settings", settings);
      assertThatThrownBy(() -> connect("127.0.0.2", statusPage)).isInstanceOf(ConnectException.class);
      assertNoSecret("output", node.output());
    }
  }
}
