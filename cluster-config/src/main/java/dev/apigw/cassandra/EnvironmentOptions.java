package dev.apigw.cassandra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Reads {@link EmbeddedCassandra.Options} from environment variables and system properties; a
 * system property wins over the environment variable, which wins over the default.
 */
final class EnvironmentOptions {

  private EnvironmentOptions() {}

  static EmbeddedCassandra.Options read(Map<String, String> env, Properties props) {
    EmbeddedCassandra.Options o = EmbeddedCassandra.Options.defaults();
    String base = value(env, props, "GATEWAY_DATA_DIR", "gateway.data-dir");
    if (base != null) {
      o = o.withDataDir(Path.of(base).resolve("cassandra"));
    }
    String dir = value(env, props, "GATEWAY_CASSANDRA_DATA_DIR", "gateway.cassandra.data-dir");
    if (dir != null) {
      o = o.withDataDir(Path.of(dir));
    }
    String host = value(env, props, "GATEWAY_CASSANDRA_HOST", "gateway.cassandra.host");
    if (host != null) {
      o = o.withHost(host);
    }
    String port = value(env, props, "GATEWAY_CASSANDRA_PORT", "gateway.cassandra.port");
    if (port != null) {
      o = o.withCqlPort(parsePort("GATEWAY_CASSANDRA_PORT", port));
    }
    String storage = value(env, props, "GATEWAY_CASSANDRA_STORAGE_PORT", "gateway.cassandra.storage-port");
    if (storage != null) {
      o = o.withStoragePort(parsePort("GATEWAY_CASSANDRA_STORAGE_PORT", storage));
    }
    String heap = value(env, props, "GATEWAY_CASSANDRA_HEAP", "gateway.cassandra.heap");
    if (heap != null) {
      o = o.withHeap(heap);
    }
    String timeout = value(env, props, "GATEWAY_CASSANDRA_START_TIMEOUT", "gateway.cassandra.start-timeout");
    if (timeout != null) {
      o = o.withStartTimeout(parseDuration("GATEWAY_CASSANDRA_START_TIMEOUT", timeout));
    }
    return o;
  }

  private static String value(Map<String, String> env, Properties props, String envName, String propName) {
    String v = props.getProperty(propName);
    if (v == null || v.isBlank()) {
      v = env.get(envName);
    }
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static int parsePort(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number, was '" + value + "'");
    }
  }

  /** Plain seconds ("120"), with a unit ("90s", "2m"), or ISO-8601 ("PT2M"). */
  static Duration parseDuration(String name, String value) {
    try {
      String v = value.trim().toLowerCase(java.util.Locale.ROOT);
      if (v.startsWith("pt")) {
        return Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      if (v.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      if (v.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(v));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(name + " must be a duration like 120, 90s, 2m or PT2M, was '" + value + "'");
    }
  }
}
