package dev.apigw.node.dataplane.tls;

import dev.apigw.node.dataplane.snapshot.DomainSnapshot;
import dev.apigw.protocol.domains.DomainName;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.ExecutionContextExecutor;

/**
 * The certificates and truststores the TLS port serves, as a node-local immutable snapshot: the execute-api
 * certificate ({@code default.crt}), each custom domain's own (see {@link CertificateSource}) and each mutual-TLS
 * domain's truststore. {@link #refresh()} re-reads only files that changed (size, modification time) or whose domain
 * settings changed, and swaps the snapshot; a handshake reads it without locking. A file that cannot be read is
 * logged once (its path and the kind of problem, never its content) until it changes; meanwhile that domain's
 * handshakes get the execute-api certificate and its mutual-TLS requests are refused.
 */
public final class CertificateStore {
  private static final Logger log = LoggerFactory.getLogger(CertificateStore.class);
  private static final String FALLBACK = "";

  /** A certificate chain and its key, under an alias unique to this load. */
  record Loaded(String alias, List<X509Certificate> chain, PrivateKey key, FileStamp stamp, CertificateSource source) {
    boolean usable() {
      return key != null;
    }
  }

  /** A truststore, or its failure ({@code manager} null). */
  record Trust(X509TrustManager manager, FileStamp stamp) {}

  /** Everything a handshake or a request reads; immutable. */
  record Snapshot(Map<String, Loaded> certificates, Map<String, Trust> truststores, Map<String, Loaded> byAlias,
      boolean anyLegacy, boolean anyMutualTls) {}

  private final DomainSnapshot domains;
  private final Path certificateDir;
  private final String executeApiDomain;
  private final boolean generate;
  private final AtomicReference<Snapshot> current =
      new AtomicReference<>(new Snapshot(Map.of(), Map.of(), Map.of(), false, false));
  private final AtomicLong generation = new AtomicLong();

  public CertificateStore(DomainSnapshot domains, TlsSettings settings, String executeApiDomain) {
    this.domains = domains;
    this.certificateDir = settings.certificateDir();
    this.executeApiDomain = executeApiDomain;
    this.generate = settings.generateDevelopmentCertificate();
  }

  /**
   * Refreshes now, then every {@code reload-interval} and soon after each domain change, on the blocking-I/O
   * dispatcher; completes once the first refresh is done (the TLS port binds then).
   */
  public CompletionStage<Void> start(ActorSystem<?> system, Duration reloadInterval) {
    ExecutionContextExecutor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    AtomicBoolean pending = new AtomicBoolean();
    domains.onChange(() -> {
      // Many changes at once (a node loading every domain at start) make one refresh, not one each.
      if (pending.compareAndSet(false, true)) {
        blocking.execute(() -> {
          pending.set(false);
          refreshLogged();
        });
      }
    });
    return CompletableFuture.runAsync(this::refreshLogged, blocking).thenRun(() ->
        system.scheduler().scheduleWithFixedDelay(reloadInterval, reloadInterval, this::refreshLogged, blocking));
  }

