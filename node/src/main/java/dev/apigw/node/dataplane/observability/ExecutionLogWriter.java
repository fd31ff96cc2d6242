package dev.apigw.node.dataplane.observability;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import kamon.Kamon;
import kamon.metric.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's execution log file, {@code <directory>/execution.log}: requests hand their lines over with
 * {@link #offer} (never blocking: a full queue drops the request's lines and counts them), one daemon thread writes
 * them and rotates the file at its size limit, keeping {@code maxFiles} old ones. The file is created on the first
 * line, so a node whose stages log nothing writes nothing.
 */
public final class ExecutionLogWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExecutionLogWriter.class);
  private static final String FILE = "execution.log";

  private final ExecutionLogSettings settings;
  private final BlockingQueue<String> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final Counter droppedMetric =
      Kamon.counter("apigw_execution_log_dropped", "Requests whose execution log lines were dropped (queue full)")
          .withoutTags();
  private final Thread thread;
  private volatile boolean running = true;
  private OutputStream out;
  private long size;

  public ExecutionLogWriter(ExecutionLogSettings settings) {
    this.settings = settings;
    this.queue = new ArrayBlockingQueue<>(settings.queueSize());
    this.thread = new Thread(this::run, "execution-log-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues one request's lines (each ending in a newline); false, and counted, when the queue is full. */
  public boolean offer(String lines) {
    if (queue.offer(lines)) {
      return true;
    }
    dropped.incrementAndGet();
    droppedMetric.increment();
    return false;
  }

  /** How many requests' lines were dropped since start because the writer fell behind. */
  public long dropped() {
    return dropped.get();
  }

  /** The file being written. */
  public Path file() {
    return settings.directory().resolve(FILE);
  }

  private void run() {
    long reportedDrops = 0;
    while (running || !queue.isEmpty()) {
      try {
        String next = queue.poll(200, TimeUnit.MILLISECONDS);
        if (next == null) {
          continue;
        }
        long drops = dropped.get();
        if (drops != reportedDrops) {
          // Say in the file itself that lines are missing, so a reader does not take the gap for silence.
          write(java.time.Instant.now() + " execution-log " + (drops - reportedDrops)
              + " requests' lines dropped: the writer fell behind (queue-size " + settings.queueSize() + ")\n");
          reportedDrops = drops;
        }
        write(next);
        while ((next = queue.poll()) != null) {
          write(next);
        }
        if (out != null) {
          out.flush();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        log.warn("Execution log {}: {}", file(), e.toString());
        closeQuietly();
      }
    }
    closeQuietly();
  }

  private void write(String lines) throws IOException {
    byte[] bytes = lines.getBytes(StandardCharsets.UTF_8);
    if (out == null) {
      open();
    }
    if (size > 0 && size + bytes.length > settings.maxFileBytes()) {
      rotate();
    }
    out.write(bytes);
    size += bytes.length;
  }

  private void open() throws IOException {
    Files.createDirectories(settings.directory());
    Path file = file();
    size = Files.exists(file) ? Files.size(file) : 0;
    out = new java.io.BufferedOutputStream(
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 64 * 1024);
  }

  /** execution.log -> .1 -> .2 ... ; the oldest beyond maxFiles is deleted. */
  private void rotate() throws IOException {
    out.close();
    out = null;
    Path dir = settings.directory();
    Files.deleteIfExists(dir.resolve(FILE + "." + settings.maxFiles()));
    for (int i = settings.maxFiles() - 1; i >= 1; i--) {
      Path from = dir.resolve(FILE + "." + i);
      if (Files.exists(from)) {
        Files.move(from, dir.resolve(FILE + "." + (i + 1)), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(file(), dir.resolve(FILE + ".1"), StandardCopyOption.REPLACE_EXISTING);
    open();
  }

  private void closeQuietly() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // Nothing more to do for a log file that cannot be closed.
      }
      out = null;
    }
  }

  /** Writes what is queued, then stops the writer thread. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
