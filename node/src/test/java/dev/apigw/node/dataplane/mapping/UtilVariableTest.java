package dev.apigw.node.dataplane.mapping;

import static dev.apigw.node.dataplane.mapping.Scopes.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UtilVariableTest {

  @Test
  void escapeJavaScriptEscapesQuotesBackslashesAndControlCharacters() {
    String body = "{\"s\":\"She said \\\"hi\\\"\\n\\tit's a\\\\b </tag>\"}";
    assertThat(render("$util.escapeJavaScript($input.path('$.s'))", body))
        .isEqualTo("She said \\\"hi\\\"\\n\\tit\\'s a\\\\b <\\/tag>");
  }

  @Test
  void escapedSingleQuotesCanBeTurnedBackAsTheDocsAdvise() {
    // AWS's documented workaround: escapeJavaScript turns ' into \', which JSON does not allow.
    String template = "\"$util.escapeJavaScript($input.path('$.s')).replaceAll(\"\\\\'\",\"'\")\"";
    assertThat(render(template, "{\"s\":\"it's\"}")).isEqualTo("\"it's\"");
  }

  @Test
  void escapeJavaScriptWritesNonAsciiAsUnicodeEscapes() {
    assertThat(
            render("$util.escapeJavaScript($input.path('$.s'))", "{\"s\":\"caf\u00e9 \\u0001\"}"))
        .isEqualTo("caf\\u00E9 \\u0001");
  }

  @Test
  void parseJsonGivesNavigableObjects() {
    String template =
        "#set($o = $util.parseJson($input.path('$.inner')))$o.name:$o.list.size():$o.list";
    assertThat(render(template, "{\"inner\":\"{\\\"name\\\":\\\"x\\\",\\\"list\\\":[1,2]}\"}"))
        .isEqualTo("x:2:[1,2]");
  }

  @Test
  void toJsonWritesCompactJson() {
    assertThat(render("$util.toJson($input.path('$'))", "{ \"a\" : [ 1 , \"b\" ] }"))
        .isEqualTo("{\"a\":[1,\"b\"]}");
  }

  @Test
  void base64RoundTripsUtf8() {
    assertThat(render("$util.base64Encode('h\u00e9llo world')", "")).isEqualTo("aMOpbGxvIHdvcmxk");
    assertThat(render("$util.base64Decode('aMOpbGxvIHdvcmxk')", "")).isEqualTo("h\u00e9llo world");
  }

  @Test
  void urlEncodingIsFormEncoding() {
    assertThat(render("$util.urlEncode('a b&c=d/\u00e9')", "")).isEqualTo("a+b%26c%3Dd%2F%C3%A9");
    assertThat(render("$util.urlDecode('a+b%26c%3Dd%2F%C3%A9')", "")).isEqualTo("a b&c=d/\u00e9");
  }

  @Test
  void utilOfAnUndefinedValueRendersNothing() {
    assertThat(render("[$util.escapeJavaScript($nothing)][$util.urlEncode($nothing)]", ""))
        .isEqualTo("[][]");
  }

  @Test
  void parseJsonOfNonJsonFailsTheRender() {
    MappingTemplate template = MappingTemplate.compile("$util.parseJson('{nope')");
    assertThatThrownBy(() -> template.render(Scopes.body("")))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void base64DecodeOfNonBase64FailsTheRender() {
    MappingTemplate template = MappingTemplate.compile("$util.base64Decode('***')");
    assertThatThrownBy(() -> template.render(Scopes.body("")))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("expected: RFC 4648 base64");
  }
}
