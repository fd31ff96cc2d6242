package dev.apigw.node.dataplane.integration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.apigw.protocol.account.ClientCertificate;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The TLS side of backend calls: which backend certificates are trusted (the configured truststore, else the JDK's),
 * and the connection contexts that present a stage's client certificate. A context is built once per certificate
 * (and verified host, for VPC links) and kept, so that its requests share one connection pool; nothing of a private
 * key reaches a log line or an error message.
 */
final class BackendTls {
  /** Which context: the certificate presented (or null) and the host the backend's certificate must name (or null). */
  private record Key(String clientCertificateId, String verifiedHost) {}

  private final TrustManager[] trust;
  /** The context of requests without a client certificate, or null: the JDK's trust, Pekko's default context. */
  private final HttpsConnectionContext trusting;
  private final Cache<Key, HttpsConnectionContext> contexts = Caffeine.newBuilder().maximumSize(1_000).build();

  /**
   * @param truststore a PEM file of trusted certificates, or null for the JDK's trust store; read here, once (at start)
   * @throws IllegalArgumentException when the file cannot be read or holds no certificate
   */
  BackendTls(Path truststore) {
    this.trust = trustManagers(truststore);
    this.trusting = truststore == null ? null : context(sslContext(null), null);
  }

  /**
   * The context for an HTTPS request, or null for Pekko's default (JDK trust, no client certificate).
   *
   * @param certificate the stage's client certificate, or null
   * @param verifiedHost the host the backend's certificate must name when the connection goes elsewhere (a VPC
   *     link's load balancer), or null for the host connected to
   */
  HttpsConnectionContext context(ClientCertificate certificate, String verifiedHost) {
    if (certificate == null && verifiedHost == null) {
      return trusting;
    }
    return contexts.get(new Key(certificate == null ? null : certificate.id(), verifiedHost),
        k -> context(sslContext(certificate), verifiedHost));
  }

  private static HttpsConnectionContext context(SSLContext ssl, String verifiedHost) {
    return ConnectionContext.httpsClient((host, port) -> {
      // The backend's certificate must name the host of the integration's uri (hostname verification on, and SNI
      // naming that host), also when the connection goes to a VPC link's stand-in address.
      SSLEngine engine = ssl.createSSLEngine(verifiedHost == null ? host : verifiedHost, port);
      engine.setUseClientMode(true);
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(parameters);
      return engine;
    });
  }

  private SSLContext sslContext(ClientCertificate certificate) {
    try {
      KeyManager[] keys = null;
      if (certificate != null) {
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        char[] password = "client-certificate".toCharArray();
        identity.setKeyEntry("client", privateKey(certificate),
            password, certificates(new StringReader(certificate.pemEncodedCertificate()), certificate.id())
                .toArray(X509Certificate[]::new));
        var factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(identity, password);
        keys = factory.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      // Only the kind of problem: the key's PEM must not reach the log through a message.
      throw new IllegalStateException("client certificate " + (certificate == null ? "" : certificate.id())
          + ": cannot build its TLS context (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static PrivateKey privateKey(ClientCertificate certificate) throws IOException {
    try (var pem = new PEMParser(new StringReader(certificate.privateKeyPem()))) {
      Object o = pem.readObject();
      PrivateKeyInfo info = o instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : o instanceof PrivateKeyInfo p ? p : null;
      if (info == null) {
        throw new IOException("no private key");
      }
      return new JcaPEMKeyConverter().getPrivateKey(info);
    }
  }

  private static List<X509Certificate> certificates(Reader reader, String source) throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    var converter = new JcaX509CertificateConverter();
    try (var pem = new PEMParser(reader)) {
      for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          out.add(converter.getCertificate(holder));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(source + ": a CERTIFICATE block is not an X.509 certificate");
    }
    if (out.isEmpty()) {
      throw new IOException(source + ": no CERTIFICATE block (expected: PEM certificates)");
    }
    return out;
  }

  private static TrustManager[] trustManagers(Path truststore) {
    try {
      var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (truststore == null) {
        factory.init((KeyStore) null);
      } else {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        List<X509Certificate> certificates;
        try (Reader reader = Files.newBufferedReader(truststore, StandardCharsets.US_ASCII)) {
          certificates = certificates(reader, truststore.toString());
        }
        for (int i = 0; i < certificates.size(); i++) {
          store.setCertificateEntry("trusted-" + i, certificates.get(i));
        }
        factory.init(store);
      }
      return factory.getTrustManagers();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(BackendSettings.PATH + ".truststore: " + truststore + ": cannot be read ("
          + e.getMessage() + ")", e);
    }
  }
}
