package dev.apigw.node.dataplane.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the execution-log tests share: a log directory of their own, its file, and a backend that fails every call. */
final class ExecutionLogFiles {
  private ExecutionLogFiles() {}

  /** A new empty directory for a test node's execution logs. */
  static Path directory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The node's execution log in {@code directory} as written so far ("" before the first line). */
  static String read(Path directory) {
    Path file = directory.resolve("execution.log");
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port of a loopback server that closes every connection it accepts (an integration that fails). */
  static int closingServer() {
    try {
      var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread accept = new Thread(() -> {
        while (true) {
          try {
            server.accept().close();
          } catch (IOException e) {
            return;
          }
        }
      }, "closing-backend");
      accept.setDaemon(true);
      accept.start();
      return server.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
