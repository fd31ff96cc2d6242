package dev.apigw.node.dataplane.mapping;

import static dev.apigw.node.dataplane.mapping.Scopes.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputVariableTest {
  private static final String PETS =
      "[{\"id\":1,\"type\":\"dog\",\"price\":249.99},"
          + "{\"id\":2,\"type\":\"cat\",\"price\":124.99},"
          + "{\"id\":3,\"type\":\"fish\",\"price\":0.99}]";

  @Test
  void petStoreResponseTemplateFromTheDocs() {
    // The documented output, byte for byte: Velocity 1.7 whitespace rules eat the newline after
    // a line-ending #end and whole lines that hold only a directive.
    String template =
        """
        #set($inputRoot = $input.path('$'))
        [
        #foreach($elem in $inputRoot)
          {
            "description" : "Item $elem.id is a $elem.type.",
            "askingPrice" : $elem.price
          }#if($foreach.hasNext),#end

        #end
        ]
        """;
    assertThat(render(template, PETS))
        .isEqualTo(
            """
            [
              {
                "description" : "Item 1 is a dog.",
                "askingPrice" : 249.99
              },
              {
                "description" : "Item 2 is a cat.",
                "askingPrice" : 124.99
              },
              {
                "description" : "Item 3 is a fish.",
                "askingPrice" : 0.99
              }
            ]
            """);
  }

  @Test
  void jsonSelectsNestedValuesAsCompactJson() {
    String body = "{\"a\":{\"b\":{\"c\":[1,2],\"d\":\"x\"}},\"n\":null}";
    assertThat(render("$input.json('$.a.b')", body)).isEqualTo("{\"c\":[1,2],\"d\":\"x\"}");
    assertThat(render("$input.json('$.a.b.d')", body)).isEqualTo("\"x\"");
    assertThat(render("$input.json('$.a.b.c[1]')", body)).isEqualTo("2");
    assertThat(render("$input.json('$.n')", body)).isEqualTo("null");
    assertThat(render("$input.json('$')", "{ \"k\" : true }")).isEqualTo("{\"k\":true}");
  }

  @Test
  void jsonOfAMissingFieldRendersNothing() {
    assertThat(render("[$input.json('$.nope')]", "{\"a\":1}")).isEqualTo("[]");
  }

  @Test
  void pathGivesObjectsToNavigate() {
    String body = "{\"name\":\"Rex\",\"tags\":[\"a\",\"b\",\"c\"],\"owner\":{\"age\":7}}";
    assertThat(render("$input.path('$').name", body)).isEqualTo("Rex");
    assertThat(render("$input.path('$.tags').size()", body)).isEqualTo("3");
    assertThat(render("$input.path('$').owner.age", body)).isEqualTo("7");
    assertThat(render("#foreach($t in $input.path('$.tags'))$t;#end", body)).isEqualTo("a;b;c;");
    assertThat(render("#if($input.path('$.owner.age') > 5)old#{else}young#end", body))
        .isEqualTo("old");
  }

  @Test
  void listsFromPathPrintAsJsonAndMapsJavaStyle() {
    String body = "{\"a\":1,\"b\":[{\"c\":5}]}";
    assertThat(render("$input.path('$').b", body)).isEqualTo("[{\"c\":5}]");
    assertThat(render("$input.path('$')", body)).isEqualTo("{a=1, b=[{\"c\":5}]}");
  }

  @Test
  void bodyIsRawAndAnEmptyBodyReadsAsEmptyObject() {
    assertThat(render("$input.body", "a=1&b=2")).isEqualTo("a=1&b=2");
    assertThat(render("$input.body", "")).isEqualTo("{}");
    assertThat(render("$input.json('$')", "")).isEqualTo("{}");
    assertThat(render("$input.path('$').size()", "")).isEqualTo("0");
  }

  @Test
  void bodyThatIsNotJsonRendersNothingInsteadOfFailing() {
    String template = "body=[$input.json('$')] name=[$input.path('$').name] raw=[$input.body]";
    assertThat(render(template, "not { json")).isEqualTo("body=[] name=[] raw=[not { json]");
  }

  @Test
  void paramsByNameSearchPathThenQuerystringThenHeaders() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("X-Shared", List.of("from-header"));
    headers.put("Content-Type", List.of("application/json"));
    TemplateScope scope =
        Scopes.params(
            Map.of("shared", "from-path"),
            Map.of("shared", List.of("from-query"), "q", List.of("first", "second")),
            headers);
    assertThat(render("$input.params('shared')", scope)).isEqualTo("from-path");
    assertThat(render("$input.params('q')", scope)).isEqualTo("first");
    assertThat(render("$input.params('content-type')", scope)).isEqualTo("application/json");
    assertThat(render("$input.params().header.get('x-shared')", scope)).isEqualTo("from-header");
    assertThat(render("[$input.params('absent')]", scope)).isEqualTo("[]");
  }

  @Test
  void allParamsExampleFromTheDocs() {
    String template =
        """
        #set($allParams = $input.params())
        {
        "params" : {
        #foreach($type in $allParams.keySet())
            #set($params = $allParams.get($type))
        "$type" : {
            #foreach($paramName in $params.keySet())
            "$paramName" : "$util.escapeJavaScript($params.get($paramName))"
                #if($foreach.hasNext),#end
            #end
        }
            #if($foreach.hasNext),#end
        #end
        }
        }
        """;
    TemplateScope scope =
        Scopes.params(
            Map.of("petId", "5"), Map.of("q", List.of("it's")), Map.of("Accept", List.of("*/*")));
    String rendered = render(template, scope);
    assertThat(rendered.replaceAll("\\s+", ""))
        .isEqualTo(
            "{\"params\":{\"path\":{\"petId\":\"5\"},\"querystring\":{\"q\":\"it\\'s\"},"
                + "\"header\":{\"Accept\":\"*\\/*\"}}}");
  }

  @Test
  void invalidJsonPathFailsTheRenderSayingWhatWasExpected() {
    MappingTemplate template = MappingTemplate.compile("$input.json('$[')");
    assertThatThrownBy(() -> template.render(Scopes.body("{}")))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "Mapping template failed: Invalid JSONPath expression: $[ (expected: e.g. $.items[0].id)"
                + " (template line 1, column 8)");
  }
}
