package dev.apigw.node.dataplane.observability;

import com.typesafe.config.Config;
import java.nio.file.Path;

/**
 * Where and how much of REST API execution logs this node keeps, read once from
 * {@code gateway.data-plane.execution-logs}.
 *
 * @param directory the folder of {@code execution.log} and its rotated files
 * @param maxFileBytes the size at which {@code execution.log} is rotated
 * @param maxFiles how many rotated files are kept ({@code execution.log.1} is the newest)
 * @param queueSize how many requests' logs may wait for the writer; beyond it they are dropped and counted
 */
public record ExecutionLogSettings(Path directory, long maxFileBytes, int maxFiles, int queueSize) {

  public ExecutionLogSettings {
    if (maxFileBytes < 1024) {
      throw new IllegalArgumentException("max-file-size: " + maxFileBytes + " (expected: >= 1k)");
    }
    if (maxFiles < 1) {
      throw new IllegalArgumentException("max-files: " + maxFiles + " (expected: >= 1)");
    }
    if (queueSize < 1) {
      throw new IllegalArgumentException("queue-size: " + queueSize + " (expected: >= 1)");
    }
  }

  /** Reads {@code gateway.data-plane.execution-logs}. */
  public static ExecutionLogSettings from(Config root) {
    Config c = root.getConfig("gateway.data-plane.execution-logs");
    return new ExecutionLogSettings(Path.of(c.getString("directory")), c.getBytes("max-file-size"),
        c.getInt("max-files"), c.getInt("queue-size"));
  }
}
