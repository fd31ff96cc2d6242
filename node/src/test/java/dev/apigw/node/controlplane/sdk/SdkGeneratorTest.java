package dev.apigw.node.controlplane.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ServiceUnavailableException;
import dev.apigw.protocol.errors.TooManyRequestsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SdkGenerator's bounds: one generation at a time, the time limit and the zip's size limit. */
class SdkGeneratorTest {
  private static final byte[] SPEC = ("{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"t\",\"version\":\"1\"},"
      + "\"paths\":{\"/pets\":{\"get\":{\"operationId\":\"listPets\",\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}")
      .getBytes(StandardCharsets.UTF_8);

  /**
   * 300 operations with a model each: generating a client from it takes seconds even in a warm JVM, so a 150 ms
   * timeout always meets the generation running (a one-operation spec can finish first).
   */
  private static final byte[] LARGE_SPEC = large();

  private static byte[] large() {
    var paths = new StringBuilder();
    var schemas = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      paths.append(i == 0 ? "" : ",").append("\"/pets").append(i).append("\":{\"get\":{\"operationId\":\"listPets")
          .append(i).append("\",\"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":")
          .append("{\"schema\":{\"$ref\":\"#/components/schemas/Pet").append(i).append("\"}}}}}}}");
      schemas.append(i == 0 ? "" : ",").append("\"Pet").append(i)
          .append("\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"}}}");
    }
    return ("{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{" + paths
        + "},\"components\":{\"schemas\":{" + schemas + "}}}").getBytes(StandardCharsets.UTF_8);
  }

  /** An executor that runs its tasks only when told. */
  private static final class Held implements Executor {
    final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runAll() {
      while (!tasks.isEmpty()) {
        tasks.poll().run();
      }
    }
  }

  private static Throwable failure(java.util.concurrent.CompletionStage<byte[]> stage) {
    try {
      stage.toCompletableFuture().join();
      throw new AssertionError("expected a failure");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void oneGenerationAtATimeAndTheCallerStopsWaitingAtTheTimeout() {
    var held = new Held();
    var generator = new SdkGenerator(new SdkSettings(Duration.ofMillis(50), 10_000_000), held);
    var first = generator.generate(SdkTypes.get("javascript"), SPEC, Map.of());
    assertThat(failure(generator.generate(SdkTypes.get("javascript"), SPEC, Map.of())))
        .isInstanceOf(TooManyRequestsException.class);
    assertThat(failure(first)).isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("took longer than");
    // The slot stays taken until the generation really ends, then the next one runs.
    assertThat(failure(generator.generate(SdkTypes.get("javascript"), SPEC, Map.of())))
        .isInstanceOf(TooManyRequestsException.class);
    held.runAll();
    var next = generator.generate(SdkTypes.get("javascript"), SPEC, Map.of());
    assertThat(held.tasks).hasSize(1); // accepted: it waits for the executor (and times out, as nothing runs it)
    assertThat(failure(next)).isInstanceOf(ServiceUnavailableException.class);
    held.runAll();
  }

  @Test
  void theTimeoutStopsTheRunningGenerationAndDeletesItsWorkFolder(@TempDir Path work) throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      var generator = new SdkGenerator(new SdkSettings(Duration.ofMillis(150), 10_000_000), pool, work);
      var java = Map.of("serviceName", "Pets", "javaPackageName", "a.b");
      assertThat(failure(generator.generate(SdkTypes.get("java"), LARGE_SPEC, java)))
          .isInstanceOf(ServiceUnavailableException.class);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (generator.busy() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(generator.busy()).isFalse();
      try (Stream<Path> left = Files.list(work)) {
        assertThat(left).isEmpty();
      }
      // The stop's interrupt does not outlive the run on the pooled thread.
      assertThat(pool.submit(() -> Thread.currentThread().isInterrupted()).get()).isFalse();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aZipOverTheLimitIsRefused() {
    var generator = new SdkGenerator(new SdkSettings(Duration.ofSeconds(60), 1_000), Runnable::run);
    assertThat(failure(generator.generate(SdkTypes.get("javascript"), SPEC, Map.of())))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("larger than 1000 bytes");
  }

  @Test
  void typesNotGeneratedAndBadParametersFailBeforeAnyWork() {
    var held = new Held();
    var generator = new SdkGenerator(new SdkSettings(Duration.ofSeconds(60), 10_000_000), held);
    assertThatThrownBy(() -> generator.generate(SdkTypes.get("ruby"), SPEC, Map.of("service.name", "Pets"))
        .toCompletableFuture().join()).hasCauseInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> generator.generate(SdkTypes.get("java"), SPEC,
        Map.of("serviceName", "Pets", "javaPackageName", "a.b", "javaBuildSystem", "ant")).toCompletableFuture().join())
        .hasCauseInstanceOf(BadRequestException.class).hasMessageContaining("expected: maven or gradle");
    assertThat(held.tasks).isEmpty();
  }
}
