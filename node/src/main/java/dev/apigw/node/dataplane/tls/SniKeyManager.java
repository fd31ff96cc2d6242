package dev.apigw.node.dataplane.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Chooses the server certificate by the client's SNI host name: the custom domain's own, else the execute-api
 * certificate. It also holds the domain's {@code securityPolicy}: a handshake that negotiated TLS 1.0/1.1 with a
 * {@code TLS_1_2} domain gets no certificate, so it fails. Server side only.
 */
final class SniKeyManager extends X509ExtendedKeyManager {
  private final CertificateStore store;

  SniKeyManager(CertificateStore store) {
    this.store = store;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    SSLSession handshake = engine == null ? null : engine.getHandshakeSession();
    String serverName = serverName(handshake);
    var domain = store.domain(serverName);
    if (handshake != null && !SecurityPolicies.allows(domain == null ? null : domain.securityPolicy(),
        handshake.getProtocol())) {
      return null;
    }
    var loaded = store.forServerName(serverName);
    return loaded != null && loaded.key().getAlgorithm().equals(keyType) ? loaded.alias() : null;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    // Pekko HTTP drives SSLEngines; sockets get the execute-api certificate.
    var loaded = store.forServerName(null);
    return loaded != null && loaded.key().getAlgorithm().equals(keyType) ? loaded.alias() : null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    var loaded = store.byAlias(alias);
    return loaded == null || !loaded.usable() ? null : loaded.chain().toArray(X509Certificate[]::new);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    var loaded = store.byAlias(alias);
    return loaded == null ? null : loaded.key();
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  private static String serverName(SSLSession handshake) {
    if (handshake instanceof ExtendedSSLSession extended) {
      for (var name : extended.getRequestedServerNames()) {
        if (name.getType() == StandardConstants.SNI_HOST_NAME && name instanceof SNIHostName host) {
          return host.getAsciiName();
        }
      }
    }
    return null;
  }
}
