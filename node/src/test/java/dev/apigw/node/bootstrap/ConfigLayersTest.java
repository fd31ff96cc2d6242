package dev.apigw.node.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.apigw.node.bootstrap.GatewaySettings.JoinMode;
import dev.apigw.node.bootstrap.GatewaySettings.SeedNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each configuration layer (as {@code -Dconfig.resource=gateway/<profile>.conf} loads it) resolves
 * and yields the settings the layer promises; bad cluster settings fail with a clear message.
 */
class ConfigLayersTest {

  private static Config layer(String profile, Map<String, Object> overrides) {
    ConfigFactory.invalidateCaches();
    return ConfigFactory.parseMap(overrides)
        .withFallback(ConfigFactory.parseResources("gateway/" + profile + ".conf"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  @Test
  void singleNodeJoinsItselfAndMayStartTheEmbeddedCassandra() {
    Config config = layer("single-node", Map.of());
    var settings = GatewaySettings.from(config);
    assertThat(settings.cluster().join()).isEqualTo(JoinMode.SELF);
    assertThat(settings.cassandra().embedded()).isTrue();
    assertThat(config.getBoolean("pekko.persistence.cassandra.journal.keyspace-autocreate")).isTrue();
  }

  @Test
  void localClusterJoinsTheFirstNodeAsSeed() {
    Config config = layer("local-cluster", Map.of());
    var settings = GatewaySettings.from(config);
    assertThat(settings.cluster().join()).isEqualTo(JoinMode.SEED_NODES);
    assertThat(settings.cluster().seedNodes()).containsExactly(new SeedNode("127.0.0.1", 25520));
    assertThat(config.getDuration("pekko.cluster.split-brain-resolver.stable-after")).isEqualTo(Duration.ofSeconds(7));
    assertThat(config.getBoolean("pekko.persistence.cassandra.journal.tables-autocreate")).isTrue();
  }

  @Test
  void productionBootstrapsWithoutAutocreateOrEmbeddedCassandra() {
    Config config = layer("production", Map.of("gateway.cassandra.contact-points", "10.0.0.5:9042,10.0.0.6:9042",
        "gateway.auth.credentials", "prodKey:prodSecret"));
    var settings = GatewaySettings.from(config);
    assertThat(settings.cluster().join()).isEqualTo(JoinMode.BOOTSTRAP);
    assertThat(settings.cassandra().contactPoints()).containsExactly("10.0.0.5:9042", "10.0.0.6:9042");
    assertThat(config.getBoolean("pekko.persistence.cassandra.journal.keyspace-autocreate")).isFalse();
    assertThat(config.getBoolean("pekko.persistence.cassandra.snapshot.tables-autocreate")).isFalse();
    assertThat(config.getString("pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method"))
        .isEqualTo("kubernetes-api");
    assertThat(config.getString("pekko.cluster.split-brain-resolver.active-strategy")).isEqualTo("keep-majority");
    assertThat(config.getDuration("pekko.cluster.split-brain-resolver.stable-after")).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.getBoolean("pekko.cluster.sharding.remember-entities")).isFalse();
    assertThat(config.getDuration("pekko.cluster.sharding.passivation.default-idle-strategy.idle-entity.timeout"))
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(config.getInt("pekko.cluster.sharding.least-shard-allocation-strategy.rebalance-absolute-limit")).isEqualTo(20);
    assertThat(config.getString("datastax-java-driver.profiles.pekko-persistence-cassandra-profile.basic.request.consistency"))
        .isEqualTo("LOCAL_QUORUM");
  }

  @Test
  void productionWithoutContactPointsRefusesToStart() {
    assertThatThrownBy(() -> GatewaySettings.from(layer("production", Map.of("gateway.auth.credentials", "k:s"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("gateway.cassandra.contact-points: empty");
  }

  @Test
  void productionRefusesToStartWithTheDevelopmentKeyPair() {
    // Without GATEWAY_CREDENTIALS the layer falls back to test:test; naming it explicitly is no better.
    for (Map<String, Object> overrides : List.<Map<String, Object>>of(
        Map.of("gateway.cassandra.contact-points", "10.0.0.5:9042"),
        Map.of("gateway.cassandra.contact-points", "10.0.0.5:9042", "gateway.auth.credentials", "prod:secret, test:test"))) {
      assertThatThrownBy(() -> GatewaySettings.from(layer("production", overrides)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("gateway.auth.credentials: the development key pair test:test (expected: key pairs of"
              + " your own in GATEWAY_CREDENTIALS")
          .hasMessageNotContaining("\n");
    }
    var own = GatewaySettings.from(layer("production", Map.of("gateway.cassandra.contact-points", "10.0.0.5:9042",
        "gateway.auth.credentials", "prod:secret")));
    assertThat(own.usesDevelopmentCredentials()).isFalse();
    assertThat(own.developmentCredentialsWarning()).isEmpty();
  }

  @Test
  void theDataPlaneHasKeyPairsAndAllowListsOfItsOwnOnceSet() {
    var development = GatewaySettings.from(layer("single-node", Map.of()));
    assertThat(development.dataPlaneCredentials()).isEqualTo(Map.of("test", "test"));
    assertThat(development.invokePolicy()).isEmpty();
    assertThat(development.maxClockSkew()).isEqualTo(java.time.Duration.ofMinutes(5));
    assertThat(GatewaySettings.from(layer("single-node", Map.of("gateway.bind-host", "0.0.0.0")))
        .sharedCredentialsWarning()).hasValueSatisfying(w -> assertThat(w).contains("GATEWAY_INVOKE_CREDENTIALS"));

    var own = GatewaySettings.from(layer("single-node", Map.of("gateway.auth.invoke-credentials", "a:sa, b:sb",
        "gateway.auth.invoke-policy", "a=arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/*,"
            + "arn:aws:execute-api:*:*:*/$connect ; b=*", "gateway.bind-host", "0.0.0.0")));
    assertThat(own.dataPlaneCredentials()).isEqualTo(Map.of("a", "sa", "b", "sb"));
    assertThat(own.credentials()).isEqualTo(Map.of("test", "test"));
    assertThat(own.invokePolicy()).isEqualTo(Map.of("a", List.of("arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/*",
        "arn:aws:execute-api:*:*:*/$connect"), "b", List.of("*")));
    assertThat(own.sharedCredentialsWarning()).isEmpty();

    for (var bad : List.of(Map.<String, Object>of("gateway.auth.invoke-policy", "test=*", "gateway.auth.invoke-credentials", "a:sa"),
        Map.<String, Object>of("gateway.auth.invoke-policy", "a=*;a=*", "gateway.auth.invoke-credentials", "a:sa"),
        Map.<String, Object>of("gateway.auth.invoke-policy", "a=abc123/*", "gateway.auth.invoke-credentials", "a:sa"),
        Map.<String, Object>of("gateway.auth.invoke-policy", "a=", "gateway.auth.invoke-credentials", "a:sa"),
        Map.<String, Object>of("gateway.auth.invoke-credentials", "a:sa,nosecret"))) {
      assertThatThrownBy(() -> GatewaySettings.from(layer("single-node", bad))).as(bad.toString())
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("gateway.auth.invoke-");
    }
  }

  @Test
  void theDevelopmentKeyPairOnANonLoopbackAddressIsWarnedAbout() {
    for (String profile : List.of("single-node", "local-cluster")) {
      var loopback = GatewaySettings.from(layer(profile, Map.of()));
      assertThat(loopback.usesDevelopmentCredentials()).isTrue();
      assertThat(loopback.developmentCredentialsWarning()).as(profile).isEmpty();
      assertThat(GatewaySettings.from(layer(profile, Map.of("gateway.bind-host", "localhost")))
          .developmentCredentialsWarning()).as(profile).isEmpty();
      for (String exposed : List.of("0.0.0.0", "10.1.2.3", "::")) {
        assertThat(GatewaySettings.from(layer(profile, Map.of("gateway.bind-host", exposed))).developmentCredentialsWarning())
            .as(profile + " on " + exposed).hasValueSatisfying(warning -> assertThat(warning)
                .contains("test:test").contains(exposed).contains("GATEWAY_CREDENTIALS"));
      }
      assertThat(GatewaySettings.from(layer(profile, Map.of("gateway.bind-host", "0.0.0.0",
          "gateway.auth.credentials", "mine:secret"))).developmentCredentialsWarning()).as(profile).isEmpty();
    }
  }

  @Test
  void seedNodesModeNeedsSeedNodes() {
    assertThatThrownBy(() -> GatewaySettings.from(layer("local-cluster", Map.of("gateway.cluster.seed-nodes", ""))))
        .hasMessageStartingWith("gateway.cluster.seed-nodes: empty");
  }

  @Test
  void seedNodesAreHostPortPairs() {
    assertThat(GatewaySettings.seedNodes(" 127.0.0.2:25520, node-b.local:2552 "))
        .containsExactly(new SeedNode("127.0.0.2", 25520), new SeedNode("node-b.local", 2552));
    assertThatThrownBy(() -> GatewaySettings.seedNodes("127.0.0.2"))
        .hasMessage("gateway.cluster.seed-nodes: 127.0.0.2 (expected: host:port with a port of 1-65535)");
    assertThatThrownBy(() -> GatewaySettings.seedNodes("127.0.0.2:http"))
        .hasMessageContaining("expected: host:port");
  }

  @Test
  void unknownJoinModeIsRejected() {
    assertThatThrownBy(() -> GatewaySettings.from(layer("single-node", Map.of("gateway.cluster.join", "gossip"))))
        .hasMessage("gateway.cluster.join: gossip (expected: self, seed-nodes or bootstrap)");
  }
}
