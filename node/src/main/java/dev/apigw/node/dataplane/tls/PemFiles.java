package dev.apigw.node.dataplane.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;

/**
 * Reads PEM files: certificates ({@code CERTIFICATE} blocks) and one private key in any of the usual forms
 * ({@code PRIVATE KEY}, {@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY}); encrypted keys are not supported. Errors
 * name the file and the problem, never the content. Blocking: call on a blocking-I/O thread.
 */
final class PemFiles {
  private static final Map<ASN1ObjectIdentifier, String> KEY_ALGORITHMS = Map.of(
      PKCSObjectIdentifiers.rsaEncryption, "RSA",
      PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS",
      X9ObjectIdentifiers.id_ecPublicKey, "EC",
      EdECObjectIdentifiers.id_Ed25519, "Ed25519",
      EdECObjectIdentifiers.id_Ed448, "Ed448");

  private PemFiles() {}

  /** The file's certificates in order; at least one. */
  static List<X509Certificate> certificates(Path file) throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    var converter = new JcaX509CertificateConverter();
    for (Object o : objects(file)) {
      if (o instanceof X509CertificateHolder holder) {
        try {
          out.add(converter.getCertificate(holder));
        } catch (CertificateException e) {
          throw new IOException(file + ": a CERTIFICATE block is not an X.509 certificate");
        }
      }
    }
    if (out.isEmpty()) {
      throw new IOException(file + ": no CERTIFICATE block (expected: a PEM certificate chain)");
    }
    return List.copyOf(out);
  }

  /** The file's private key, or null when it holds none. */
  static PrivateKey privateKey(Path file) throws IOException {
    for (Object o : objects(file)) {
      PrivateKeyInfo info = o instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo()
          : o instanceof PrivateKeyInfo pki ? pki : null;
      if (info != null) {
        String algorithm = KEY_ALGORITHMS.get(info.getPrivateKeyAlgorithm().getAlgorithm());
        if (algorithm == null) {
          throw new IOException(file + ": the private key's algorithm is not supported (expected: RSA, EC, Ed25519)");
        }
        try {
          return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException e) {
          throw new IOException(file + ": the private key cannot be read as " + algorithm);
        }
      }
    }
    return null;
  }

  private static List<Object> objects(Path file) throws IOException {
    List<Object> out = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); var pem = new PEMParser(reader)) {
      for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
        out.add(o);
      }
    } catch (IOException e) {
      if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.nio.file.AccessDeniedException) {
        throw new IOException(file + ": " + e.getClass().getSimpleName());
      }
      // The parser's messages may quote the file; only the kind of problem is told.
      throw new IOException(file + ": not a readable PEM file (" + e.getClass().getSimpleName() + ")");
    }
    return out;
  }
}
