package dev.apigw.node.dataplane.integration.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyResponseTest {

  private static ProxyResponse parse(String json) {
    return ProxyResponse.parse(json.replace('\'', '"').getBytes(UTF_8));
  }

  @Test
  void parsesStatusHeadersAndTextBody() {
    var response = parse("{'statusCode': 201, 'headers': {'Content-Type': 'application/json'}, 'body': '{}', 'isBase64Encoded': false}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers()).isEqualTo(Map.of("Content-Type", List.of("application/json")));
    assertThat(new String(response.body(), UTF_8)).isEqualTo("{}");
  }

  @Test
  void onlyStatusCodeIsRequired() {
    var response = parse("{'statusCode': 204}");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers()).isEmpty();
    assertThat(response.body()).isEmpty();
  }

  @Test
  void nullsMeanAbsent() {
    var response = parse("{'statusCode': 200, 'headers': null, 'multiValueHeaders': null, 'body': null, 'isBase64Encoded': null}");

    assertThat(response.headers()).isEmpty();
    assertThat(response.body()).isEmpty();
  }

  @Test
  void statusCodeAsNumericStringIsAccepted() {
    assertThat(parse("{'statusCode': '404'}").statusCode()).isEqualTo(404);
  }

  @Test
  void base64BodyIsDecoded() {
    var response = parse("{'statusCode': 200, 'body': 'iVBORwD/', 'isBase64Encoded': true}");

    assertThat(response.body()).containsExactly(0x89, 'P', 'N', 'G', 0, 0xff);
  }

  @Test
  void multiValueHeadersMergeWithHeadersAndWinForTheSameName() {
    var response = parse("""
        {'statusCode': 200,
         'headers': {'X-One': 'a', 'set-cookie': 'ignored=1', 'X-Num': 5},
         'multiValueHeaders': {'Set-Cookie': ['a=1', 'b=2'], 'X-Many': ['x', 'y']}}
        """);

    assertThat(response.headers()).containsExactly(
        Map.entry("X-One", List.of("a")),
        Map.entry("X-Num", List.of("5")),
        Map.entry("Set-Cookie", List.of("a=1", "b=2")),
        Map.entry("X-Many", List.of("x", "y")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      not JSON                   | garbage                                            | not JSON
      empty                      | ''                                                 | a JSON empty document
      array                      | [1]                                                | a JSON array
      string                     | 'hello'                                            | a JSON string
      trailing content           | {'statusCode': 200} x                              | not JSON
      statusCode missing         | {'body': 'x'}                                      | no statusCode
      statusCode null            | {'statusCode': null}                               | no statusCode
      statusCode fraction        | {'statusCode': 200.5}                              | statusCode: 200.5
      statusCode word            | {'statusCode': 'OK'}                               | statusCode: "OK"
      statusCode out of range    | {'statusCode': 999}                                | statusCode: 999 (expected: 100-599)
      body object                | {'statusCode': 200, 'body': {'a': 1}}              | body: a JSON object (expected: a string
      body number                | {'statusCode': 200, 'body': 5}                     | body: a JSON number
      headers array              | {'statusCode': 200, 'headers': ['a']}              | headers: a JSON array
      header value object        | {'statusCode': 200, 'headers': {'a': {}}}          | headers.a: a JSON object (expected: a string)
      multiValueHeaders string   | {'statusCode': 200, 'multiValueHeaders': 'a'}      | multiValueHeaders: a JSON string
      multi value not array      | {'statusCode': 200, 'multiValueHeaders': {'a': 'b'}} | multiValueHeaders.a: a JSON string (expected: an array of strings)
      multi value nested         | {'statusCode': 200, 'multiValueHeaders': {'a': [[]]}} | multiValueHeaders.a: contains a JSON array
      isBase64Encoded string     | {'statusCode': 200, 'isBase64Encoded': 'yes'}      | isBase64Encoded: "yes" (expected: true or false)
      bad base64                 | {'statusCode': 200, 'body': '***', 'isBase64Encoded': true} | body: not base64
      unknown field              | {'statusCode': 200, 'statusDescription': 'OK'}     | unexpected field 'statusDescription'
      """)
  void malformedResponsesAreRefused(String name, String json, String message) {
    String payload = json.equals("''") ? "" : json.replace('\'', '"');

    assertThatThrownBy(() -> ProxyResponse.parse(payload.getBytes(UTF_8)))
        .isInstanceOf(MalformedLambdaResponseException.class)
        .hasMessageStartingWith("Malformed Lambda proxy response: ")
        .hasMessageContaining(message);
  }
}
