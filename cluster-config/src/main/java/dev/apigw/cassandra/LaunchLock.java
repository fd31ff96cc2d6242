package dev.apigw.cassandra;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises launches on one data folder across JVMs (e.g. several gateway nodes started at once
 * by a script): the second waits, then finds the first's Cassandra answering and reuses it,
 * instead of starting a second Cassandra on the same files, which corrupts them.
 */
final class LaunchLock implements AutoCloseable {

  /** File locks belong to the whole JVM, so threads of one JVM queue here first. */
  private static final ReentrantLock IN_JVM = new ReentrantLock();
  private static final long POLL_MILLIS = 100;

  private final FileChannel channel;
  private final FileLock lock;

  private LaunchLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static LaunchLock acquire(Path dataDir, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!IN_JVM.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for another start in this JVM");
    }
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel = FileChannel.open(dataDir.resolve("launch.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      while (true) {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          return new LaunchLock(channel, lock);
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for another process "
              + "that is starting Cassandra on " + dataDir);
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (IOException | RuntimeException | InterruptedException | Error e) {
      if (channel != null) {
        channel.close();
      }
      IN_JVM.unlock();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      IN_JVM.unlock();
    }
  }
}
