package dev.apigw.protocol.domains;

import dev.apigw.protocol.CborSerializable;

/**
 * A custom domain name's mutual TLS settings, as AWS's {@code MutualTlsAuthentication} describes them. AWS reads the
 * truststore from S3; here {@code truststoreUri} names a PEM file on the nodes ({@code file:} URI or absolute path).
 *
 * <p>Part of the journal's schema: add fields only with defaults, never rename one.
 *
 * @param truststoreUri the PEM bundle of CA certificates that client certificates must chain to
 * @param truststoreVersion informational (AWS: the S3 object version), or null
 */
public record MutualTlsAuthentication(String truststoreUri, String truststoreVersion) implements CborSerializable {

  public MutualTlsAuthentication withTruststoreUri(String v) {
    return new MutualTlsAuthentication(v, truststoreVersion);
  }

  public MutualTlsAuthentication withTruststoreVersion(String v) {
    return new MutualTlsAuthentication(truststoreUri, v);
  }
}
