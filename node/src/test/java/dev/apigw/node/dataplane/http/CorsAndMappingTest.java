package dev.apigw.node.dataplane.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.protocol.v2.Cors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.Test;

class CorsAndMappingTest {
  private static final CorsPolicy CORS = CorsPolicy.of(new Cors(true, List.of("authorization", "content-type"),
      List.of("GET", "POST"), List.of("https://app.example.com"), List.of("x-total"), 300));

  private static String header(HttpResponse r, String name) {
    return r.getHeader(name).map(h -> h.value()).orElse(null);
  }

  @Test
  void answersPreflightsForAllowedOriginsOnly() {
    HttpRequest preflight = HttpRequest.create("/pets").withMethod(HttpMethods.OPTIONS).addHeaders(List.of(
        RawHeader.create("Origin", "https://app.example.com"), RawHeader.create("Access-Control-Request-Method", "POST")));
    assertThat(CorsPolicy.isPreflight(preflight)).isTrue();
    HttpResponse r = CORS.preflight(preflight);
    assertThat(r.status().intValue()).isEqualTo(204);
    assertThat(header(r, "access-control-allow-origin")).isEqualTo("https://app.example.com");
    assertThat(header(r, "access-control-allow-methods")).isEqualTo("GET,POST");
    assertThat(header(r, "access-control-allow-headers")).isEqualTo("authorization,content-type");
    assertThat(header(r, "access-control-max-age")).isEqualTo("300");
    assertThat(header(r, "access-control-allow-credentials")).isEqualTo("true");

    HttpResponse other = CORS.preflight(preflight.withHeaders(List.of(RawHeader.create("Origin", "https://evil.example"),
        RawHeader.create("Access-Control-Request-Method", "POST"))));
    assertThat(other.status().intValue()).isEqualTo(204);
    assertThat(header(other, "access-control-allow-origin")).isNull();
    assertThat(CorsPolicy.isPreflight(HttpRequest.create("/").withMethod(HttpMethods.OPTIONS))).isFalse();
  }

  @Test
  void replacesTheBackendsCorsHeaders() {
    HttpResponse backend = HttpResponse.create().addHeaders(List.of(RawHeader.create("Access-Control-Allow-Origin", "*"),
        RawHeader.create("X-Kept", "1")));
    HttpResponse r = CORS.apply(backend, "https://app.example.com");
    assertThat(header(r, "access-control-allow-origin")).isEqualTo("https://app.example.com");
    assertThat(header(r, "access-control-expose-headers")).isEqualTo("x-total");
    assertThat(header(r, "x-kept")).isEqualTo("1");
    assertThat(r.getHeaders()).filteredOn(h -> h.lowercaseName().equals("access-control-allow-origin")).hasSize(1);
    HttpResponse noOrigin = CORS.apply(backend, null);
    assertThat(header(noOrigin, "access-control-allow-origin")).isNull();
    var star = CorsPolicy.of(new Cors(null, null, null, List.of("*"), null, null));
    assertThat(header(star.apply(HttpResponse.create(), "https://x"), "access-control-allow-origin")).isEqualTo("*");
  }

  @Test
  void mapsHeadersQueryPathAndStatus() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("append:header.x-added", "static-$request.header.x-in");
    params.put("overwrite:header.x-in", "${context.requestId}");
    params.put("remove:header.x-gone", "''");
    params.put("overwrite:querystring.q", "$stageVariables.v");
    params.put("remove:querystring.drop", "''");
    params.put("overwrite:path", "/new$request.path");
    params.put("bogus:key", "x");
    var mapping = ParameterMapping.compile(params);
    assertThat(mapping.changesQuery()).isTrue();
    var p = new ParameterMapping.Parameters(
        new ArrayList<>(List.of(Map.entry("X-In", "in"), Map.entry("X-Gone", "g"))),
        new ArrayList<>(List.of(Map.entry("q", "old"), Map.entry("drop", "1"), Map.entry("keep", "2"))), null, null);
    Map<String, String> values = Map.of("request.header.x-in", "in", "context.requestId", "req-1",
        "stageVariables.v", "sv", "request.path", "/orig");
    mapping.apply(p, values::get);
    assertThat(p.headers).containsExactly(Map.entry("x-in", "req-1"), Map.entry("x-added", "static-in"));
    assertThat(p.query).containsExactly(Map.entry("keep", "2"), Map.entry("q", "sv"));
    assertThat(p.path).isEqualTo("/new/orig");

    var response = ParameterMapping.compile(Map.of("overwrite:statuscode", "204", "append:header.x-r", "$response.header.a"));
    var out = new ParameterMapping.Parameters(List.of(), List.of(), null, 200);
    response.apply(out, ref -> ref.equals("response.header.a") ? "A" : null);
    assertThat(out.status).isEqualTo(204);
    assertThat(out.headers).containsExactly(Map.entry("x-r", "A"));
  }
}
