package dev.apigw.node.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.controlplane.common.PatchOperation.Op;
import dev.apigw.node.controlplane.common.PatchOperation;
import dev.apigw.node.controlplane.common.PatchOperations;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.errors.BadRequestException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatchOperationsTest {

  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text);
  }

  @Test
  void parsesEveryAwsOpInOrder() throws Exception {
    var ops =
        PatchOperations.parse(
            json("{\"patchOperations\":[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"x\"},"
                + "{\"op\":\"add\",\"path\":\"/a\"},{\"op\":\"remove\",\"path\":\"/b\"},"
                + "{\"op\":\"move\",\"path\":\"/c\",\"from\":\"/d\"},{\"op\":\"copy\",\"path\":\"/e\",\"from\":\"/f\"},"
                + "{\"op\":\"test\",\"path\":\"/g\",\"value\":\"1\"}]}"));
    assertThat(ops).extracting(PatchOperation::op).containsExactly(Op.REPLACE, Op.ADD, Op.REMOVE, Op.MOVE, Op.COPY, Op.TEST);
    assertThat(ops.get(0)).isEqualTo(new PatchOperation(Op.REPLACE, "/name", "x", null));
    assertThat(ops.get(3).from()).isEqualTo("/d");
    assertThat(PatchOperations.parse(json("{}"))).isEmpty();
  }

  @Test
  void refusesMalformedOperations() {
    assertThatThrownBy(() -> PatchOperations.parse(json("{\"patchOperations\":{}}"))).isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> PatchOperations.parse(json("{\"patchOperations\":[1]}"))).isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> PatchOperations.parse(json("{\"patchOperations\":[{\"path\":\"/a\"}]}")))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("op is required");
    assertThatThrownBy(() -> PatchOperations.parse(json("{\"patchOperations\":[{\"op\":\"upsert\",\"path\":\"/a\"}]}")))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid patch operation specified: upsert");
    assertThatThrownBy(() -> PatchOperations.parse(json("{\"patchOperations\":[{\"op\":\"add\",\"path\":\"a\"}]}")))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid patch path");
    assertThatThrownBy(() -> PatchOperations.parse(json("{\"patchOperations\":[{\"op\":\"add\",\"path\":\"/a\",\"value\":1}]}")))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("value");
  }

  @Test
  void matchesTemplatesOnDecodedSegments() {
    var op = new PatchOperation(Op.REPLACE, "/apiStages/abc:prod/throttle/~1pets~1{id}/GET/rateLimit", "5", null);
    assertThat(op.segments()).containsExactly("apiStages", "abc:prod", "throttle", "/pets/{id}", "GET", "rateLimit");
    assertThat(op.match("/apiStages/{stage}/throttle/{resource}/{method}/{field}"))
        .hasValue(Map.of("stage", "abc:prod", "resource", "/pets/{id}", "method", "GET", "field", "rateLimit"));
    assertThat(op.match("/apiStages/{stage}/throttle/{resource}/{method}")).isEmpty();
    assertThat(op.match("/apiStages/{stage}/quota/{resource}/{method}/{field}")).isEmpty();
    assertThat(new PatchOperation(Op.REPLACE, "/a~0b", null, null).segments()).containsExactly("a~b");
  }

  @Test
  void convertsValuesOrAnswers400() {
    assertThat(new PatchOperation(Op.REPLACE, "/enabled", "true", null).booleanValue()).isTrue();
    assertThat(new PatchOperation(Op.REPLACE, "/n", "42", null).intValue()).isEqualTo(42);
    assertThat(new PatchOperation(Op.REPLACE, "/n", "2.5", null).doubleValue()).isEqualTo(2.5);
    assertThatThrownBy(() -> new PatchOperation(Op.REPLACE, "/enabled", "yes", null).booleanValue())
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> new PatchOperation(Op.REPLACE, "/n", "x", null).intValue()).isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> new PatchOperation(Op.REPLACE, "/n", "NaN", null).doubleValue()).isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> new PatchOperation(Op.REPLACE, "/n", null, null).requiredValue())
        .isInstanceOf(BadRequestException.class);
    assertThat(new PatchOperation(Op.ADD, "/x", null, null).unsupported(List.of("/name")))
        .hasMessage("Invalid patch path '/x' specified for op 'add'. Must be one of: [/name]");
  }
}
