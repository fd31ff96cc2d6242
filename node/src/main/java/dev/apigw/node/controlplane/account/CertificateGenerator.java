package dev.apigw.node.controlplane.account;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Generates what GenerateClientCertificate returns: a fresh RSA 2048 key pair and a self-signed X.509 certificate
 * for it, valid for a year like AWS's. CPU-bound (tens of milliseconds): callers run it off Pekko's threads.
 */
final class CertificateGenerator {
  /** A certificate and its private key, both PEM. */
  record Generated(String certificatePem, String privateKeyPem) {
    @Override
    public String toString() {
      return "Generated[certificate]";
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private CertificateGenerator() {}

  static Generated generate(String id, Instant notBefore, Instant notAfter) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      KeyPair pair = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=" + id + ",OU=ApiGateway,O=apigw");
      X509CertificateHolder holder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, RANDOM).abs(),
          Date.from(notBefore), Date.from(notAfter), subject, pair.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
      return new Generated(pem(new PemObject("CERTIFICATE", holder.getEncoded())),
          pem(new PemObject("PRIVATE KEY", pair.getPrivate().getEncoded())));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("Could not generate a client certificate: " + e.getMessage(), e);
    }
  }

  private static String pem(PemObject object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
