package dev.apigw.node.dataplane.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The self-signed development certificate that makes {@code https://} work out of the box: EC P-256, for
 * {@code *.execute-api.<domain>}, {@code localhost}, {@code 127.0.0.1} and {@code ::1}, valid a year. Written once,
 * as {@code default.crt} and {@code default.key} (owner-only), when neither exists; delete both to have it made anew.
 * Clients trust it with {@code curl --cacert default.crt}. Blocking: call on a blocking-I/O thread.
 */
final class DevelopmentCertificate {
  static final String CERTIFICATE = "default.crt";
  static final String KEY = "default.key";
  private static final Duration VALIDITY = Duration.ofDays(365);

  private DevelopmentCertificate() {}

  /** Writes the certificate and key into {@code dir} unless a {@code default.crt} is there; true if it wrote them. */
  static boolean ensure(Path dir, String executeApiDomain) throws IOException {
    Path crt = dir.resolve(CERTIFICATE);
    Path key = dir.resolve(KEY);
    if (Files.exists(crt) || Files.exists(key)) {
      return false;
    }
    Files.createDirectories(dir);
    String domain = executeApiDomain.toLowerCase(Locale.ROOT);
    KeyPair pair;
    X509CertificateHolder certificate;
    try {
      var generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      pair = generator.generateKeyPair();
      Instant now = Instant.now();
      var subject = new X500Name("CN=*.execute-api." + domain + ",O=apigw development certificate");
      var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, "*.execute-api." + domain),
          new GeneralName(GeneralName.dNSName, "execute-api." + domain),
          new GeneralName(GeneralName.dNSName, "localhost"),
          new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
          new GeneralName(GeneralName.iPAddress, "::1")}));
      // A self-signed leaf that is its own trust anchor: curl --cacert and the JDK accept it as such.
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      certificate = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("Could not generate the development certificate: " + e.getClass().getSimpleName(), e);
    }
    // PKCS#8 ("PRIVATE KEY"): the JDK's EC keys written as SEC1 would lack their curve.
    write(key, pem(new JcaPKCS8Generator(pair.getPrivate(), null)), true);
    write(crt, pem(certificate), false);
    return true;
  }

  private static String pem(Object o) throws IOException {
    var out = new StringWriter();
    try (var writer = new JcaPEMWriter(out)) {
      writer.writeObject(o);
    }
    return out.toString();
  }

  /** Writes through a temporary file and a move, so a reader never sees half a file; a key only its owner reads. */
  private static void write(Path file, String content, boolean secret) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    if (secret && tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(tmp, content, StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
