package dev.apigw.node.dataplane.integration.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LambdaErrorsTest {

  private static LambdaResult error(String payload) {
    return new LambdaResult(200, "Unhandled", payload.getBytes(UTF_8));
  }

  @Test
  void functionErrorSubjectIsItsErrorMessage() {
    var result = error("{\"errorMessage\":\"Not found: pet 7\",\"errorType\":\"NotFound\",\"stackTrace\":[\"at x\"]}");

    assertThat(LambdaErrors.selectionSubject(result)).isEqualTo("Not found: pet 7");
  }

  @Test
  void successHasNoSubjectSoTheDefaultResponseApplies() {
    var result = new LambdaResult(200, null, "{\"errorMessage\":\"looks like an error\"}".getBytes(UTF_8));

    assertThat(LambdaErrors.selectionSubject(result)).isNull();
  }

  @Test
  void handledErrorCountsToo() {
    var result = new LambdaResult(200, "Handled", "{\"errorMessage\":\"bad input\"}".getBytes(UTF_8));

    assertThat(LambdaErrors.selectionSubject(result)).isEqualTo("bad input");
  }

  @Test
  void errorWithoutMessageHasAnEmptySubject() {
    assertThat(LambdaErrors.selectionSubject(error("{\"errorType\":\"X\"}"))).isEmpty();
    assertThat(LambdaErrors.selectionSubject(error("{\"errorMessage\":null}"))).isEmpty();
    assertThat(LambdaErrors.selectionSubject(error("not json"))).isEmpty();
    assertThat(LambdaErrors.selectionSubject(error("[1]"))).isEmpty();
  }

  @Test
  void nonTextMessageIsItsJsonText() {
    assertThat(LambdaErrors.selectionSubject(error("{\"errorMessage\":42}"))).isEqualTo("42");
    assertThat(LambdaErrors.selectionSubject(error("{\"errorMessage\":{\"a\":1}}"))).isEqualTo("{\"a\":1}");
  }
}
