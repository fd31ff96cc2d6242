package dev.apigw.node.dataplane.tls;

import dev.apigw.node.dataplane.request.ClientCertificate;
import dev.apigw.node.dataplane.snapshot.DomainSnapshot;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509TrustManager;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mutual TLS per custom domain: a request to a domain with {@code mutualTlsAuthentication} is served only over the
 * TLS port, with a client certificate whose chain the domain's truststore verifies (checked against the domain the
 * request addresses, whatever SNI named), and then carries that certificate ({@link ClientCertificate}). Anything
 * else is refused, as AWS does, with 403. The outcome is kept on the TLS session, so a kept-alive connection is
 * verified once per truststore.
 */
public final class MutualTls {
  private static final Logger log = LoggerFactory.getLogger(MutualTls.class);
  private static final String VERIFIED = "apigw.mtls.verified.";

  private final DomainSnapshot domains;
  private final CertificateStore store;

  public MutualTls(DomainSnapshot domains, CertificateStore store) {
    this.domains = domains;
    this.store = store;
  }

  /** The outcome: the request to serve (with the certificate, if the domain has mutual TLS), or empty to refuse. */
  public Optional<HttpRequest> admit(HttpRequest http, String domainName) {
    String uri = domainName == null ? null : CertificateStore.truststoreUri(domains.domain(domainName));
    if (uri == null) {
      return Optional.of(http);
    }
    var info = http.getAttribute(AttributeKeys.sslSession);
    if (info.isEmpty()) {
      return refuse(domainName, "not over TLS (the mutual-TLS domain is served on the TLS port only)");
    }
    SSLSession session = info.get().getSession();
    X509Certificate[] chain;
    try {
      chain = (X509Certificate[]) session.getPeerCertificates();
    } catch (SSLPeerUnverifiedException | ClassCastException e) {
      return refuse(domainName, "no client certificate");
    }
    X509TrustManager trust = store.truststore(uri);
    if (trust == null) {
      return refuse(domainName, "its truststore " + uri + " is not loaded");
    }
    // Keyed by the trust manager's identity: a reloaded truststore verifies again.
    String key = VERIFIED + uri + "#" + System.identityHashCode(trust);
    if (!Boolean.TRUE.equals(session.getValue(key))) {
      try {
        trust.checkClientTrusted(chain, "UNKNOWN");
      } catch (CertificateException | RuntimeException e) {
        return refuse(domainName, "the client certificate is not trusted by " + uri);
      }
      session.putValue(key, Boolean.TRUE);
    }
    return Optional.of(http.addAttribute(ClientCertificate.ATTRIBUTE, chain[0]));
  }

  private static Optional<HttpRequest> refuse(String domainName, String why) {
    log.info("Access denied to mutual-TLS domain {}: {}", domainName, why);
    return Optional.empty();
  }
}
