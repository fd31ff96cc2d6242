package dev.apigw.node.dataplane.edge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.MockApis;
import dev.apigw.node.testing.RawHttp;
import dev.apigw.node.testing.TestBackend;
import dev.apigw.node.testing.TestNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Op;

/**
 * Finding 10, error shapes at the edge: requests Pekko HTTP refuses before the data plane sees them answer in AWS's
 * error shape with a request id and without echoing the request or the client's address; an over-limit chunked body
 * to an HTTP_PROXY integration answers 413 and never reaches the backend whole-looking; access-log lines stay valid
 * JSON whatever the caller puts in its headers; one bad request writes at most a few log lines. Real node, raw sockets.
 */
class EdgeErrorShapesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static String apiId;
  private static String host;

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode().withBackend();

  @BeforeAll
  static void deploy() {
    var client = gateway.client();
    apiId = MockApis.hello(client, "edge", "hello");
    String root = client.getResources(r -> r.restApiId(apiId)).items().stream()
        .filter(r -> r.path().equals("/")).findFirst().orElseThrow().id();
    String upload = client.createResource(r -> r.restApiId(apiId).parentId(root).pathPart("upload")).id();
    client.putMethod(r -> r.restApiId(apiId).resourceId(upload).httpMethod("POST").authorizationType("NONE"));
    client.putIntegration(r -> r.restApiId(apiId).resourceId(upload).httpMethod("POST")
        .type(IntegrationType.HTTP_PROXY).integrationHttpMethod("POST").uri(gateway.backend().url("/upload")));
    client.createDeployment(r -> r.restApiId(apiId).stageName("prod"));
    client.updateStage(r -> r.restApiId(apiId).stageName("prod").patchOperations(p -> p.op(Op.REPLACE)
        .path("/accessLogSettings/format")
        .value("{\"requestId\":\"$context.requestId\",\"ua\":\"$context.identity.userAgent\","
            + "\"path\":\"$context.path\",\"status\":\"$context.status\"}")));
    host = apiId + ".execute-api.localhost";
    DataPlaneClient.await(() -> gateway.dataPlane().call("GET", apiId, "/prod/hello", null, Map.of()),
        r -> r.statusCode() == 200);
  }

  private static String header(RawHttp.RawResponse response, String name) {
    for (String line : response.head().split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  private static void assertAwsShape(RawHttp.RawResponse response, int status, String what) throws IOException {
    assertThat(response.status()).as(what + " -> " + response.head()).isEqualTo(status);
    assertThat(header(response, "x-amzn-ErrorType")).as(what).isNotBlank();
    assertThat(header(response, "x-amzn-RequestId")).as(what).isNotBlank();
    assertThat(header(response, "Content-Type")).as(what).startsWith("application/json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("message").isTextual()).as(what + ": " + response.body()).isTrue();
    assertThat(response.body()).as(what).doesNotContain("EVIL").doesNotContain("127.0.0.1");
  }

  @Test
  void requestsPekkoCannotParseAnswerInAwsErrorShapeWithoutEchoingThem() throws IOException {
    Map<String, Integer> cases = new LinkedHashMap<>();
    cases.put("GET /prod/hello?EVIL HTTP/1.2\r\nHost: " + host + "\r\n\r\n", 505);
    cases.put("EVILMETHOD /prod/hello HTTP/1.1\r\nHost: " + host + "\r\n\r\n", 501);
    cases.put("GET /prod/EVIL" + "a".repeat(3000) + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n", 414);
    cases.put("GET /prod/hello HTTP/1.1\r\nHost: " + host + "\r\nX-EVIL: " + "a".repeat(11_000) + "\r\n\r\n", 431);
    cases.put("GET /prod/EVIL\"<127.0.0.1>{} HTTP/1.1\r\nHost: " + host + "\r\n\r\n", 400);
    cases.put("GET /prod/hello HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: EVIL127.0.0.1\r\n\r\n", 400);
    for (var c : cases.entrySet()) {
      String what = c.getKey().substring(0, Math.min(40, c.getKey().indexOf('\r')));
      assertAwsShape(RawHttp.exchange(gateway.node().dataPlanePort(), c.getKey()), c.getValue(), what);
    }
  }

  @Test
  void oneBadRequestWritesAtMostAFewLogLines() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    try {
      RawHttp.exchange(gateway.node().dataPlanePort(), "GET /prod/hello HTTP/1.1\r\nHost: " + host
          + "\r\nX-EVIL: " + "a\u0001".repeat(6_000) + "\r\n\r\n");
      RawHttp.exchange(gateway.node().dataPlanePort(), "EVILMETHOD /" + "\u0001".repeat(500) + " HTTP/1.1\r\n\r\n");
      TestNode.sleep(1000); // Pekko's log messages go through an actor
    } finally {
      root.detachAppender(appender);
    }
    assertThat(appender.list).as(appender.list.toString()).hasSizeLessThanOrEqualTo(4);
    for (ILoggingEvent e : appender.list) {
      assertThat(e.getFormattedMessage().length()).isLessThan(500);
      assertThat(e.getFormattedMessage()).doesNotContain("\u0001").doesNotContain("\n");
    }
  }

  @Test
  void anOverLimitChunkedBodyToAnHttpProxyAnswers413AndNeverReachesTheBackendWhole() throws Exception {
    // A small chunked body goes through whole (the backend's record of whole bodies works).
    var small = RawHttp.exchange(gateway.node().dataPlanePort(), "POST /prod/upload HTTP/1.1\r\nHost: " + host
        + "\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    assertThat(small.status()).as(small.head()).isEqualTo(200);
    assertThat(gateway.backend().bodies()).contains(new TestBackend.Body("/upload", 5));

    int before = gateway.backend().bodies().size();
    RawHttp.RawResponse answer;
    try (Socket socket = new Socket("127.0.0.1", gateway.node().dataPlanePort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /prod/upload HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
          + "Transfer-Encoding: chunked\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) 'x');
      try {
        for (int sent = 0; sent < 11 * 1024 * 1024; sent += chunk.length) {
          out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } catch (IOException e) {
        // the gateway answered and closed before the whole body was sent
      }
      answer = RawHttp.parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
    }
    assertAwsShape(answer, 413, "11 MB chunked");
    TestNode.sleep(2000);
    List<TestBackend.Body> after = gateway.backend().bodies();
    assertThat(after.subList(before, after.size())).as("bodies the backend received whole").isEmpty();
  }

  @Test
  void accessLogLinesStayValidJsonWhateverTheCallerSends() throws Exception {
    Logger access = (Logger) LoggerFactory.getLogger("apigw.access");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Level level = access.getLevel();
    access.setLevel(Level.INFO);
    access.addAppender(appender);
    String agent = "evil\" , \"status\": \"500\\\\\" }";
    try {
      var response = RawHttp.exchange(gateway.node().dataPlanePort(), "GET /prod/hello HTTP/1.1\r\nHost: " + host
          + "\r\nConnection: close\r\nUser-Agent: " + agent + "\r\n\r\n");
      assertThat(response.status()).isEqualTo(200);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (appender.list.isEmpty() && System.nanoTime() < deadline) {
        TestNode.sleep(50);
      }
    } finally {
      access.detachAppender(appender);
      access.setLevel(level);
    }
    assertThat(appender.list).hasSize(1);
    String line = appender.list.get(0).getFormattedMessage();
    JsonNode json = JSON.readTree(line);
    assertThat(json.path("ua").asText()).as(line).isEqualTo(agent);
    assertThat(json.path("status").asText()).isEqualTo("200");
    assertThat(line).doesNotContain("\n");
  }
}
