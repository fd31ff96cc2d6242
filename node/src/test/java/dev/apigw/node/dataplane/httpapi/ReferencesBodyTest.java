package dev.apigw.node.dataplane.httpapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.apigw.node.http.Json;
import org.junit.jupiter.api.Test;

/** {@code $request.body.x} paths: members, array indexes in both spellings, absent values and JSON values. */
class ReferencesBodyTest {
  private static JsonNode body(String json) throws Exception {
    return Json.MAPPER.readTree(json);
  }

  @Test
  void pathsResolveMembersAndIndexes() throws Exception {
    JsonNode root = body("{\"a\":{\"b\":\"x\",\"n\":3,\"t\":true},\"items\":[{\"id\":7},\"second\"],"
        + "\"0\":\"zero\",\"odd/key~\":\"odd\",\"nil\":null}");
    assertThat(References.bodyValue(root, "a.b")).isEqualTo("x");
    assertThat(References.bodyValue(root, "a.n")).isEqualTo("3");
    assertThat(References.bodyValue(root, "a.t")).isEqualTo("true");
    assertThat(References.bodyValue(root, "a")).isEqualTo("{\"b\":\"x\",\"n\":3,\"t\":true}");
    assertThat(References.bodyValue(root, "items.1")).isEqualTo("second");
    assertThat(References.bodyValue(root, "items[1]")).isEqualTo("second");
    assertThat(References.bodyValue(root, "items[0].id")).isEqualTo("7");
    assertThat(References.bodyValue(root, "items.0.id")).isEqualTo("7");
    assertThat(References.bodyValue(root, "0")).isEqualTo("zero"); // a number names an object's member too
    assertThat(References.bodyValue(root, "odd/key~")).isEqualTo("odd");
  }

  @Test
  void absentAndNullValuesResolveToNothing() throws Exception {
    JsonNode root = body("{\"a\":{\"b\":\"x\"},\"items\":[1],\"nil\":null}");
    assertThat(References.bodyValue(root, "nil")).isNull();
    assertThat(References.bodyValue(root, "a.c")).isNull();
    assertThat(References.bodyValue(root, "a.b.c")).isNull();
    assertThat(References.bodyValue(root, "items.5")).isNull();
    assertThat(References.bodyValue(root, "items.x")).isNull();
    assertThat(References.bodyValue(MissingNode.getInstance(), "a")).isNull(); // the body is not JSON
  }
}
