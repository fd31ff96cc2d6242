package dev.apigw.node.dataplane.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Lets the handshake finish whatever client certificate comes (the JDK still checks that the client holds its key):
 * which truststore applies depends on the API's domain, and AWS answers an untrusted or missing certificate with an
 * HTTP 403, not a failed handshake. {@link MutualTls} verifies the chain against the domain's truststore before a
 * request to a mutual-TLS domain is served; nothing else uses the client certificate.
 */
final class DeferredClientTrust extends X509ExtendedTrustManager {
  private static final X509Certificate[] NONE = new X509Certificate[0];

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
    // verified per request (MutualTls)
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    // verified per request (MutualTls)
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {
    // verified per request (MutualTls)
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    throw new CertificateException("The data plane's TLS port is a server only");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    throw new CertificateException("The data plane's TLS port is a server only");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("The data plane's TLS port is a server only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    // No issuer list: it would be every domain's, and clients send their certificate anyway.
    return NONE;
  }
}
