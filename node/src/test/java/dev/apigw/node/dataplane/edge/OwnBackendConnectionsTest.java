package dev.apigw.node.dataplane.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.GatewayExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * Each client connection's own backend connection (ExchangeStage, LazyConnector, Backend): real client sockets to a
 * real node, REST HTTP_PROXY integrations to a real backend on raw sockets that names the connection each request
 * came on, and misbehaves on request (closes after answering, drops a request unanswered, answers late).
 */
class OwnBackendConnectionsTest {
  private static final RawHttp.Backend backend = RawHttp.Backend.start();
  private static final RawHttp.Backend other = RawHttp.Backend.start();

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode();

  private static String host;

  @BeforeAll
  static void setUp() {
    ApiGatewayClient client = gateway.client();
    var api = client.createRestApi(r -> r.name("own backends"));
    for (String path : new String[] {"who", "close", "drop", "echo"}) {
      proxy(client, api.id(), api.rootResourceId(), path, backend.url(path), 29_000);
    }
    proxy(client, api.id(), api.rootResourceId(), "slow", backend.url("slow"), 300);
    proxy(client, api.id(), api.rootResourceId(), "other", other.url("who"), 29_000);
    client.createDeployment(r -> r.restApiId(api.id()).stageName("prod"));
    host = api.id() + ".execute-api.localhost";
  }

  static void proxy(ApiGatewayClient client, String apiId, String root, String path, String uri, int timeout) {
    String resource = client.createResource(r -> r.restApiId(apiId).parentId(root).pathPart(path)).id();
    client.putMethod(r -> r.restApiId(apiId).resourceId(resource).httpMethod("ANY").authorizationType("NONE"));
    client.putIntegration(r -> r.restApiId(apiId).resourceId(resource).httpMethod("ANY")
        .type(IntegrationType.HTTP_PROXY).integrationHttpMethod("ANY").uri(uri).timeoutInMillis(timeout));
  }

  @AfterAll
  static void tearDown() throws IOException {
    backend.close();
    other.close();
  }

  @Test
  void eachClientConnectionKeepsOneBackendConnectionOfItsOwn() throws IOException {
    try (Socket a = client(); Socket b = client()) {
      String first = call(a, "GET", "/prod/who", null).body();
      String second = call(b, "GET", "/prod/who", null).body();
      // One after the other, the pool would have used its one idle connection for both clients.
      assertThat(second).startsWith("c").isNotEqualTo(first);
      for (int i = 0; i < 3; i++) {
        assertThat(call(a, "GET", "/prod/who", null).body()).isEqualTo(first);
        assertThat(call(b, "GET", "/prod/who", null).body()).isEqualTo(second);
      }
    }
  }

  @Test
  void aConnectionThatAnnouncesItsLastRequestGoesThroughThePoolAnyOtherOverItsOwnFromTheFirst() throws IOException {
    String pooled;
    try (Socket a = socket()) {
      pooled = RawHttp.call(a, host, "GET", "/prod/who", null, "Connection: close\r\n").body();
    }
    // One after the other, both one-request clients go over the pool's one idle connection.
    try (Socket b = socket()) {
      assertThat(RawHttp.call(b, host, "GET", "/prod/who", null, "Connection: close\r\n").body()).isEqualTo(pooled);
    }
    try (Socket c = socket()) {
      String own = call(c, "GET", "/prod/who", null).body();
      assertThat(own).startsWith("c").isNotEqualTo(pooled);
      assertThat(call(c, "GET", "/prod/who", null).body()).isEqualTo(own);
    }
  }

  private static Socket socket() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.node().dataPlanePort());
    socket.setSoTimeout(10_000);
    return socket;
  }

  @Test
  void aBackendThatClosesItsConnectionIsStillReachedFromTheSameClientConnection() throws IOException {
    try (Socket a = client()) {
      assertThat(call(a, "GET", "/prod/close", null).status()).isEqualTo(200);
      for (int i = 0; i < 3; i++) {
        served(a, "/prod/who");
      }
    }
  }

  @Test
  void anIdempotentRequestTheConnectionLostIsSentAgainAPostIsNot() throws IOException {
    try (Socket a = client()) {
      backend.dropNext.set(true);
      var answer = call(a, "GET", "/prod/drop", null);
      assertThat(answer.status()).isEqualTo(200);
      assertThat(backend.dropped.get()).isGreaterThanOrEqualTo(1);
    }
    try (Socket a = client()) {
      int droppedBefore = backend.dropped.get();
      backend.dropNext.set(true);
      var answer = call(a, "POST", "/prod/drop", "order=1");
      assertThat(answer.status()).isEqualTo(502);
      assertThat(answer.body()).contains("\"message\"");
      assertThat(backend.dropped.get()).isEqualTo(droppedBefore + 1);
      // The client connection is still served, through the pool.
      assertThat(call(a, "GET", "/prod/who", null).status()).isEqualTo(200);
    }
  }

  @Test
  void aSecondBackendIsReachedThroughThePoolBesideTheOwnConnection() throws IOException {
    try (Socket a = client()) {
      String own = call(a, "GET", "/prod/who", null).body();
      served(a, "/prod/other");
      assertThat(call(a, "GET", "/prod/who", null).body()).isEqualTo(own);
    }
  }

  @Test
  void aRequestThatTimedOutLeavesTheClientConnectionServed() throws IOException, InterruptedException {
    try (Socket a = client()) {
      var late = call(a, "GET", "/prod/slow", null);
      assertThat(late.status()).isEqualTo(504);
      assertThat(late.body()).contains("Endpoint request timed out");
      // The own connection still waits for the late answer: this one goes through the pool.
      assertThat(call(a, "GET", "/prod/who", null).status()).isEqualTo(200);
      Thread.sleep(RawHttp.Backend.SLOW.toMillis() + 300);
      served(a, "/prod/who");
    }
  }

  @Test
  void aStreamedBodyReachesTheBackendWhole() throws IOException {
    try (Socket a = client()) {
      byte[] chunk = "0123456789abcdef".repeat(4096).getBytes(StandardCharsets.US_ASCII); // 64 KiB
      OutputStream out = a.getOutputStream();
      out.write(("POST /prod/echo HTTP/1.1\r\nHost: " + host + "\r\nTransfer-Encoding: chunked\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 16; i++) {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      var answer = RawHttp.read(a);
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).endsWith(" " + 16 * chunk.length);
      assertThat(call(a, "GET", "/prod/who", null).body()).isEqualTo(answer.body().split(" ")[0]);
    }
  }

  /** A client connection past its first request (on its own backend connection). */
  private static Socket client() throws IOException {
    Socket socket = socket();
    assertThat(call(socket, "GET", "/prod/who", null).status()).isEqualTo(200);
    return socket;
  }

  /** GET {@code path} answered 200 by the backend (its body names a backend connection); the body. */
  private static String served(Socket socket, String path) throws IOException {
    var answer = call(socket, "GET", path, null);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).startsWith("c");
    return answer.body();
  }

  private static RawHttp.Answer call(Socket socket, String method, String path, String body) throws IOException {
    return RawHttp.call(socket, host, method, path, body);
  }
}