  private void refreshLogged() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.error("Refreshing the TLS certificates failed; the previous ones stay in use", e);
    }
  }

  /** Reads what changed since the last refresh and swaps the snapshot. Blocking: run it on a blocking-I/O thread. */
  public synchronized void refresh() {
    if (generate) {
      try {
        if (DevelopmentCertificate.ensure(certificateDir, executeApiDomain)) {
          log.info("Generated a self-signed development certificate for *.execute-api.{} in {} (trust it with "
              + "curl --cacert {})", executeApiDomain, certificateDir, certificateDir.resolve(DevelopmentCertificate.CERTIFICATE));
        }
      } catch (IOException e) {
        log.warn("Could not write the development certificate into {}: {}", certificateDir, e.getMessage());
      }
    }
    Snapshot before = current.get();
    Map<String, Loaded> certificates = new HashMap<>();
    Map<String, Trust> truststores = new HashMap<>();
    boolean anyLegacy = false;
    certificates.put(FALLBACK, load(FALLBACK, CertificateSource.fallback(certificateDir), before));
    for (var entry : domains.domains().entrySet()) {
      DomainName domain = entry.getValue();
      certificates.put(entry.getKey(), load(entry.getKey(), CertificateSource.of(domain, certificateDir), before));
      anyLegacy |= SecurityPolicies.legacy(domain.securityPolicy());
      String uri = truststoreUri(domain);
      if (uri != null && !truststores.containsKey(uri)) {
        truststores.put(uri, trust(uri, before.truststores().get(uri)));
      }
    }
    Map<String, Loaded> byAlias = new HashMap<>();
    // The previous generation stays reachable: a handshake may have chosen an alias just before this swap.
    before.certificates().values().forEach(l -> byAlias.put(l.alias(), l));
    certificates.values().forEach(l -> byAlias.put(l.alias(), l));
    current.set(new Snapshot(Map.copyOf(certificates), Map.copyOf(truststores), Map.copyOf(byAlias), anyLegacy,
        !truststores.isEmpty()));
  }

  /** The certificate for the SNI host name {@code serverName} (exact, then wildcard), else the execute-api one; may be null. */
  Loaded forServerName(String serverName) {
    Map<String, Loaded> certificates = current.get().certificates();
    if (serverName != null) {
      String name = serverName.toLowerCase(Locale.ROOT);
      Loaded exact = certificates.get(name);
      if (exact != null && exact.usable()) {
        return exact;
      }
      int dot = name.indexOf('.');
      Loaded wildcard = dot < 0 ? null : certificates.get("*" + name.substring(dot));
      if (wildcard != null && wildcard.usable()) {
        return wildcard;
      }
    }
    Loaded fallback = certificates.get(FALLBACK);
    return fallback != null && fallback.usable() ? fallback : null;
  }

  /** The custom domain {@code serverName} names (exact, then wildcard), or null. */
  DomainName domain(String serverName) {
    if (serverName == null) {
      return null;
    }
    String name = serverName.toLowerCase(Locale.ROOT);
    DomainName exact = domains.domain(name);
    int dot = name.indexOf('.');
    return exact != null || dot < 0 ? exact : domains.domain("*" + name.substring(dot));
  }

  /** A certificate by the alias a handshake chose. */
  Loaded byAlias(String alias) {
    return current.get().byAlias().get(alias);
  }

  /** The trust manager of the truststore at {@code uri}, or null while it is not (or cannot be) loaded. */
  X509TrustManager truststore(String uri) {
    Trust trust = current.get().truststores().get(uri);
    return trust == null ? null : trust.manager();
  }

  /** Whether some domain asks for TLS 1.0/1.1 ({@code securityPolicy TLS_1_0}). */
  boolean anyLegacy() {
    return current.get().anyLegacy();
  }

  /** Whether some domain has mutual TLS: then handshakes ask clients for a certificate. */
  boolean anyMutualTls() {
    return current.get().anyMutualTls();
  }

  /** The truststore URI of a mutual-TLS domain, or null. */
  static String truststoreUri(DomainName domain) {
    var mtls = domain == null ? null : domain.mutualTlsAuthentication();
    return mtls == null || mtls.truststoreUri() == null || mtls.truststoreUri().isEmpty() ? null : mtls.truststoreUri();
  }

  private Loaded load(String name, CertificateSource source, Snapshot before) {
    FileStamp stamp = FileStamp.of(source.files());
    Loaded previous = before.certificates().get(name);
    if (previous != null && previous.stamp().equals(stamp) && previous.source().equals(source)) {
      return previous;
    }
    String alias = (name.isEmpty() ? "execute-api" : name) + "#" + generation.incrementAndGet();
    try {
      List<X509Certificate> chain = PemFiles.certificates(source.chain());
      PrivateKey key = PemFiles.privateKey(source.key());
      if (key == null) {
        throw new IOException(source.key() + ": no private key");
      }
      if (!KeyPairs.match(key, chain.get(0).getPublicKey())) {
        throw new IOException(source.key() + ": the private key does not belong to the certificate in " + source.chain());
      }
      log.info("TLS certificate for {} loaded from {} (subject {}, valid until {})", name.isEmpty() ? "execute-api" : name,
          source.chain(), chain.get(0).getSubjectX500Principal().getName(), chain.get(0).getNotAfter().toInstant());
      return new Loaded(alias, chain, key, stamp, source);
    } catch (IOException | RuntimeException e) {
      if (previous != null && previous.usable() && previous.source().equals(source)) {
        // Mid-replacement (the key moved in, the certificate not yet): the previous pair serves until both fit.
        log.warn("TLS certificate for {} not reloaded ({}); the previous one stays in use",
            name.isEmpty() ? "execute-api" : name, e.getMessage());
        return new Loaded(previous.alias(), previous.chain(), previous.key(), stamp, source);
      }
      if (!name.isEmpty() || previous != null || generate) {
        log.warn("No TLS certificate for {} ({}); its handshakes get the execute-api certificate until the files change",
            name.isEmpty() ? "execute-api (default.crt)" : name, e.getMessage());
      }
      return new Loaded(alias, List.of(), null, stamp, source);
    }
  }

  private Trust trust(String uri, Trust previous) {
    Path file = CertificateSource.path(uri);
    FileStamp stamp = FileStamp.of(file == null ? List.of() : List.of(file));
    if (previous != null && previous.stamp().equals(stamp)) {
      return previous;
    }
    try {
      if (file == null) {
        throw new IOException(uri + " is not a file: URI or an absolute path");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (X509Certificate ca : PemFiles.certificates(file)) {
        store.setCertificateEntry("ca-" + i++, ca);
      }
      var factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(store);
      for (var manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          log.info("Mutual TLS truststore {} loaded ({} certificates)", uri, i);
          return new Trust(x509, stamp);
        }
      }
      throw new IOException(uri + ": no X.509 trust manager");
    } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
      log.warn("Mutual TLS truststore {} cannot be used ({}); requests to its domains are refused until it changes",
          uri, e.getMessage());
      return new Trust(null, stamp);
    }
  }
}
