package dev.apigw.node.dataplane.integration.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {
  @Test
  void endpointsComeFromConfigAndAnyGatewayAwsEndpointVariable() {
    var config = ConfigFactory.parseString("gateway.aws.endpoints.sqs = \"http://127.0.0.1:9324\"")
        .withFallback(ConfigFactory.load());
    var settings = AwsSettings.from(config, Map.of(
        "GATEWAY_AWS_ENDPOINT_S3", "http://127.0.0.1:9000",
        "GATEWAY_AWS_ENDPOINT_SYNC_STATES", "http://127.0.0.1:8083",
        "GATEWAY_AWS_ENDPOINT_STS", "http://127.0.0.1:4566",
        "OTHER", "x"));
    assertThat(settings.endpoints()).containsEntry("sqs", URI.create("http://127.0.0.1:9324"))
        .containsEntry("s3", URI.create("http://127.0.0.1:9000"))
        .containsEntry("sync-states", URI.create("http://127.0.0.1:8083"));
    assertThat(settings.stsEndpoint()).isEqualTo(URI.create("http://127.0.0.1:4566"));
    assertThat(settings.explicitKeys()).isFalse();
    var endpoints = new ServiceEndpoints(settings);
    assertThat(endpoints.endpoint("sqs", "eu-west-1", null)).isEqualTo(URI.create("http://127.0.0.1:9324"));
    assertThat(endpoints.endpoint("kinesis", "eu-west-1", null)).isEqualTo(URI.create("https://kinesis.eu-west-1.amazonaws.com"));
    assertThat(endpoints.endpoint("s3", "cn-north-1", null).toString()).isEqualTo("http://127.0.0.1:9000");
    assertThat(new ServiceEndpoints(AwsSettings.of("us-west-2", Map.of())).endpoint("s3", "us-west-2", "bucket"))
        .isEqualTo(URI.create("https://bucket.s3.us-west-2.amazonaws.com"));
  }

  @Test
  void badValuesSayWhatWasExpectedAndSecretsStayOutOfToString() {
    assertThatThrownBy(() -> AwsSettings.from(ConfigFactory.load(), Map.of("GATEWAY_AWS_ENDPOINT_S3", "ftp://x")))
        .hasMessageContaining("gateway.aws.endpoints.s3: ftp://x (expected: http(s)://host[:port]");
    var keys = ConfigFactory.parseString("gateway.aws { access-key-id = AKID, secret-access-key = s3cr3t, session-token = t0k }")
        .withFallback(ConfigFactory.load());
    var settings = AwsSettings.from(keys, Map.of());
    assertThat(settings.explicitKeys()).isTrue();
    assertThat(settings.toString()).doesNotContain("s3cr3t").doesNotContain("t0k");
    var half = ConfigFactory.parseString("gateway.aws.access-key-id = AKID").withFallback(ConfigFactory.load());
    assertThatThrownBy(() -> AwsSettings.from(half, Map.of())).hasMessageContaining("only one is set");
  }
}
