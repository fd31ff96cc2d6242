package dev.apigw.node.dataplane.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionLogWriterTest {
  @Test
  void rotatesAtTheSizeLimitAndKeepsMaxFilesOldOnes(@TempDir Path dir) throws Exception {
    var writer = new ExecutionLogWriter(new ExecutionLogSettings(dir, 1024, 2, 100));
    String line = "x".repeat(499) + "\n";
    for (int i = 0; i < 10; i++) {
      assertThat(writer.offer(i + line.substring(1))).isTrue();
    }
    writer.close();

    assertThat(dir.resolve("execution.log")).exists();
    assertThat(dir.resolve("execution.log.1")).exists();
    assertThat(dir.resolve("execution.log.2")).exists();
    assertThat(dir.resolve("execution.log.3")).doesNotExist();
    for (String name : new String[] {"execution.log", "execution.log.1", "execution.log.2"}) {
      assertThat(Files.size(dir.resolve(name))).isLessThanOrEqualTo(1024);
    }
    // The newest lines are in the current file, the ones before in .1.
    assertThat(Files.readString(dir.resolve("execution.log"))).startsWith("8").contains("\n9");
    assertThat(Files.readString(dir.resolve("execution.log.1"))).startsWith("6");
  }

  @Test
  void writesNothingUntilTheFirstLine(@TempDir Path dir) {
    var writer = new ExecutionLogWriter(new ExecutionLogSettings(dir.resolve("logs"), 1024, 1, 1));
    writer.close();
    assertThat(dir.resolve("logs")).doesNotExist();
  }
}
