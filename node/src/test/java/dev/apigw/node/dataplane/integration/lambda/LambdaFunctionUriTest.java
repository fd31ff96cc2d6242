package dev.apigw.node.dataplane.integration.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LambdaFunctionUriTest {

  @Test
  void parsesRegionAndFunctionArn() {
    var uri = LambdaFunctionUri.parse(
        "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:my-fn/invocations");

    assertThat(uri).isEqualTo(new LambdaFunctionUri("eu-west-1", "arn:aws:lambda:eu-west-1:123456789012:function:my-fn"));
    assertThat(uri.invocationsPath())
        .isEqualTo("/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:my-fn/invocations");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "arn:aws:lambda:us-east-1:123456789012:function:my-fn:prod",
      "arn:aws:lambda:us-east-1:123456789012:function:my-fn:7",
      "arn:aws:lambda:us-east-1:123456789012:function:my_fn:$LATEST",
      "arn:aws-cn:lambda:cn-north-1:123456789012:function:my-fn"})
  void acceptsQualifiersAndPartitions(String functionArn) {
    String partition = functionArn.split(":")[1];
    var uri = LambdaFunctionUri.parse(
        "arn:" + partition + ":apigateway:us-east-1:lambda:path/2015-03-31/functions/" + functionArn + "/invocations");

    assertThat(uri.functionArn()).isEqualTo(functionArn);
  }

  @org.junit.jupiter.api.Test
  void acceptsTheFunctionArnAloneAsHttpApisDo() {
    var uri = LambdaFunctionUri.parse("arn:aws:lambda:eu-west-1:123456789012:function:my-fn:live");
    assertThat(uri.region()).isEqualTo("eu-west-1");
    assertThat(uri.functionArn()).isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:my-fn:live");
    assertThat(uri.invocationsPath())
        .isEqualTo("/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:my-fn:live/invocations");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "http://example.com/",
      "arn:aws:apigateway:us-east-1:s3:path/bucket/key",
      "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/",
      "arn:aws:apigateway:us-east-1:lambda:path/2020-01-01/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations"})
  void refusesUrisThatAreNotLambdaInvocations(String uri) {
    assertThatThrownBy(() -> LambdaFunctionUri.parse(uri))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Lambda integration uri: '" + uri + "' (expected: "
            + "arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations)");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "my-fn",
      "arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}",
      "arn:aws:lambda:us-east-1:1234:function:my-fn",
      "arn:aws:lambda:us-east-1:123456789012:layer:my-fn"})
  void refusesFunctionArnsThatAreNotArns(String functionArn) {
    assertThatThrownBy(() -> LambdaFunctionUri.parse(
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + functionArn + "/invocations"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("function ARN '" + functionArn + "'")
        .hasMessageContaining("(expected: arn:aws:lambda:{region}:{12-digit account id}:function:{name}[:{alias or version}])");
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> LambdaFunctionUri.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
