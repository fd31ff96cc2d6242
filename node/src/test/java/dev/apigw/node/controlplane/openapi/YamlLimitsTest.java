package dev.apigw.node.controlplane.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.protocol.errors.BadRequestException;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class YamlLimitsTest {

  /** {@code levels} levels of {@code width} aliases each: width^levels nodes once expanded. */
  private static String bomb(int levels, int width) {
    StringBuilder yaml = new StringBuilder("openapi: 3.0.1\nx-l0: &l0 [lol]\n");
    for (int level = 1; level <= levels; level++) {
      yaml.append("x-l").append(level).append(": &l").append(level).append(" [")
          .append(String.join(", ", Collections.nCopies(width, "*l" + (level - 1)))).append("]\n");
    }
    return yaml.toString();
  }

  @Test
  void manyAliasesAreRefusedQuickly() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> YamlLimits.check(bomb(9, 9)))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("aliases");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void fewAliasesThatStillExpandTooMuchAreRefused() {
    // 24 levels of 2 aliases: 48 aliases, 2^24 nodes.
    assertThatThrownBy(() -> YamlLimits.check(bomb(24, 2)))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("expand to more than");
  }

  @Test
  void aRecursiveAliasIsRefused() {
    assertThatThrownBy(() -> YamlLimits.check("openapi: 3.0.1\nx-a: &a [1, *a]\n"))
        .isInstanceOf(BadRequestException.class);
  }

  @Test
  void ordinaryDocumentsAndSyntaxErrorsPass() {
    assertThatCode(() -> YamlLimits.check(bomb(3, 3))).doesNotThrowAnyException();
    assertThatCode(() -> YamlLimits.check("{\"openapi\": \"3.0.1\", \"paths\": {}}")).doesNotThrowAnyException();
    // The reader words syntax errors; the limits leave them alone.
    assertThatCode(() -> YamlLimits.check("paths: [unclosed")).doesNotThrowAnyException();
  }
}
