package dev.apigw.node.dataplane.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Values a caller controls never break an access-log line out of its JSON string or onto a second line. */
class AccessLogEscapeTest {

  @Test
  void everyValueStaysInsideItsJsonString() throws Exception {
    String nasty = "a\"b\\c\nd\re\tf\u0001g\u007fh\u2028i é";
    StringBuilder line = new StringBuilder("{\"v\":\"");
    AccessLogFormat.escape(nasty, line);
    line.append("\"}");
    assertThat(line.toString()).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028");
    assertThat(new ObjectMapper().readTree(line.toString()).path("v").asText()).isEqualTo(nasty);
  }
}
