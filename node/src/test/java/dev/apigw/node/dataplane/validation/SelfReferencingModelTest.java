package dev.apigw.node.dataplane.validation;

import static dev.apigw.node.dataplane.validation.Fixtures.BODY_ONLY;
import static dev.apigw.node.dataplane.validation.Fixtures.compile;
import static dev.apigw.node.dataplane.validation.Fixtures.definition;
import static dev.apigw.node.dataplane.validation.Fixtures.json;
import static dev.apigw.node.dataplane.validation.Fixtures.method;
import static dev.apigw.node.dataplane.validation.Fixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SelfReferencingModelTest {
  private static final String MODELS = "https://apigateway.amazonaws.com/restapis/a1b2c3d4e5/models/";

  @Test
  void aModelThatIsOnlyARefToItselfIsRefusedInsteadOfOverflowingTheStack() {
    var loop = model("Loop", "{\"$ref\": \"" + MODELS + "Loop\"}");
    assertThatThrownBy(() -> compile(definition(loop), method(BODY_ONLY, Map.of(), Map.of("application/json", "Loop"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$ref loop")
        .hasMessageContaining("Loop -> Loop");
  }

  @Test
  void twoModelsThatRefEachOtherAreRefused() {
    var a = model("A", "{\"$ref\": \"" + MODELS + "B\"}");
    var b = model("B", "{\"allOf\": [{\"$ref\": \"" + MODELS + "A\"}]}");
    assertThatThrownBy(() -> compile(definition(a, b), method(BODY_ONLY, Map.of(), Map.of("application/json", "A"))))
        .hasMessageContaining("A -> B -> A");
  }

  @Test
  void aLocalDefinitionThatRefsItselfIsRefused() {
    var local = model("Local", "{\"definitions\": {\"x\": {\"not\": {\"$ref\": \"#/definitions/x\"}}},"
        + " \"$ref\": \"#/definitions/x\"}");
    assertThatThrownBy(() -> compile(definition(local), method(BODY_ONLY, Map.of(), Map.of("application/json", "Local"))))
        .hasMessageContaining("$ref loop");
  }

  @Test
  void aRecursiveTreeModelStillValidatesNestedInput() {
    var tree = model("Tree", "{\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"},"
        + " \"children\": {\"type\": \"array\", \"items\": {\"$ref\": \"" + MODELS + "Tree\"}}}}");
    var validation = compile(definition(tree), method(BODY_ONLY, Map.of(), Map.of("application/json", "Tree")));
    assertThat(validation.validate(json("{\"name\": \"a\", \"children\": [{\"name\": \"b\", \"children\": []}]}")))
        .isEmpty();
    assertThat(validation.validate(json("{\"name\": \"a\", \"children\": [{\"name\": 1}]}"))).isNotEmpty();
  }
}
