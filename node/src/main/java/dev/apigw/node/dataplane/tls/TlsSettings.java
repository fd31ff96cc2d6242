package dev.apigw.node.dataplane.tls;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The data plane's TLS port, read once from {@code gateway.data-plane.tls}.
 *
 * @param enabled whether the TLS port is bound at all
 * @param port the TLS data-plane port (8443 by default)
 * @param certificateDir where {@code default.crt}/{@code default.key} (the execute-api certificate) and
 *     {@code <domain>.crt}/{@code <domain>.key} of custom domains live
 * @param reloadInterval how often the certificate and truststore files are checked for changes
 * @param generateDevelopmentCertificate whether a missing {@code default.crt} is generated, self-signed, for
 *     {@code *.execute-api.<domain>} and {@code localhost}
 */
public record TlsSettings(boolean enabled, int port, Path certificateDir, Duration reloadInterval,
    boolean generateDevelopmentCertificate) {

  public TlsSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("gateway.data-plane.tls.port: " + port + " (expected: 0..65535)");
    }
    if (reloadInterval.isNegative() || reloadInterval.isZero()) {
      throw new IllegalArgumentException("gateway.data-plane.tls.reload-interval: " + reloadInterval + " (expected: > 0)");
    }
  }

  /** Reads {@code gateway.data-plane.tls}. */
  public static TlsSettings from(Config root) {
    Config c = root.getConfig("gateway.data-plane.tls");
    return new TlsSettings(c.getBoolean("enabled"), c.getInt("port"), Path.of(c.getString("certificate-dir")),
        c.getDuration("reload-interval"), c.getBoolean("generate-development-certificate"));
  }
}
