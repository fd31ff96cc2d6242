package dev.apigw.protocol.account;

import dev.apigw.protocol.CborSerializable;
import java.time.Instant;
import java.util.Map;

/**
 * A client certificate the gateway generated (GenerateClientCertificate): a self-signed X.509 certificate whose
 * private key never leaves the gateway. Part of the journal's schema: add fields only with defaults.
 *
 * @param id AWS's {@code clientCertificateId}
 * @param description optional
 * @param pemEncodedCertificate the certificate, PEM
 * @param privateKeyPem its private key (PKCS#8 PEM); never rendered, never logged
 * @param createdDate when generated
 * @param expirationDate when the certificate expires
 * @param tags tags
 */
public record ClientCertificate(String id, String description, String pemEncodedCertificate, String privateKeyPem,
    Instant createdDate, Instant expirationDate, Map<String, String> tags) implements CborSerializable {
  public ClientCertificate {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public ClientCertificate withDescription(String next) {
    return new ClientCertificate(id, next, pemEncodedCertificate, privateKeyPem, createdDate, expirationDate, tags);
  }

  public ClientCertificate withTags(Map<String, String> next) {
    return new ClientCertificate(id, description, pemEncodedCertificate, privateKeyPem, createdDate, expirationDate, next);
  }

  @Override
  public String toString() {
    // The private key must not reach a log line.
    return "ClientCertificate[id=" + id + ", description=" + description + ", expirationDate=" + expirationDate + "]";
  }
}
