package dev.apigw.node.dataplane.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteMatcherTest {
  /** The example routes of AWS's "Routing API requests" section, in an order that is not the precedence. */
  private static final RouteMatcher<String> AWS_EXAMPLE = table(
      "$default", "ANY /{proxy+}", "GET /pets/{proxy+}", "GET /pets/dog/{id}", "GET /pets/dog/1");

  private static RouteMatcher<String> table(String... keys) {
    Map<String, String> routes = new LinkedHashMap<>();
    for (String k : keys) {
      routes.put(k, k);
    }
    return RouteMatcher.compile(routes);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "GET  | /pets/dog/1 | GET /pets/dog/1",     // fully matches the static route
      "GET  | /pets/dog/2 | GET /pets/dog/{id}",  // fully matches the route with a variable
      "GET  | /pets/cat/1 | GET /pets/{proxy+}",  // no full match: the GET greedy route
      "POST | /test/5     | ANY /{proxy+}",       // ANY matches methods no route names; greedy before $default
      "POST | /pets/dog/1 | ANY /{proxy+}",       // a full match of the path with another method is no match
      "GET  | /           | $default",            // a greedy variable needs at least one segment
  })
  void followsAwsPrecedenceTable(String method, String path, String expected) {
    assertThat(AWS_EXAMPLE.match(method, path).route()).isEqualTo(expected);
  }

  @Test
  void specificMethodBeatsAnyOnTheSamePathAndLiteralBeatsVariableFromTheLeft() {
    var t = table("ANY /items/{id}", "GET /items/{id}", "GET /{kind}/special", "GET /items/{id}/x");
    assertThat(t.match("GET", "/items/7").route()).isEqualTo("GET /items/{id}");
    assertThat(t.match("DELETE", "/items/7").route()).isEqualTo("ANY /items/{id}");
    assertThat(t.match("GET", "/items/special").route()).isEqualTo("GET /items/{id}");
    assertThat(t.match("GET", "/things/special").route()).isEqualTo("GET /{kind}/special");
    assertThat(t.match("GET", "/nothing/here/at/all")).isNull();
  }

  @Test
  void pathParametersAreDecodedAndGreedyTakesTheRest() {
    var t = table("GET /users/{id}/files/{path+}", "GET /root");
    var m = t.match("GET", "/users/a%20b/files/x/y%2Fz.txt");
    assertThat(m.pathParameters()).isEqualTo(Map.of("id", "a b", "path", "x/y/z.txt"));
    assertThat(t.match("GET", "/users/a/files/")).isNull();
    assertThat(t.match("GET", "/users//files/x")).isNull();
    assertThat(t.match("GET", "/root").pathParameters()).isEmpty();
    assertThat(t.match("GET", "/root/")).isNull();
  }

  @Test
  void longerGreedyPrefixWins() {
    var t = table("ANY /{proxy+}", "ANY /a/{proxy+}", "ANY /a/b/{proxy+}");
    assertThat(t.match("GET", "/a/b/c").route()).isEqualTo("ANY /a/b/{proxy+}");
    assertThat(t.match("GET", "/a/c").route()).isEqualTo("ANY /a/{proxy+}");
    assertThat(t.match("GET", "/z").route()).isEqualTo("ANY /{proxy+}");
  }

  @Test
  void rootRouteAndBadKeys() {
    var t = table("GET /", "not a key", "GET nopath");
    assertThat(t.match("GET", "/").key().segments()).isEqualTo(List.of());
    assertThat(t.match("GET", "/x")).isNull();
  }
}
