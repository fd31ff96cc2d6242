package dev.apigw.node.dataplane.integration.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.http.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyEventTest {

  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text.replace('\'', '"'));
  }

  private static JsonNode event(ProxyRequest request) throws Exception {
    return Json.MAPPER.readTree(ProxyEvent.toJson(request));
  }

  private static Map<String, Object> requestContext() {
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("sourceIp", "203.0.113.7");
    identity.put("userAgent", "curl/8.5.0");
    identity.put("apiKey", null);
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("accountId", "123456789012");
    context.put("apiId", "a1b2c3d4e5");
    context.put("stage", "prod");
    context.put("requestTimeEpoch", 1_700_000_000_000L);
    context.put("identity", identity);
    context.put("authorizer", null);
    return context;
  }

  @Test
  void fullRequestHasAwsShapeWithMultiValuesAndLastValues() throws Exception {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Accept", List.of("text/plain", "application/json"));
    headers.put("Host", List.of("a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"));
    Map<String, List<String>> query = new LinkedHashMap<>();
    query.put("tag", List.of("a", "b"));
    query.put("q", List.of("x y"));
    var request = new ProxyRequest(
        "/pets/{id}", "/pets/7", "POST", headers, query,
        Map.of("id", "7"), Map.of("env", "prod"), requestContext(),
        "{\"name\":\"Rex\"}".getBytes(UTF_8), false);

    byte[] bytes = ProxyEvent.toJson(request);

    assertThat(Json.MAPPER.readTree(bytes)).isEqualTo(json("""
        {
          'resource': '/pets/{id}',
          'path': '/pets/7',
          'httpMethod': 'POST',
          'headers': {'Accept': 'application/json', 'Host': 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com'},
          'multiValueHeaders': {
            'Accept': ['text/plain', 'application/json'],
            'Host': ['a1b2c3d4e5.execute-api.us-east-1.amazonaws.com']},
          'queryStringParameters': {'tag': 'b', 'q': 'x y'},
          'multiValueQueryStringParameters': {'tag': ['a', 'b'], 'q': ['x y']},
          'pathParameters': {'id': '7'},
          'stageVariables': {'env': 'prod'},
          'requestContext': {
            'accountId': '123456789012', 'apiId': 'a1b2c3d4e5', 'stage': 'prod',
            'requestTimeEpoch': 1700000000000,
            'identity': {'sourceIp': '203.0.113.7', 'userAgent': 'curl/8.5.0', 'apiKey': null},
            'authorizer': null},
          'body': '{\\'name\\':\\'Rex\\'}',
          'isBase64Encoded': false
        }
        """.replace("\\'", "\\\"")));
    // AWS's field order.
    assertThat(Json.MAPPER.readTree(bytes).fieldNames()).toIterable().containsExactly(
        "resource", "path", "httpMethod", "headers", "multiValueHeaders", "queryStringParameters",
        "multiValueQueryStringParameters", "pathParameters", "stageVariables", "requestContext", "body",
        "isBase64Encoded");
  }

  @Test
  void absentPartsAreNullAsAwsSendsThem() throws Exception {
    var request = new ProxyRequest("/", "/", "GET", Map.of(), null, Map.of(), null, Map.of(), null, false);

    assertThat(event(request)).isEqualTo(json("""
        {'resource': '/', 'path': '/', 'httpMethod': 'GET',
         'headers': null, 'multiValueHeaders': null,
         'queryStringParameters': null, 'multiValueQueryStringParameters': null,
         'pathParameters': null, 'stageVariables': null, 'requestContext': {},
         'body': null, 'isBase64Encoded': false}
        """));
  }

  @Test
  void binaryBodyIsBase64() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
    var request = new ProxyRequest("/img", "/img", "PUT", null, null, null, null, null, png, true);

    JsonNode event = event(request);

    assertThat(event.path("body").asText()).isEqualTo("iVBORwD/");
    assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
  }

  @Test
  void parameterWithoutValueIsAnEmptyString() throws Exception {
    Map<String, List<String>> query = Map.of("flag", List.of());
    var request = new ProxyRequest("/", "/", "GET", null, query, null, null, null, null, false);

    JsonNode event = event(request);

    assertThat(event.path("queryStringParameters")).isEqualTo(json("{'flag': ''}"));
    assertThat(event.path("multiValueQueryStringParameters")).isEqualTo(json("{'flag': ['']}"));
  }

  @Test
  void requestIsImmutable() {
    Map<String, String> stageVariables = new LinkedHashMap<>(Map.of("a", "1"));
    byte[] body = "x".getBytes(UTF_8);
    var request = new ProxyRequest("/", "/", "GET", null, null, null, stageVariables, null, body, false);
    stageVariables.put("b", "2");
    body[0] = 'y';

    assertThat(request.stageVariables()).containsOnlyKeys("a");
    assertThat(request.body()).containsExactly('x');
  }
}
