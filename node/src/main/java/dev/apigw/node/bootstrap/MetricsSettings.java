package dev.apigw.node.bootstrap;

import com.typesafe.config.Config;

/**
 * How Kamon starts. {@code automaticInstrumentation}: attach Kamon's agent (actor, dispatcher, Cassandra driver
 * metrics); off by default because it costs on every request and the gateway's own metrics don't need it.
 */
record MetricsSettings(boolean automaticInstrumentation) {
  static MetricsSettings from(Config root) {
    return new MetricsSettings(root.getBoolean("gateway.metrics.automatic-instrumentation"));
  }
}
