package dev.apigw.node.dataplane.request;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.apache.pekko.http.javadsl.model.AttributeKey;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * The client certificate of a request to a mutual-TLS custom domain, verified against the domain's truststore and
 * put on the request as an attribute; {@code $context.identity.clientCert} in AWS's shape.
 */
public final class ClientCertificate {
  /** The request attribute that carries the verified client certificate. */
  public static final AttributeKey<X509Certificate> ATTRIBUTE =
      AttributeKey.create("apigw-client-certificate", X509Certificate.class);
  // AWS (like OpenSSL) writes "May 28 12:30:02 2019 GMT", the day padded with a space.
  private static final DateTimeFormatter VALIDITY =
      DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private ClientCertificate() {}

  /** {@code $context.identity.clientCert} of {@code http}, or null when it came without a verified certificate. */
  public static Map<String, Object> variables(HttpRequest http) {
    return http.getAttribute(ATTRIBUTE).map(ClientCertificate::variables).orElse(null);
  }

  static Map<String, Object> variables(X509Certificate certificate) {
    Map<String, Object> out = new HashMap<>();
    out.put("clientCertPem", pem(certificate));
    out.put("subjectDN", certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
    out.put("issuerDN", certificate.getIssuerX500Principal().getName(X500Principal.RFC2253));
    out.put("serialNumber", serial(certificate));
    Map<String, Object> validity = new HashMap<>();
    validity.put("notBefore", VALIDITY.format(certificate.getNotBefore().toInstant()));
    validity.put("notAfter", VALIDITY.format(certificate.getNotAfter().toInstant()));
    out.put("validity", validity);
    return out;
  }

  private static String pem(X509Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("A verified certificate has no encoding", e);
    }
  }

  /** The serial number as AWS writes it: colon-separated hex bytes. */
  private static String serial(X509Certificate certificate) {
    byte[] bytes = certificate.getSerialNumber().toByteArray();
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      if (out.length() > 0) {
        out.append(':');
      }
      out.append(String.format("%02x", b & 0xff));
    }
    return out.toString();
  }
}
