package dev.apigw.node.dataplane.integration.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import org.junit.jupiter.api.Test;

class LambdaSettingsTest {

  @Test
  void defaultsFromTheGatewaysConfiguration() {
    var settings = LambdaSettings.from(ConfigFactory.load());

    assertThat(settings.region()).isEqualTo("us-east-1");
    assertThat(settings.endpoint()).isEqualTo(URI.create("https://lambda.us-east-1.amazonaws.com"));
    assertThat(settings.accessKeyId()).isEqualTo("test");
    assertThat(settings.secretAccessKey()).isEqualTo("test");
    assertThat(settings.maxConnections()).isEqualTo(64);
    assertThat(settings.maxOpenRequests()).isEqualTo(1024);
  }

  @Test
  void endpointAndRegionOverride() {
    var config = ConfigFactory.parseString("""
        gateway.data-plane.lambda { endpoint = "http://127.0.0.1:9001", region = "eu-west-1" }
        """).withFallback(ConfigFactory.load());

    var settings = LambdaSettings.from(config);

    assertThat(settings.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9001"));
    assertThat(settings.region()).isEqualTo("eu-west-1");
  }

  @Test
  void emptyEndpointMeansAwsForTheRegion() {
    var config = ConfigFactory.parseString("gateway.data-plane.lambda.region = ap-south-1").withFallback(ConfigFactory.load());

    assertThat(LambdaSettings.from(config).endpoint()).isEqualTo(URI.create("https://lambda.ap-south-1.amazonaws.com"));
  }

  @Test
  void refusesAnEndpointThatIsNotHttpWithoutPath() {
    for (String endpoint : new String[] {"ftp://host", "http://host/lambda", "localhost:9001", "http://h?x=1"}) {
      var config = ConfigFactory.parseString("gateway.data-plane.lambda.endpoint = \"" + endpoint + "\"")
          .withFallback(ConfigFactory.load());

      assertThatThrownBy(() -> LambdaSettings.from(config))
          .as(endpoint)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("gateway.data-plane.lambda.endpoint: ")
          .hasMessageContaining("expected: http(s)://host[:port]");
    }
  }

  @Test
  void refusesPoolSizesPekkoWouldRefuse() {
    var endpoint = URI.create("http://127.0.0.1:9001");
    assertThatThrownBy(() -> new LambdaSettings(endpoint, "us-east-1", "k", "s", 0, 1024))
        .hasMessage("gateway.data-plane.lambda.max-connections: 0 (expected: >= 1)");
    assertThatThrownBy(() -> new LambdaSettings(endpoint, "us-east-1", "k", "s", 4, 1000))
        .hasMessage("gateway.data-plane.lambda.max-open-requests: 1000 (expected: a power of 2, e.g. 1024)");
  }

  @Test
  void toStringHidesTheSecret() {
    var settings = new LambdaSettings(URI.create("http://127.0.0.1:9001"), "us-east-1", "AKID", "s3cr3t");

    assertThat(settings.toString()).contains("AKID").doesNotContain("s3cr3t");
  }

  @Test
  void functionEndpointsMatchByNameOrArnPatternInOrder() {
    var endpoints = LambdaSettings.parseFunctionEndpoints(
        "hello=http://127.0.0.1:9000/2015-03-31/functions/function/invocations, orders-*=http://127.0.0.1:3001");
    assertThat(endpoints).hasSize(2);
    assertThat(endpoints.get(0).exactUrl()).isTrue();
    assertThat(endpoints.get(1).exactUrl()).isFalse();
    var hello = LambdaFunctionUri.parse(
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:hello:live/invocations");
    assertThat(hello.functionName()).isEqualTo("hello");
    assertThat(endpoints.get(0).matches(hello.functionName(), hello.functionArn())).isTrue();
    assertThat(endpoints.get(1).matches("orders-create", "arn:aws:lambda:us-east-1:123456789012:function:orders-create")).isTrue();
    assertThat(endpoints.get(1).matches("ordersx", "arn:aws:lambda:us-east-1:123456789012:function:ordersx")).isFalse();
    assertThatThrownBy(() -> LambdaSettings.parseFunctionEndpoints("hello"))
        .hasMessageContaining("expected: name-or-pattern=http(s)://host:port[/path]");
  }
}
