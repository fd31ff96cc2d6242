package dev.apigw.node.testing;

import dev.apigw.cassandra.EmbeddedCassandra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one real Cassandra for the whole test run (the first test class that needs it starts
 * it; it stops when JUnit finishes), on ports that do not clash with a developer's gateway.
 */
public final class CassandraExtension implements BeforeAllCallback {
  public static final int CQL_PORT = Integer.getInteger("apigw.test.cassandra.port", 19042);
  public static final int STORAGE_PORT = Integer.getInteger("apigw.test.cassandra.storage-port", 17000);
  private static final Path DATA_DIR = Path.of("target", "cassandra-test");

  /** The contact point tests configure their nodes with. */
  public static String contactPoint() {
    return "127.0.0.1:" + CQL_PORT;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent("embedded-cassandra", key -> start(), Running.class);
  }

  private static Running start() {
    try {
      deleteRecursively(DATA_DIR);
      return new Running(
          EmbeddedCassandra.start(
              EmbeddedCassandra.Options.defaults()
                  .withDataDir(DATA_DIR)
                  .withCqlPort(CQL_PORT)
                  .withStoragePort(STORAGE_PORT)
                  .withHeap("768m")));
    } catch (IOException e) {
      throw new IllegalStateException("Could not start the test Cassandra", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting the test Cassandra", e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Closes Cassandra when JUnit closes the root store. */
  record Running(EmbeddedCassandra cassandra) implements AutoCloseable {
    @Override
    public void close() {
      cassandra.close();
    }
  }
}
