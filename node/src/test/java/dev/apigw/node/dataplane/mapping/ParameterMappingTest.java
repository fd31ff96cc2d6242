package dev.apigw.node.dataplane.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterMappingTest {
  private static final String PET =
      "{\"petId\":42,\"name\":\"Rex\",\"owner\":{\"tags\":[\"a\",\"b\"]}}";

  private static MappingSources request() {
    return new MappingSources(
        Map.of("id", "7"),
        Map.of("q", List.of("one", "two")),
        Map.of("Puppies", List.of("true", "false")),
        PET,
        Map.of("env", "prod"),
        Map.of("requestId", "req-1", "identity", Map.of("sourceIp", "192.0.2.1")),
        Map.of(),
        null);
  }

  private static MappingSources response(Map<String, List<String>> headers, String body) {
    return new MappingSources(
        Map.of(),
        Map.of(),
        Map.of(),
        null,
        Map.of("env", "prod"),
        Map.of("stage", "prod"),
        headers,
        body);
  }

  private static Map<String, String> ordered(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void mapsEveryRequestSourceKind() {
    ParameterMapping mapping =
        ParameterMapping.compile(
            ordered(
                "integration.request.path.petId", "method.request.path.id",
                "integration.request.querystring.first", "method.request.querystring.q",
                "integration.request.querystring.all", "method.request.multivaluequerystring.q",
                "integration.request.header.DogsAge0", "method.request.header.puppies",
                "integration.request.header.DogsAll", "method.request.multivalueheader.PUPPIES",
                "integration.request.header.X-Env", "stageVariables.env",
                "integration.request.header.X-Ip", "context.identity.sourceIp",
                "integration.request.header.X-Request", "context.requestId",
                "integration.request.header.Accept", "'application/json'"));
    MappedParameters mapped = mapping.apply(request());
    assertThat(mapped.path()).containsExactly(Map.entry("petId", "7"));
    assertThat(mapped.querystring())
        .containsExactly(
            Map.entry("first", List.of("one")), Map.entry("all", List.of("one", "two")));
    assertThat(mapped.headers())
        .containsExactly(
            Map.entry("DogsAge0", List.of("true")),
            Map.entry("DogsAll", List.of("true", "false")),
            Map.entry("X-Env", List.of("prod")),
            Map.entry("X-Ip", List.of("192.0.2.1")),
            Map.entry("X-Request", List.of("req-1")),
            Map.entry("Accept", List.of("application/json")));
  }

  @Test
  void knowsWhetherItReadsTheContextTree() {
    assertThat(ParameterMapping.compile(Map.of("integration.request.header.X", "context.requestId")).readsContext())
        .isTrue();
    assertThat(ParameterMapping.compile(Map.of("integration.request.path.p", "method.request.path.p")).readsContext())
        .isFalse();
    assertThat(ParameterMapping.compile(Map.of()).readsContext()).isFalse();
  }

  @Test
  void bodyAndJsonPathIntoTheBody() {
    ParameterMapping mapping =
        ParameterMapping.compile(
            ordered(
                "integration.request.header.X-Body", "method.request.body",
                "integration.request.path.petId", "method.request.body.petId",
                "integration.request.querystring.name", "method.request.body.name",
                "integration.request.header.X-Owner", "method.request.body.owner",
                "integration.request.header.X-Tag", "method.request.body.owner.tags[1]"));
    MappedParameters mapped = mapping.apply(request());
    assertThat(mapped.headers())
        .containsExactly(
            Map.entry("X-Body", List.of(PET)),
            Map.entry("X-Owner", List.of("{\"tags\":[\"a\",\"b\"]}")),
            Map.entry("X-Tag", List.of("b")));
    assertThat(mapped.path()).containsExactly(Map.entry("petId", "42"));
    assertThat(mapped.querystring()).containsExactly(Map.entry("name", List.of("Rex")));
  }

  @Test
  void missingSourcesProduceNoTarget() {
    ParameterMapping mapping =
        ParameterMapping.compile(
            ordered(
                "integration.request.path.x", "method.request.path.nope",
                "integration.request.querystring.x", "method.request.querystring.nope",
                "integration.request.header.A", "method.request.header.nope",
                "integration.request.header.B", "method.request.body.nope.deeper",
                "integration.request.header.C", "stageVariables.nope",
                "integration.request.header.D", "context.identity.nope"));
    assertThat(mapping.apply(request())).isEqualTo(MappedParameters.empty());
  }

  @Test
  void bodyThatIsNotJsonGivesNoJsonPathValue() {
    ParameterMapping mapping =
        ParameterMapping.compile(
            Map.of("integration.request.header.X", "method.request.body.petId"));
    MappingSources sources =
        MappingSources.forRequest(Map.of(), Map.of(), Map.of(), "petId=42", Map.of(), Map.of());
    assertThat(mapping.apply(sources).headers()).isEmpty();
  }

  @Test
  void responseMappingReadsTheIntegrationResponse() {
    ParameterMapping mapping =
        ParameterMapping.compile(
            ordered(
                "method.response.header.CatsAge0", "integration.response.header.kittens",
                "method.response.header.All", "integration.response.multivalueheader.Kittens",
                "method.response.header.X-Id", "integration.response.body.id",
                "method.response.header.X-Raw", "integration.response.body",
                "method.response.header.X-Stage", "context.stage",
                "method.response.header.X-Env", "stageVariables.env",
                "method.response.header.Access-Control-Allow-Origin", "'*'",
                "method.response.header.X-None", "integration.response.header.absent"));
    MappedParameters mapped =
        mapping.apply(response(Map.of("KITTENS", List.of("false", "true")), "{\"id\":\"abc\"}"));
    assertThat(mapped.headers())
        .containsExactly(
            Map.entry("CatsAge0", List.of("false")),
            Map.entry("All", List.of("false", "true")),
            Map.entry("X-Id", List.of("abc")),
            Map.entry("X-Raw", List.of("{\"id\":\"abc\"}")),
            Map.entry("X-Stage", List.of("prod")),
            Map.entry("X-Env", List.of("prod")),
            Map.entry("Access-Control-Allow-Origin", List.of("*")));
    assertThat(mapped.querystring()).isEmpty();
    assertThat(mapped.path()).isEmpty();
  }

  @Test
  void emptyOrNullMappingMapsNothing() {
    assertThat(ParameterMapping.compile(null).apply(request())).isEqualTo(MappedParameters.empty());
    assertThat(ParameterMapping.compile(Map.of()).isEmpty()).isTrue();
  }

  @Test
  void invalidTargetsAreRejected() {
    assertInvalid(
        Map.of("integration.request.body.x", "method.request.path.id"),
        "integration.request.body.x");
    assertInvalid(
        Map.of("integration.request.header.", "method.request.path.id"),
        "integration.request.header.");
    assertInvalid(
        Map.of("integration.request.header.a b", "method.request.path.id"),
        "integration.request.header.a b");
    assertInvalid(Map.of("method.response.querystring.x", "'v'"), "method.response.querystring.x");
    assertInvalid(Map.of("request.header.x", "'v'"), "request.header.x");
  }

  @Test
  void invalidSourcesAreRejected() {
    assertInvalid(
        Map.of("integration.request.header.x", "method.request.cookie.a"),
        "method.request.cookie.a");
    assertInvalid(Map.of("integration.request.header.x", "unquoted literal"), "unquoted literal");
    assertInvalid(Map.of("integration.request.header.x", "'unterminated"), "'unterminated");
    assertInvalid(Map.of("integration.request.header.x", ""), "");
    assertInvalid(
        Map.of("integration.request.header.x", "method.request.body.a[?("),
        "method.request.body.a[?(");
    // Each side reads only its own sources.
    assertInvalid(
        Map.of("integration.request.header.x", "integration.response.header.a"),
        "integration.response.header.a");
    assertInvalid(
        Map.of("method.response.header.x", "method.request.header.a"), "method.request.header.a");
  }

  @Test
  void requestAndResponseTargetsDoNotMix() {
    Map<String, String> mixed =
        ordered("integration.request.header.a", "'1'", "method.response.header.b", "'2'");
    assertThatThrownBy(() -> ParameterMapping.compile(mixed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[Invalid mapping expression specified: method.response.header.b]");
  }

  private static void assertInvalid(Map<String, String> mappings, String offending) {
    assertThatThrownBy(() -> ParameterMapping.compile(mappings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Invalid mapping expression specified: Validation Result: warnings : [], errors : "
                + "[Invalid mapping expression specified: "
                + offending
                + "] (expected: ");
  }
}
