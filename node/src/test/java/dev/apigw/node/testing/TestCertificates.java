package dev.apigw.node.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test PKI: certificate authorities and the server and client certificates they sign, as PEM files and SSLContexts. */
public final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A certificate and its key pair. */
  public record Issued(X509Certificate certificate, KeyPair keys, Issued issuer) {
    /** Writes the chain (leaf first, then its issuers) to {@code chain} and the key, PKCS#8, to {@code key}. */
    public void write(Path chain, Path key) {
      try {
        Files.createDirectories(chain.toAbsolutePath().getParent());
        var certs = new StringWriter();
        try (var w = new JcaPEMWriter(certs)) {
          for (Issued i = this; i != null; i = i.issuer()) {
            w.writeObject(i.certificate());
          }
        }
        var pkcs8 = new StringWriter();
        try (var w = new JcaPEMWriter(pkcs8)) {
          w.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
        }
        Files.writeString(chain, certs.toString());
        Files.writeString(key, pkcs8.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Writes this certificate alone (a truststore or CA bundle) to {@code file}. */
    public void writeCertificate(Path file) {
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        var out = new StringWriter();
        try (var w = new JcaPEMWriter(out)) {
          w.writeObject(certificate);
        }
        Files.writeString(file, out.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private TestCertificates() {}

  /** A self-signed certificate authority. */
  public static Issued authority(String name) {
    KeyPair keys = keys();
    return new Issued(build("CN=" + name, keys, "CN=" + name, keys.getPrivate(), true, null), keys, null);
  }

  /** A certificate for {@code dnsName} (also its subject CN) signed by {@code ca}. */
  public static Issued issue(Issued ca, String dnsName) {
    KeyPair keys = keys();
    return new Issued(build("CN=" + dnsName + ",O=apigw test", keys, ca.certificate().getSubjectX500Principal().getName(),
        ca.keys().getPrivate(), false, dnsName), keys, ca);
  }

  /** A client context that trusts {@code trusted} and, unless null, presents {@code client}. */
  public static SSLContext context(X509Certificate trusted, Issued client) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", trusted);
      var tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(trust);
      var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      KeyStore identity = KeyStore.getInstance("PKCS12");
      identity.load(null, null);
      if (client != null) {
        identity.setKeyEntry("client", client.keys().getPrivate(), "x".toCharArray(),
            new X509Certificate[] {client.certificate(), client.issuer().certificate()});
      }
      kmf.init(identity, "x".toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair keys() {
    try {
      var generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate build(String subject, KeyPair keys, String issuer, java.security.PrivateKey signer,
      boolean ca, String dnsName) {
    try {
      Instant now = Instant.now();
      var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(SERIAL.incrementAndGet()),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), new X500Name(subject),
          keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      builder.addExtension(Extension.keyUsage, true, ca ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
          : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      if (dnsName != null) {
        builder.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
      }
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
