package dev.apigw.node.dataplane.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Filling integration uris: parameters stay inside the template's path, whatever the client sent. */
class UriTemplateTest {
  private static final UriTemplate PROXY = new UriTemplate("http://backend:8080/public/{proxy}");
  private static final UriTemplate ITEM = new UriTemplate("http://backend:8080/items/{id}/detail");

  private static String proxy(String value) {
    return PROXY.fillUri(Map.of("proxy", value), Set.of("proxy"), Map.of(), null).toString();
  }

  private static String item(String value) {
    return ITEM.fillUri(Map.of("id", value), Set.of(), Map.of(), null).toString();
  }

  @Test
  void aGreedyParameterKeepsItsSlashesAndEncodesEverythingElse() {
    assertThat(proxy("a/b.txt")).isEqualTo("http://backend:8080/public/a/b.txt");
    assertThat(proxy("a b/c?d#e")).isEqualTo("http://backend:8080/public/a%20b/c%3Fd%23e");
    assertThat(proxy("..hidden/x..y/.z")).isEqualTo("http://backend:8080/public/..hidden/x..y/.z");
  }

  @Test
  void aSingleParameterEncodesItsSlashes() {
    assertThat(item("a/b")).isEqualTo("http://backend:8080/items/a%2Fb/detail");
    assertThat(item("a\\b")).isEqualTo("http://backend:8080/items/a%5Cb/detail");
  }

  @Test
  void dotSegmentsAreRefusedInEveryParameter() {
    for (String value : new String[] {"..", ".", "../../secret", "a/../../secret", "./x", "x/.", "..\\..\\secret",
        "a/..", "../"}) {
      assertThatThrownBy(() -> proxy(value)).as(value).isInstanceOf(UriTemplate.DotSegmentException.class);
      assertThatThrownBy(() -> item(value)).as(value).isInstanceOf(UriTemplate.DotSegmentException.class);
      assertThatThrownBy(() -> new UriTemplate("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{fn}/invocations")
          .fill(Map.of("fn", value), Map.of())).as(value).isInstanceOf(UriTemplate.DotSegmentException.class);
    }
  }

  @Test
  void controlCharactersArePercentEncoded() {
    assertThat(item("x\r\nHost: evil")).isEqualTo("http://backend:8080/items/x%0D%0AHost:%20evil/detail");
    assertThat(item("x\u0000y\u007f")).isEqualTo("http://backend:8080/items/x%00y%7F/detail");
  }

  @Test
  void aTemplateWithAVariableAuthorityIsFilledTheSameWay() {
    var template = new UriTemplate("http://${stageVariables.host}/v1/{proxy}");
    assertThat(template.fillUri(Map.of("proxy", "a/b"), Set.of("proxy"), Map.of("host", "backend:9000"), "q=1").toString())
        .isEqualTo("http://backend:9000/v1/a/b?q=1");
    assertThatThrownBy(() -> template.fillUri(Map.of("proxy", "../x"), Set.of("proxy"), Map.of("host", "b"), null))
        .isInstanceOf(UriTemplate.DotSegmentException.class);
  }

  @Test
  void missingParametersAreEmptyAndTheQueryIsAppended() {
    assertThat(ITEM.fillUri(Map.of(), Set.of(), Map.of(), "a=1&b=%20").toString())
        .isEqualTo("http://backend:8080/items//detail?a=1&b=%20");
  }

  @Test
  void everyCharacterIsEncodedAsUrlEncoderWouldWithOrWithoutTheShortcutForPlainValues() {
    for (char c = 0x20; c < 0x7f; c++) {
      String value = "a" + c + "b";
      String expected = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
      assertThat(UriTemplate.encode("p", value, false)).as(value).isEqualTo(expected);
      assertThat(UriTemplate.encode("p", value, true)).as(value).isEqualTo(expected.replace("%2F", "/"));
    }
    assertThat(UriTemplate.encode("p", "plain-value_1.txt", false)).isEqualTo("plain-value_1.txt");
  }

  @Test
  void anAppendedPathGoesAfterTheBasePathWithoutTheTemplatesQueryOrCredentials() {
    assertThat(new UriTemplate("http://backend:8080/base/?ignored=1").appendPath("/a/b", Map.of(), "q=1").toString())
        .isEqualTo("http://backend:8080/base/a/b?q=1");
    assertThat(new UriTemplate("https://user:secret@backend").appendPath("p", Map.of(), "").toString())
        .isEqualTo("https://backend/p");
    var variable = new UriTemplate("http://${stageVariables.host}/v1/");
    assertThat(variable.appendPath("/x", Map.of("host", "b:9000"), null).toString()).isEqualTo("http://b:9000/v1/x");
    assertThat(variable.appendPath("/x", Map.of("host", "c"), null).toString()).isEqualTo("http://c/v1/x");
  }
}
