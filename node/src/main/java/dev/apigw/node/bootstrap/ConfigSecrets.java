package dev.apigw.node.bootstrap;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The configuration with its secrets replaced by {@value #REDACTED}, for everything that shows configuration to
 * someone (Kamon's status page serves what Kamon was initialised with). A secret is any setting whose last key names
 * one: {@code gateway.auth.credentials}, {@code gateway.data-plane.lambda.secret-access-key}, TLS
 * {@code *-password}s, a Cassandra driver {@code password}, tokens.
 */
public final class ConfigSecrets {
  /** What a secret's value becomes. */
  public static final String REDACTED = "<redacted>";

  private static final Pattern SECRET_KEY =
      Pattern.compile(".*(secret|password|passphrase|credentials|token|private-key|api-key).*");

  private ConfigSecrets() {}

  /** Whether the setting at {@code path} (a HOCON path expression) holds a secret. */
  public static boolean isSecret(String path) {
    List<String> keys = ConfigUtil.splitPath(path);
    return SECRET_KEY.matcher(keys.get(keys.size() - 1).toLowerCase(Locale.ROOT)).matches();
  }

  /** {@code config} (resolved) with every secret's value replaced by {@value #REDACTED}. */
  public static Config redacted(Config config) {
    Config out = config;
    for (Map.Entry<String, ?> entry : config.entrySet()) {
      if (isSecret(entry.getKey())) {
        out = out.withValue(entry.getKey(), ConfigValueFactory.fromAnyRef(REDACTED));
      }
    }
    return out;
  }
}
