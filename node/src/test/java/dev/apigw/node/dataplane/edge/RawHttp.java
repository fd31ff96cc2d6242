package dev.apigw.node.dataplane.edge;

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

/** HTTP/1.1 on raw sockets for the own-backend-connection tests: a client on one kept-alive connection, a backend. */
final class RawHttp {
  private RawHttp() {}

  record Answer(int status, String body) {}

  static Answer call(Socket socket, String host, String method, String path, String body) throws IOException {
    return call(socket, host, method, path, body, "");
  }

  /** {@link #call(Socket, String, String, String, String)} with more header lines ({@code "Name: value\r\n"}). */
  static Answer call(Socket socket, String host, String method, String path, String body, String headers)
      throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
        + (body == null ? "" : "Content-Type: text/plain\r\nContent-Length: " + bytes.length + "\r\n") + "\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
    return read(socket);
  }

  /** One response off a kept-alive connection (a Content-Length or chunked body). */
  static Answer read(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    String head = Backend.head(in);
    if (head == null) {
      throw new IOException("the gateway closed the connection");
    }
    byte[] body = Backend.body(in, head);
    return new Answer(Integer.parseInt(head.split(" ", 3)[1]), new String(body, StandardCharsets.UTF_8));
  }

  /**
   * A keep-alive HTTP/1.1 backend on raw sockets; each answer names the connection it came on ({@code c<n>}).
   * {@code /close} answers and closes; {@code /drop} closes without answering when {@link #dropNext} is set;
   * {@code /slow} answers after {@link #SLOW}; {@code /echo} answers with the length of the body it received.
   */
  static final class Backend implements AutoCloseable {
    static final Duration SLOW = Duration.ofMillis(1200);
    final AtomicBoolean dropNext = new AtomicBoolean();
    final AtomicInteger dropped = new AtomicInteger();
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();

    private Backend(ServerSocket server) {
      this.server = server;
    }

    static Backend start() {
      try {
        var backend = new Backend(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
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
