package dev.apigw.node.dataplane.tls;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;

/**
 * The TLS port's server engines: one {@link SSLContext} whose key manager picks each domain's certificate by SNI
 * ({@link SniKeyManager}). Every connection gets a fresh engine set up from the store as it is then: TLS 1.2 and 1.3,
 * plus 1.0 and 1.1 while some domain asks for them (the JDK's {@code jdk.tls.disabledAlgorithms} must allow them too);
 * a client certificate is asked for (not required) while some domain has mutual TLS.
 */
public final class TlsContext {
  private static final List<String> MODERN = List.of("TLSv1.3", "TLSv1.2");
  private static final List<String> LEGACY = List.of("TLSv1.1", "TLSv1");

  private TlsContext() {}

  /** A new server engine for each connection, for the TLS port's TLS stage. */
  public static Supplier<SSLEngine> create(CertificateStore store) {
    SSLContext context;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {new SniKeyManager(store)}, new TrustManager[] {new DeferredClientTrust()}, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK offers no TLS SSLContext", e);
    }
    return () -> engine(context, store);
  }

  static SSLEngine engine(SSLContext context, CertificateStore store) {
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(false);
    List<String> supported = Arrays.asList(engine.getSupportedProtocols());
    List<String> protocols = new ArrayList<>(MODERN);
    if (store.anyLegacy()) {
      protocols.addAll(LEGACY);
    }
    protocols.retainAll(supported);
    engine.setEnabledProtocols(protocols.toArray(String[]::new));
    if (store.anyMutualTls()) {
      engine.setWantClientAuth(true);
    }
    return engine;
  }
}
