package dev.apigw.node.dataplane.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.GatewayExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
  private static final RawBackend backend = RawBackend.start();
  private static final RawBackend other = RawBackend.start();

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

  private static void proxy(ApiGatewayClient client, String apiId, String root, String path, String uri, int timeout) {
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
  void aBackendThatClosesItsConnectionIsStillReachedFromTheSameClientConnection() throws IOException {
    try (Socket a = client()) {
      assertThat(call(a, "GET", "/prod/close", null).status()).isEqualTo(200);
      for (int i = 0; i < 3; i++) {
        var answer = call(a, "GET", "/prod/who", null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).startsWith("c");
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
      var elsewhere = call(a, "GET", "/prod/other", null);
      assertThat(elsewhere.status()).isEqualTo(200);
      assertThat(elsewhere.body()).startsWith("c");
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
      Thread.sleep(RawBackend.SLOW.toMillis() + 300);
      var after = call(a, "GET", "/prod/who", null);
      assertThat(after.status()).isEqualTo(200);
      assertThat(after.body()).startsWith("c");
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
      var answer = read(a);
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).endsWith(" " + 16 * chunk.length);
      assertThat(call(a, "GET", "/prod/who", null).body()).isEqualTo(answer.body().split(" ")[0]);
    }
  }

  private static Socket client() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.node().dataPlanePort());
    socket.setSoTimeout(10_000);
    return socket;
  }

  record Answer(int status, String body) {}

  private static Answer call(Socket socket, String method, String path, String body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
        + (body == null ? "" : "Content-Type: text/plain\r\nContent-Length: " + bytes.length + "\r\n") + "\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
    return read(socket);
  }

  /** One response off a kept-alive connection (a Content-Length or chunked body). */
  private static Answer read(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    String head = RawBackend.head(in);
    if (head == null) {
      throw new IOException("the gateway closed the connection");
    }
    byte[] body = RawBackend.body(in, head);
    return new Answer(Integer.parseInt(head.split(" ", 3)[1]), new String(body, StandardCharsets.UTF_8));
  }

  /**
   * A keep-alive HTTP/1.1 backend on raw sockets; each answer names the connection it came on ({@code c<n>}).
   * {@code /close} answers and closes; {@code /drop} closes without answering when {@link #dropNext} is set;
   * {@code /slow} answers after {@link #SLOW}; {@code /echo} answers with the length of the body it received.
   */
  static final class RawBackend implements AutoCloseable {
    static final Duration SLOW = Duration.ofMillis(1200);
    final AtomicBoolean dropNext = new AtomicBoolean();
    final AtomicInteger dropped = new AtomicInteger();
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();

    private RawBackend(ServerSocket server) {
      this.server = server;
    }

    static RawBackend start() {
      try {
        var backend = new RawBackend(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread accept = new Thread(backend::accept, "raw-backend-accept");
        accept.setDaemon(true);
        accept.start();
        return backend;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.getLocalPort() + "/" + path;
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          String id = "c" + connections.incrementAndGet();
          Thread serve = new Thread(() -> serve(socket, id), "raw-backend-" + id);
          serve.setDaemon(true);
          serve.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket socket, String id) {
      try (socket) {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        for (String head; (head = head(in)) != null; ) {
          byte[] body = body(in, head);
          String path = head.split(" ", 3)[1];
          if (path.startsWith("/drop") && dropNext.compareAndSet(true, false)) {
            dropped.incrementAndGet();
            return;
          }
          if (path.startsWith("/slow")) {
            Thread.sleep(SLOW.toMillis());
          }
          boolean close = path.startsWith("/close");
          String text = path.startsWith("/echo") ? id + " " + body.length : id;
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + text.length() + "\r\n"
              + (close ? "Connection: close\r\n" : "") + "\r\n" + text).getBytes(StandardCharsets.US_ASCII));
          out.flush();
          if (close) {
            return;
          }
        }
      } catch (IOException | InterruptedException e) {
        // The gateway closed the connection.
      }
    }

    /** A request or response head, or null at the end of the stream. */
    static String head(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      while (head.indexOf("\r\n\r\n") < 0) {
        int b = in.read();
        if (b < 0) {
          return null;
        }
        head.append((char) b);
      }
      return head.toString();
    }

    static byte[] body(InputStream in, String head) throws IOException {
      String lower = head.toLowerCase(Locale.ROOT);
      if (lower.contains("transfer-encoding: chunked")) {
        var body = new ByteArrayOutputStream();
        while (true) {
          String size = line(in);
          int length = Integer.parseInt(size.split(";")[0].trim(), 16);
          if (length == 0) {
            while (!line(in).isEmpty()) {
              // trailers
            }
            return body.toByteArray();
          }
          body.write(in.readNBytes(length));
          line(in);
        }
      }
      for (String line : lower.split("\r\n")) {
        if (line.startsWith("content-length:")) {
          return in.readNBytes(Integer.parseInt(line.substring("content-length:".length()).trim()));
        }
      }
      return new byte[0];
    }

    private static String line(InputStream in) throws IOException {
      StringBuilder line = new StringBuilder();
      for (int b; (b = in.read()) != '\n'; ) {
        if (b < 0) {
          throw new IOException("the stream ended in a chunked body");
        }
        line.append((char) b);
      }
      return line.toString().trim();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
