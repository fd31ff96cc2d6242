package dev.apigw.node.dataplane.tls;

import dev.apigw.protocol.domains.DomainName;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a custom domain's certificate chain and key are (there is no ACM): a certificate ARN that is a {@code file:}
 * URI or an absolute path names the chain's PEM file, whose key is in the same file or beside it with the extension
 * {@code .key}; otherwise {@code <certificate-dir>/<domain>.crt} and {@code .key}, a wildcard domain's {@code *}
 * written {@code _} ({@code _.example.com.crt}).
 *
 * @param chain the PEM file of the certificate chain, leaf first
 * @param key the PEM file of the private key (maybe {@code chain})
 */
record CertificateSource(Path chain, Path key) {

  /** The files of {@code domain}. */
  static CertificateSource of(DomainName domain, Path certificateDir) {
    Path named = path(domain.servingCertificateArn());
    if (named != null) {
      return new CertificateSource(named, keyBeside(named));
    }
    String base = domain.domainName().startsWith("*") ? "_" + domain.domainName().substring(1) : domain.domainName();
    return new CertificateSource(certificateDir.resolve(base + ".crt"), certificateDir.resolve(base + ".key"));
  }

  /** The execute-api certificate: {@code default.crt} and {@code default.key}. */
  static CertificateSource fallback(Path certificateDir) {
    return new CertificateSource(certificateDir.resolve(DevelopmentCertificate.CERTIFICATE),
        certificateDir.resolve(DevelopmentCertificate.KEY));
  }

  /** The path a {@code file:} URI or an absolute path names; null for anything else (e.g. an ACM ARN). */
  static Path path(String uri) {
    if (uri == null) {
      return null;
    }
    if (uri.startsWith("file:")) {
      try {
        return Path.of(URI.create(uri));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return uri.startsWith("/") ? Path.of(uri) : null;
  }

  /** The files whose change makes a reload. */
  List<Path> files() {
    return chain.equals(key) ? List.of(chain) : List.of(chain, key);
  }

  /** {@code chain} itself when it holds a private key, else its sibling with the extension {@code .key}. */
  private static Path keyBeside(Path chain) {
    try {
      if (Files.isReadable(chain) && Files.readString(chain).contains("PRIVATE KEY-----")) {
        return chain;
      }
    } catch (IOException | RuntimeException e) {
      // unreadable now: the key file beside it is assumed, and the load reports the problem
    }
    String name = chain.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return chain.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".key");
  }
}
