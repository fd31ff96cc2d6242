package dev.apigw.node.dataplane.integration;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the data plane reaches HTTP backends, read once from {@value #PATH}.
 *
 * @param truststore a PEM file of the certificates HTTPS backends are verified against, or null for the JDK's trust
 *     store
 * @param vpcLinkTargets for each load balancer ARN behind a VPC link, the address that stands for it
 */
public record BackendSettings(Path truststore, Map<String, Address> vpcLinkTargets) {
  /** The configuration section these settings live in. */
  public static final String PATH = "gateway.data-plane.backends";

  /** A host and port the requests of a VPC link go to. */
  public record Address(String host, int port) {
    public Address {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host: empty (expected: a host name or address)");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
      }
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  public BackendSettings {
    vpcLinkTargets = Map.copyOf(vpcLinkTargets);
  }

  /** No truststore of our own, no VPC link targets. */
  public static BackendSettings defaults() {
    return new BackendSettings(null, Map.of());
  }

  /** Reads {@value #PATH}. */
  public static BackendSettings from(Config root) {
    Config c = root.getConfig(PATH);
    String truststore = c.getString("truststore").trim();
    return new BackendSettings(truststore.isEmpty() ? null : Path.of(truststore),
        targets(c.getString("vpc-link-targets")));
  }

  /** Parses {@code arn=host:port,arn=host:port}; the ARN is split at its last {@code =}. */
  static Map<String, Address> targets(String value) {
    Map<String, Address> out = new LinkedHashMap<>();
    for (String entry : value.split(",")) {
      String e = entry.trim();
      if (e.isEmpty()) {
        continue;
      }
      int eq = e.lastIndexOf('=');
      int colon = e.lastIndexOf(':');
      if (eq <= 0 || colon < eq) {
        throw new IllegalArgumentException(PATH + ".vpc-link-targets: " + e + " (expected: {load balancer ARN}={host}:{port})");
      }
      int port;
      try {
        port = Integer.parseInt(e.substring(colon + 1).trim());
      } catch (NumberFormatException n) {
        throw new IllegalArgumentException(PATH + ".vpc-link-targets: " + e + " (expected: a numeric port after the last ':')");
      }
      String host = e.substring(eq + 1, colon).trim();
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      try {
        out.put(e.substring(0, eq).trim(), new Address(host, port));
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException(PATH + ".vpc-link-targets: " + e + " (" + bad.getMessage() + ")");
      }
    }
    return out;
  }
}
