package dev.apigw.node.dataplane.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Route selection expressions against messages. */
class RouteSelectionTest {
  @Test
  void selectsTopLevelAndNestedFields() {
    assertThat(RouteSelection.parse("$request.body.action").select("{\"action\": \"send\"}")).isEqualTo("send");
    assertThat(RouteSelection.parse("${request.body.action}").select("{\"action\": \"send\"}")).isEqualTo("send");
    assertThat(RouteSelection.parse("$request.body.a.b").select("{\"a\": {\"b\": \"deep\"}}")).isEqualTo("deep");
    assertThat(RouteSelection.parse("$request.body.n").select("{\"n\": 7}")).isEqualTo("7");
  }

  @Test
  void selectsNothingForNonJsonMissingFieldsObjectsAndOtherExpressions() {
    RouteSelection action = RouteSelection.parse("$request.body.action");
    assertThat(action.select("not json")).isNull();
    assertThat(action.select("{\"other\": 1}")).isNull();
    assertThat(action.select("{\"action\": {\"nested\": 1}}")).isNull();
    assertThat(action.select("[1, 2]")).isNull();
    assertThat(RouteSelection.parse("$request.header.x").select("{\"action\": \"send\"}")).isNull();
    assertThat(RouteSelection.parse("$request.body.a.b").select("{\"a\": \"flat\"}")).isNull();
  }
}
