package dev.apigw.node.dataplane.integration.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyEventV2Test {
  private static ProxyRequestV2 request(Map<String, List<String>> headers, byte[] body, boolean base64) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    query.put("a", List.of("1", "2"));
    query.put("b c", List.of("d"));
    return new ProxyRequestV2("GET /pets/{id}", "/prod/pets/7", "a=1&a=2&b%20c=d", headers, query, Map.of("id", "7"),
        Map.of("v", "x"), Map.of("requestId", "r1"), body, base64);
  }

  @Test
  void writesAwsPayload20() throws Exception {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("X-Multi", List.of("one", "two"));
    headers.put("Cookie", List.of("s=1; t=2", "u=3"));
    headers.put("Content-Type", List.of("application/json"));
    JsonNode e = Json.MAPPER.readTree(ProxyEventV2.toJson(request(headers, "{\"x\":1}".getBytes(StandardCharsets.UTF_8), false)));
    assertThat(e.get("version").asText()).isEqualTo("2.0");
    assertThat(e.get("routeKey").asText()).isEqualTo("GET /pets/{id}");
    assertThat(e.get("rawPath").asText()).isEqualTo("/prod/pets/7");
    assertThat(e.get("rawQueryString").asText()).isEqualTo("a=1&a=2&b%20c=d");
    assertThat(e.get("cookies")).hasSize(3);
    assertThat(e.get("cookies").get(2).asText()).isEqualTo("u=3");
    assertThat(e.get("headers").get("x-multi").asText()).isEqualTo("one,two");
    assertThat(e.get("headers").has("cookie")).isFalse();
    assertThat(e.get("headers").get("content-type").asText()).isEqualTo("application/json");
    assertThat(e.get("queryStringParameters").get("a").asText()).isEqualTo("1,2");
    assertThat(e.get("queryStringParameters").get("b c").asText()).isEqualTo("d");
    assertThat(e.get("pathParameters").get("id").asText()).isEqualTo("7");
    assertThat(e.get("stageVariables").get("v").asText()).isEqualTo("x");
    assertThat(e.get("requestContext").get("requestId").asText()).isEqualTo("r1");
    assertThat(e.get("body").asText()).isEqualTo("{\"x\":1}");
    assertThat(e.get("isBase64Encoded").asBoolean()).isFalse();
  }

  @Test
  void leavesOutEmptyPartsAndBase64EncodesBinary() throws Exception {
    var r = new ProxyRequestV2("$default", "/", "", Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
        new byte[] {1, 2, (byte) 0xff}, true);
    JsonNode e = Json.MAPPER.readTree(ProxyEventV2.toJson(r));
    assertThat(e.has("cookies")).isFalse();
    assertThat(e.has("queryStringParameters")).isFalse();
    assertThat(e.has("pathParameters")).isFalse();
    assertThat(e.has("stageVariables")).isFalse();
    assertThat(e.get("body").asText()).isEqualTo("AQL/");
    assertThat(e.get("isBase64Encoded").asBoolean()).isTrue();
    assertThat(TextMediaTypes.isText("application/json")).isTrue();
    assertThat(TextMediaTypes.isText("application/vnd.api+json")).isTrue();
    assertThat(TextMediaTypes.isText("text/plain")).isTrue();
    assertThat(TextMediaTypes.isText("application/octet-stream")).isFalse();
    assertThat(TextMediaTypes.isText("application/x-www-form-urlencoded")).isFalse();
  }

  @Test
  void readsStructuredAndInferredResponses() {
    var structured = ProxyResponseV2.parse(("{\"statusCode\": 201, \"headers\": {\"x-a\": \"b\"}, \"cookies\": [\"c=1\", \"d=2\"],"
        + " \"body\": \"aGk=\", \"isBase64Encoded\": true}").getBytes(StandardCharsets.UTF_8));
    assertThat(structured.statusCode()).isEqualTo(201);
    assertThat(structured.headers()).containsEntry("x-a", List.of("b")).containsEntry("Set-Cookie", List.of("c=1", "d=2"));
    assertThat(new String(structured.body(), StandardCharsets.UTF_8)).isEqualTo("hi");

    var inferred = ProxyResponseV2.parse("{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(inferred.statusCode()).isEqualTo(200);
    assertThat(inferred.headers()).containsEntry("Content-Type", List.of("application/json"));
    assertThat(new String(inferred.body(), StandardCharsets.UTF_8)).isEqualTo("{\"hello\": \"world\"}");
    assertThat(ProxyResponseV2.parse("\"text\"".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);

    assertThatThrownBy(() -> ProxyResponseV2.parse("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedLambdaResponseException.class);
    assertThatThrownBy(() -> ProxyResponseV2.parse("{\"statusCode\": \"abc\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedLambdaResponseException.class);
    assertThatThrownBy(() -> ProxyResponseV2.parse("{\"statusCode\": 200, \"headers\": []}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedLambdaResponseException.class);
  }
}
