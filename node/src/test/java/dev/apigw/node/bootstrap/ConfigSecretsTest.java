package dev.apigw.node.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What leaves the node as configuration has no secret in it. */
class ConfigSecretsTest {

  private static Config layer(Map<String, Object> overrides) {
    return ConfigFactory.parseMap(overrides)
        .withFallback(ConfigFactory.parseResources("gateway/single-node.conf"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  @Test
  void everySecretOfTheGatewaysConfigurationIsRedacted() {
    Config config = layer(Map.of(
        "gateway.auth.credentials", "ops:MgmtSecret1",
        "gateway.data-plane.lambda.secret-access-key", "LambdaSecret2",
        "pekko.remote.artery.ssl.config-ssl-engine.key-store-password", "StorePassword3",
        "datastax-java-driver.advanced.auth-provider.password", "CassandraPassword4"));
    Config redacted = ConfigSecrets.redacted(config);
    String rendered = redacted.root().render(ConfigRenderOptions.concise());
    assertThat(rendered).doesNotContain("MgmtSecret1", "LambdaSecret2", "StorePassword3", "CassandraPassword4");
    assertThat(redacted.getString("gateway.auth.credentials")).isEqualTo(ConfigSecrets.REDACTED);
    assertThat(redacted.getString("gateway.data-plane.lambda.secret-access-key")).isEqualTo(ConfigSecrets.REDACTED);
    // Everything else is as it was, e.g. what Kamon needs.
    assertThat(redacted.getString("gateway.data-plane.lambda.access-key-id")).isEqualTo("test");
    assertThat(redacted.getInt("kamon.prometheus.embedded-server.port")).isEqualTo(config.getInt("kamon.prometheus.embedded-server.port"));
    assertThat(redacted.getString("gateway.bind-host")).isEqualTo("127.0.0.1");
  }

  @Test
  void secretsAreNamedByTheirLastKey() {
    assertThat(ConfigSecrets.isSecret("gateway.auth.credentials")).isTrue();
    assertThat(ConfigSecrets.isSecret("a.b.\"key-password\"")).isTrue();
    assertThat(ConfigSecrets.isSecret("gateway.auth.max-clock-skew")).isFalse();
    assertThat(ConfigSecrets.isSecret("secret.port")).isFalse();
  }

  @Test
  void theStatusPageIsOffByDefaultAndOnLoopbackWhenOn() {
    assertThat(layer(Map.of()).getBoolean("kamon.modules.status-page.enabled")).isFalse();
    Config on = layer(Map.of("kamon.modules.status-page.enabled", "on", "gateway.bind-host", "0.0.0.0"));
    assertThat(on.getBoolean("kamon.modules.status-page.enabled")).isTrue();
    assertThat(on.getString("kamon.status-page.listen.hostname")).isEqualTo("127.0.0.1");
  }
}
