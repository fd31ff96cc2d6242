package dev.apigw.node.bootstrap;

import com.typesafe.config.Config;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's own settings, read once from the {@code gateway} section of the configuration.
 *
 * @param accountId the AWS account id the gateway presents
 * @param region the AWS region the gateway presents and expects in signatures
 * @param bindHost the address every server binds to
 * @param dataPlanePort the data plane's HTTP port
 * @param management the management API's settings
 * @param credentials access key id to secret key, for SigV4 on the management API
 * @param invokeCredentials access key id to secret key, for SigV4 on the data plane ({@code AWS_IAM} methods and
 *     {@code $connect}, {@code @connections}); empty when unset: the data plane then accepts {@code credentials}
 * @param invokePolicy for each data-plane access key id with an allow list, the {@code execute-api} ARN patterns it may
 *     call; a key without one may call every API
 * @param maxClockSkew how far a signed request's date may be from the node's clock
 * @param cluster how this node joins its cluster
 * @param cassandra where the journal lives
 * @param readJournalPluginId the Persistence Query plugin that reads the journal (history)
 * @param journalHealth how the node checks that its journal answers
 */
public record GatewaySettings(
    String accountId,
    String region,
    String bindHost,
    int dataPlanePort,
    ManagementSettings management,
    Map<String, String> credentials,
    Map<String, String> invokeCredentials,
    Map<String, List<String>> invokePolicy,
    Duration maxClockSkew,
    ClusterSettings cluster,
    CassandraSettings cassandra,
    String readJournalPluginId,
    JournalHealthSettings journalHealth) {

  /** How a node finds its cluster ({@code gateway.cluster.join}). */
  public enum JoinMode {
    /** Forms a one-node cluster of its own. */
    SELF,
    /** Joins the configured seed nodes; the first one forms the cluster if none exists. */
    SEED_NODES,
    /** Pekko Management Cluster Bootstrap with service discovery. */
    BOOTSTRAP;

    static JoinMode parse(String value) {
      return switch (value.trim()) {
        case "self" -> SELF;
        case "seed-nodes" -> SEED_NODES;
        case "bootstrap" -> BOOTSTRAP;
        default -> throw new IllegalArgumentException(
            "gateway.cluster.join: " + value + " (expected: self, seed-nodes or bootstrap)");
      };
    }
  }

  /**
   * A seed node's remoting address.
   *
   * @param host its Artery canonical hostname
   * @param port its Artery port
   */
  public record SeedNode(String host, int port) {}

  /**
   * @param join how to join
   * @param seedNodes the nodes to join in {@link JoinMode#SEED_NODES} mode, in order
   */
  public record ClusterSettings(JoinMode join, List<SeedNode> seedNodes) {

    /** Checks that seed-nodes mode has seed nodes. */
    public ClusterSettings {
      seedNodes = List.copyOf(seedNodes);
      if (join == JoinMode.SEED_NODES && seedNodes.isEmpty()) {
        throw new IllegalArgumentException(
            "gateway.cluster.seed-nodes: empty (expected: host:port[,host:port...] when gateway.cluster.join = seed-nodes)");
      }
    }
  }

  /**
   * @param port the management API's HTTP port
   * @param maxBodyBytes the largest request body accepted
   * @param askTimeout how long to wait for an entity's answer
   */
  public record ManagementSettings(int port, long maxBodyBytes, Duration askTimeout) {}

  /**
   * @param interval how often the journal is probed
   * @param timeout how long a probe may take before the journal counts as unavailable
   */
  public record JournalHealthSettings(Duration interval, Duration timeout) {}

  /**
   * @param contactPoints external Cassandra nodes as host:port; empty means embedded
   * @param embeddedEnabled whether the embedded Cassandra may be started (never in production)
   * @param localDatacenter the driver's local datacenter
   * @param dataDir the embedded Cassandra's data folder
   * @param embeddedHost the address the embedded Cassandra listens on
   * @param embeddedPort the embedded Cassandra's CQL port
   * @param embeddedStoragePort the embedded Cassandra's inter-node port
   * @param embeddedHeap the embedded Cassandra's heap, e.g. {@code 1g}
   * @param embeddedStartTimeout how long to wait for the embedded Cassandra
   */
  public record CassandraSettings(
      List<String> contactPoints,
      boolean embeddedEnabled,
      String localDatacenter,
      Path dataDir,
      String embeddedHost,
      int embeddedPort,
      int embeddedStoragePort,
      String embeddedHeap,
      Duration embeddedStartTimeout) {

    /** Checks that a node without contact points may use the embedded Cassandra. */
    public CassandraSettings {
      contactPoints = List.copyOf(contactPoints);
      if (contactPoints.isEmpty() && !embeddedEnabled) {
        throw new IllegalArgumentException(
            "gateway.cassandra.contact-points: empty (expected: host:port[,host:port...]; the embedded Cassandra is disabled in this layer)");
      }
    }

    /** Whether this node must start the embedded Cassandra. */
    public boolean embedded() {
      return contactPoints.isEmpty();
    }
  }

  /** Checks that every key of the invoke policy is a data-plane key pair. */
  public GatewaySettings {
    credentials = Map.copyOf(credentials);
    invokeCredentials = Map.copyOf(invokeCredentials);
    invokePolicy = Map.copyOf(invokePolicy);
    Map<String, String> dataPlane = invokeCredentials.isEmpty() ? credentials : invokeCredentials;
    for (String key : invokePolicy.keySet()) {
      if (!dataPlane.containsKey(key)) {
        throw new IllegalArgumentException("gateway.auth.invoke-policy: " + key + " is not a data-plane key (expected: an"
            + " access key id of GATEWAY_INVOKE_CREDENTIALS, or of GATEWAY_CREDENTIALS while that is unset)");
      }
    }
  }

  /**
   * The key pairs the data plane accepts ({@code AWS_IAM}, {@code $connect}, {@code @connections}): {@code
   * invokeCredentials}, or, while it is unset (development), the management API's.
   */
  public Map<String, String> dataPlaneCredentials() {
    return invokeCredentials.isEmpty() ? credentials : invokeCredentials;
  }

  /**
   * A warning to log when the data plane accepts the management key pairs (no {@code GATEWAY_INVOKE_CREDENTIALS}) and
   * the node binds to a non-loopback address; empty otherwise.
   */
  public Optional<String> sharedCredentialsWarning() {
    if (!invokeCredentials.isEmpty() || isLoopback(bindHost)) {
      return Optional.empty();
    }
    return Optional.of("GATEWAY_INVOKE_CREDENTIALS is not set: AWS_IAM methods, $connect and @connections accept the"
        + " management API's key pairs, so every caller of the data plane holds a key that can change every API. Set"
        + " GATEWAY_INVOKE_CREDENTIALS to key pairs of their own.");
  }

  /** The development key pair, known to everyone: {@code test:test}. */
  public static final String DEVELOPMENT_KEY_ID = "test";

  /** Whether {@code credentials} accept the development key pair. */
  public boolean usesDevelopmentCredentials() {
    return DEVELOPMENT_KEY_ID.equals(credentials.get(DEVELOPMENT_KEY_ID));
  }

  /**
   * A warning to log when the development key pair is accepted on a non-loopback address (anyone who can reach
   * the node can then change every API); empty otherwise. A bind host that does not resolve counts as exposed.
   */
  public Optional<String> developmentCredentialsWarning() {
    if (!usesDevelopmentCredentials() || isLoopback(bindHost)) {
      return Optional.empty();
    }
    return Optional.of("The management API accepts the development key pair test:test and binds to " + bindHost
        + ", which is not a loopback address: anyone who reaches this node can change every API. Set GATEWAY_CREDENTIALS"
        + " to key pairs of your own.");
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Reads and checks the {@code gateway} section. */
  public static GatewaySettings from(Config root) {
    Config c = root.getConfig("gateway");
    Config cass = c.getConfig("cassandra");
    Config embedded = cass.getConfig("embedded");
    Map<String, String> credentials = credentials(c.getString("auth.credentials"));
    if (!c.getBoolean("auth.allow-development-credentials")
        && DEVELOPMENT_KEY_ID.equals(credentials.get(DEVELOPMENT_KEY_ID))) {
      throw new IllegalArgumentException("gateway.auth.credentials: the development key pair test:test (expected: key"
          + " pairs of your own in GATEWAY_CREDENTIALS, keyId:secret[,keyId:secret...]; this profile does not start"
          + " with the development pair)");
    }
    return new GatewaySettings(
        c.getString("account-id"),
        c.getString("region"),
        c.getString("bind-host"),
        port(c, "data-plane.port"),
        new ManagementSettings(
            port(c, "management.port"),
            c.getBytes("management.max-body-size"),
            c.getDuration("management.ask-timeout")),
        credentials,
        c.getString("auth.invoke-credentials").isBlank()
            ? Map.of() : credentials("gateway.auth.invoke-credentials", c.getString("auth.invoke-credentials")),
        invokePolicy(c.getString("auth.invoke-policy")),
        c.getDuration("auth.max-clock-skew"),
        new ClusterSettings(
            JoinMode.parse(c.getString("cluster.join")), seedNodes(c.getString("cluster.seed-nodes"))),
        new CassandraSettings(
            commaSeparated(cass.getString("contact-points")),
            embedded.getBoolean("enabled"),
            cass.getString("local-datacenter"),
            Path.of(embedded.getString("data-dir")).resolve("cassandra"),
            embedded.getString("host"),
            port(embedded, "port"),
            port(embedded, "storage-port"),
            embedded.getString("heap"),
            embedded.getDuration("start-timeout")),
        c.getString("history.read-journal"),
        new JournalHealthSettings(c.getDuration("journal-health.interval"), c.getDuration("journal-health.timeout")));
  }

  private static List<String> commaSeparated(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Parses {@code "host:port,host:port"}. */
  static List<SeedNode> seedNodes(String spec) {
    return commaSeparated(spec).stream()
        .map(
            entry -> {
              int colon = entry.lastIndexOf(':');
              int port = -1;
              if (colon > 0 && colon < entry.length() - 1) {
                try {
                  port = Integer.parseInt(entry.substring(colon + 1));
                } catch (NumberFormatException e) {
                  port = -1;
                }
              }
              if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(
                    "gateway.cluster.seed-nodes: " + entry + " (expected: host:port with a port of 1-65535)");
              }
              return new SeedNode(entry.substring(0, colon), port);
            })
        .toList();
  }

  private static int port(Config c, String path) {
    int port = c.getInt(path);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("gateway." + path + ": " + port + " (expected: 0-65535)");
    }
    return port;
  }

  /** Parses {@code "keyId:secret,keyId2:secret2"}. */
  static Map<String, String> credentials(String spec) {
    return credentials("gateway.auth.credentials", spec);
  }

  private static Map<String, String> credentials(String setting, String spec) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String pair : spec.split(",")) {
      String trimmed = pair.trim();
      int colon = trimmed.indexOf(':');
      if (colon <= 0 || colon == trimmed.length() - 1) {
        // The entry itself is never shown: it holds a secret.
        throw new IllegalArgumentException(
            setting + ": an entry is not of the form keyId:secret (expected: keyId:secret[,keyId:secret...])");
      }
      pairs.put(trimmed.substring(0, colon), trimmed.substring(colon + 1));
    }
    return Map.copyOf(pairs);
  }

  /**
   * Parses {@code "keyId=arnPattern[,arnPattern...];keyId2=..."}: for each key, the {@code execute-api} resources it may
   * call, as ARNs with IAM wildcards ({@code arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/*}) or {@code *}.
   */
  static Map<String, List<String>> invokePolicy(String spec) {
    Map<String, List<String>> policy = new LinkedHashMap<>();
    for (String entry : spec.split(";")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      String key = eq < 0 ? "" : trimmed.substring(0, eq).trim();
      List<String> resources = eq < 0 ? List.of() : commaSeparated(trimmed.substring(eq + 1));
      if (key.isEmpty() || resources.isEmpty()) {
        throw new IllegalArgumentException("gateway.auth.invoke-policy: " + trimmed
            + " (expected: keyId=arnPattern[,arnPattern...][;keyId=...])");
      }
      for (String resource : resources) {
        if (!resource.equals("*") && !resource.startsWith("arn:aws:execute-api:")) {
          throw new IllegalArgumentException("gateway.auth.invoke-policy: " + resource + " for " + key
              + " (expected: * or an ARN arn:aws:execute-api:region:account:apiId/stage/VERB/path, * and ? as wildcards)");
        }
      }
      if (policy.put(key, resources) != null) {
        throw new IllegalArgumentException("gateway.auth.invoke-policy: " + key
            + " has two entries (expected: one per key, its patterns separated by commas)");
      }
    }
    return Map.copyOf(policy);
  }
}
