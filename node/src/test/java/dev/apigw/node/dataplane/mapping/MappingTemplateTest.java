package dev.apigw.node.dataplane.mapping;

import static dev.apigw.node.dataplane.mapping.Scopes.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MappingTemplateTest {

  private static TemplateScope withContext(
      Map<String, Object> context, Map<String, String> stageVariables) {
    return new TemplateScope(
        new TemplateInput("{}", Map.of(), Map.of(), Map.of()), context, stageVariables);
  }

  private static Map<String, Object> context() {
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("sourceIp", "192.0.2.1");
    identity.put("userAgent", "curl/7.84.0");
    identity.put("apiKey", "MyTestKey");
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("requestId", "abcdefg-000-000-0000-abcdefg");
    context.put("apiId", "abcd1234");
    context.put("stage", "prod");
    context.put("resourcePath", "/");
    context.put("identity", identity);
    context.put("authorizer", new LinkedHashMap<>(Map.of("principalId", "user-1")));
    return context;
  }

  @Test
  void contextVariablesFromTheDocsExample() {
    String template =
        "{ \"stage\" : \"$context.stage\", \"request_id\" : \"$context.requestId\","
            + " \"api_id\" : \"$context.apiId\", \"resource_path\" : \"$context.resourcePath\","
            + " \"source_ip\" : \"$context.identity.sourceIp\","
            + " \"user-agent\" : \"$context.identity.userAgent\","
            + " \"api_key\" : \"$context.identity.apiKey\","
            + " \"principal\" : \"$context.authorizer.principalId\","
            + " \"caller\" : \"$context.identity.caller\" }";
    assertThat(render(template, withContext(context(), Map.of())))
        .isEqualTo(
            "{ \"stage\" : \"prod\", \"request_id\" : \"abcdefg-000-000-0000-abcdefg\","
                + " \"api_id\" : \"abcd1234\", \"resource_path\" : \"/\","
                + " \"source_ip\" : \"192.0.2.1\", \"user-agent\" : \"curl/7.84.0\","
                + " \"api_key\" : \"MyTestKey\", \"principal\" : \"user-1\", \"caller\" : \"\" }");
  }

  @Test
  void undefinedReferencesRenderAsNothing() {
    assertThat(render("[$foo][$foo.bar][${foo}][$context.nope.deeper][$input.nope]", "{}"))
        .isEqualTo("[][][][][]");
  }

  @Test
  void stageVariablesByPropertyAndByKey() {
    TemplateScope scope = withContext(Map.of(), Map.of("version", "v2", "url", "https://x.test"));
    assertThat(
            render("$stageVariables.version $stageVariables['url'] [$stageVariables.none]", scope))
        .isEqualTo("v2 https://x.test []");
  }

  @Test
  void responseOverridesAreCollected() {
    String template =
        """
        #set($context.responseOverride.status = 400)
        #set($context.responseOverride.header.Retry-After = "30")
        #set($context.responseOverride.header['X-Reason'] = "bad $input.path('$.why')")
        {"error": true}\
        """;
    TemplateScope scope =
        new TemplateScope(
            new TemplateInput("{\"why\":\"input\"}", Map.of(), Map.of(), Map.of()),
            Map.of(),
            Map.of());
    Rendered rendered = MappingTemplate.compile(template).render(scope);
    assertThat(rendered.body()).isEqualTo("{\"error\": true}");
    assertThat(rendered.overrides().status()).isEqualTo(400);
    assertThat(rendered.overrides().responseHeaders())
        .containsExactly(Map.entry("Retry-After", "30"), Map.entry("X-Reason", "bad input"));
    assertThat(rendered.overrides().requestHeaders()).isEmpty();
  }

  @Test
  void statusOverrideGivenAsTextIsParsed() {
    Rendered rendered =
        MappingTemplate.compile("#set($context.responseOverride.status = '418')")
            .render(Scopes.body(""));
    assertThat(rendered.overrides().status()).isEqualTo(418);
  }

  @Test
  void statusOverrideThatIsNoStatusFailsTheRender() {
    MappingTemplate template =
        MappingTemplate.compile("#set($context.responseOverride.status = 'soon')");
    assertThatThrownBy(() -> template.render(Scopes.body("")))
        .isInstanceOf(MappingException.class)
        .hasMessage("$context.responseOverride.status: soon (expected: an HTTP status code)");
  }

  @Test
  void requestOverridesAreCollected() {
    String template =
        """
        #set($context.requestOverride.header.X-Trace = $context.requestId)
        #set($context.requestOverride.querystring.page = 2)
        #set($context.requestOverride.path.petId = $input.params('id'))
        body\
        """;
    TemplateScope scope =
        new TemplateScope(
            new TemplateInput("", Map.of("id", "7"), Map.of(), Map.of()),
            Map.of("requestId", "req-1"),
            Map.of());
    Rendered rendered = MappingTemplate.compile(template).render(scope);
    assertThat(rendered.body()).isEqualTo("body");
    assertThat(rendered.overrides().requestHeaders())
        .containsExactly(Map.entry("X-Trace", "req-1"));
    assertThat(rendered.overrides().requestQuerystring()).containsExactly(Map.entry("page", "2"));
    assertThat(rendered.overrides().requestPath()).containsExactly(Map.entry("petId", "7"));
    assertThat(rendered.overrides().status()).isNull();
  }

  @Test
  void anOverrideSetTwiceFailsTheRenderAsAwsAnswers5xx() {
    // AWS: "Overrides are final. An override may only be applied to each parameter once."
    assertThatThrownBy(() -> MappingTemplate.compile(
            "#set($context.responseOverride.status = 400)#set($context.responseOverride.status = 401)")
        .render(Scopes.body("")))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("$context.responseOverride.status is overridden more than once");
    // Header names compare ignoring case.
    assertThatThrownBy(() -> MappingTemplate.compile(
            "#set($context.requestOverride.header.X-Trace = 'a')#set($context.requestOverride.header.x-trace = 'b')")
        .render(Scopes.body("")))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("$context.requestOverride.header.x-trace is overridden more than once");
    assertThatThrownBy(() -> MappingTemplate.compile("#set($context.requestOverride.header = {'a': 'b'})")
        .render(Scopes.body("")))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("$context.requestOverride.header holds overrides and cannot be replaced");
    // The recommended way: collect in a variable, override once at the end.
    Rendered once = MappingTemplate.compile(
            "#set($s = 400)#if($input.path('$.late'))#set($s = 503)#end#set($context.responseOverride.status = $s)")
        .render(Scopes.body("{\"late\": true}"));
    assertThat(once.overrides().status()).isEqualTo(503);
    // Different query parameters and paths are separate parameters.
    Rendered separate = MappingTemplate.compile("#set($context.requestOverride.querystring.a = 1)"
            + "#set($context.requestOverride.querystring.b = 2)#set($context.requestOverride.path.a = 3)")
        .render(Scopes.body(""));
    assertThat(separate.overrides().requestQuerystring()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    assertThat(separate.overrides().requestPath()).containsExactly(Map.entry("a", "3"));
  }

  @Test
  void overridesReadBackWithinTheTemplate() {
    Rendered rendered = MappingTemplate.compile(
            "#set($context.responseOverride.header.X-A = 'one')$context.responseOverride.header.X-A"
                + "|$!context.responseOverride.status|")
        .render(Scopes.body(""));
    assertThat(rendered.body()).isEqualTo("one||");
  }

  @Test
  void mapsCanBeBuiltAssignedAndPutInto() {
    String template =
        """
        #set($m = {})
        #set($m.a = 1)
        #set($ignored = $m.put('b', "two"))
        #set($m['c'] = $input.path('$.c'))
        #set($list = [])
        #set($ignored = $list.add($m.b))
        $m.a $m.b $m.c $list $m.size() $m.containsKey('b')\
        """;
    assertThat(render(template, "{\"c\": [1, 2]}").strip()).isEqualTo("1 two [1,2] [two] 3 true");
  }

  @Test
  void anEmptyBodyReadsAsAnEmptyObjectEverywhere() {
    String template =
        """
        #set($root = $input.path('$'))
        $root.size()|$input.json('$')|$input.body|$!input.path('$.name')|$input.json('$.name')|#if("$!input.path('$.name')" == "")blank#end\
        """;
    assertThat(render(template, "").strip()).isEqualTo("0|{}|{}|||blank");
  }

  @Test
  void noOverridesMeansNone() {
    Rendered rendered = MappingTemplate.compile("plain").render(Scopes.body(""));
    assertThat(rendered.overrides()).isEqualTo(Overrides.none());
    assertThat(rendered.overrides().isEmpty()).isTrue();
  }

  @Test
  void callerContextIsNeverMutated() {
    Map<String, Object> identity = new HashMap<>(Map.of("sourceIp", "192.0.2.1"));
    Map<String, Object> context = new HashMap<>(Map.of("identity", identity));
    String template =
        "#set($context.identity.sourceIp = 'spoofed')#set($context.extra = 1)"
            + "#set($context.responseOverride.status = 500)$context.identity.sourceIp";
    Rendered rendered = MappingTemplate.compile(template).render(withContext(context, Map.of()));
    assertThat(rendered.body()).isEqualTo("spoofed");
    assertThat(context).containsOnlyKeys("identity");
    assertThat(identity).containsExactly(Map.entry("sourceIp", "192.0.2.1"));
  }

  @Test
  void syntaxErrorIsRejectedAtCompile() {
    assertThatThrownBy(() -> MappingTemplate.compile("#foreach($x in $list) no end"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid mapping expression specified: ");
    assertThatThrownBy(() -> MappingTemplate.compile("#if(\"a\" ==)x#end"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid mapping expression specified: ");
  }

  @Test
  void foreachStopsAfterOneThousandIterations() {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 1500; i++) {
      body.append(i == 0 ? "" : ",").append(i);
    }
    body.append(']');
    String rendered = render("#foreach($i in $input.path('$'))x#end", body.toString());
    assertThat(rendered).hasSize(1000);
  }

  @Test
  void velocityOneSevenTruthinessAnEmptyStringIsTrue() {
    assertThat(render("#set($e = '')#if($e)yes#{else}no#end", "")).isEqualTo("yes");
    assertThat(render("#if($missing)yes#{else}no#end", "")).isEqualTo("no");
  }

  @Test
  void templatesCannotReachClassesOrFiles() {
    assertThat(render("[$util.getClass().forName('java.lang.Runtime')]", "")).isEqualTo("[]");
    assertThat(render("[$input.body.getClass().getClassLoader()]", "x")).isEqualTo("[]");
    assertThat(render("[#include('/etc/passwd')][#parse('/etc/hostname')]", "")).isEqualTo("[][]");
  }

  @Test
  void compiledTemplateRendersConcurrently() throws Exception {
    MappingTemplate template =
        MappingTemplate.compile(
            "#set($context.responseOverride.status = $input.path('$.n'))$input.json('$.n')");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Rendered>> results = new ArrayList<>();
      for (int i = 200; i < 400; i++) {
        String body = "{\"n\":" + i + "}";
        results.add(pool.submit(() -> template.render(Scopes.body(body))));
      }
      for (int i = 0; i < results.size(); i++) {
        Rendered rendered = results.get(i).get();
        assertThat(rendered.body()).isEqualTo(String.valueOf(200 + i));
        assertThat(rendered.overrides().status()).isEqualTo(200 + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
