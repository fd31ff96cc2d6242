package dev.apigw.node.dataplane.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.apigw.node.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys of OIDC issuers, as JWT authorizers need them: found through {@code
 * {issuer}/.well-known/openid-configuration}'s {@code jwks_uri}, fetched without blocking (the JDK's asynchronous
 * HTTP client), cached per issuer, and fetched again when a token names a key id the cache does not hold (at most
 * once per {@code minRefresh}, so tokens with made-up key ids cannot make the gateway hammer the issuer) or when the
 * cached set is older than {@code maxAge}.
 */
public final class OidcKeys {
  private static final Logger log = LoggerFactory.getLogger(OidcKeys.class);
  private static final int MAX_DOCUMENT_BYTES = 1 << 20;

  private record Cached(JWKSet keys, long fetchedNanos) {}

  private final HttpClient client;
  private final Duration timeout;
  private final long minRefreshNanos;
  private final long maxAgeNanos;
  private final LongSupplier nanos;
  private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompletableFuture<Cached>> inFlight = new ConcurrentHashMap<>();

  public OidcKeys(Duration timeout, Duration minRefresh, Duration maxAge) {
    this(HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build(), timeout,
        minRefresh, maxAge, System::nanoTime);
  }

  OidcKeys(HttpClient client, Duration timeout, Duration minRefresh, Duration maxAge, LongSupplier nanos) {
    this.client = client;
    this.timeout = timeout;
    this.minRefreshNanos = minRefresh.toNanos();
    this.maxAgeNanos = maxAge.toNanos();
    this.nanos = nanos;
  }

  /**
   * The issuer's key with id {@code kid}, or null when the issuer has none (after a refresh if one is allowed now).
   * Fails when the issuer's documents cannot be fetched and nothing is cached.
   */
  public CompletionStage<JWK> key(String issuer, String kid) {
    Cached cached = cache.get(issuer);
    long now = nanos.getAsLong();
    if (cached != null) {
      JWK key = cached.keys().getKeyByKeyId(kid);
      boolean fresh = now - cached.fetchedNanos() < maxAgeNanos;
      boolean mayRefresh = now - cached.fetchedNanos() >= minRefreshNanos;
      if ((key != null && fresh) || !mayRefresh) {
        return CompletableFuture.completedFuture(key);
      }
    }
    return fetch(issuer).handle((fetched, failure) -> {
      if (failure != null) {
        if (cached == null) {
          throw new IllegalStateException("keys of issuer " + issuer + " could not be fetched", failure);
        }
        return cached.keys().getKeyByKeyId(kid); // keep serving what was cached
      }
      return fetched.keys().getKeyByKeyId(kid);
    });
  }

  private CompletableFuture<Cached> fetch(String issuer) {
    CompletableFuture<Cached> mine = new CompletableFuture<>();
    CompletableFuture<Cached> existing = inFlight.putIfAbsent(issuer, mine);
    if (existing != null) {
      return existing;
    }
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    get(base + "/.well-known/openid-configuration")
        .thenCompose(discovery -> {
          JsonNode doc;
          try {
            doc = Json.MAPPER.readTree(discovery);
          } catch (IOException e) {
            throw new UncheckedIOException("discovery document of " + issuer + " is not JSON", e);
          }
          String jwksUri = doc.path("jwks_uri").asText(null);
          if (jwksUri == null) {
            throw new IllegalStateException("no jwks_uri in the discovery document of " + issuer);
          }
          return get(jwksUri);
        })
        .thenApply(jwks -> {
          try {
            return new Cached(JWKSet.parse(new String(jwks, java.nio.charset.StandardCharsets.UTF_8)), nanos.getAsLong());
          } catch (ParseException e) {
            throw new IllegalArgumentException("JWKS of " + issuer + " is not a JSON Web Key Set", e);
          }
        })
        .whenComplete((fetched, failure) -> {
          inFlight.remove(issuer, mine);
          if (failure != null) {
            log.warn("Could not fetch the signing keys of issuer {}: {}", issuer, failure.toString());
            // Counts as a fetch for the rate limit: a broken issuer is not asked again on every request.
            cache.computeIfPresent(issuer, (k, old) -> new Cached(old.keys(), nanos.getAsLong()));
            mine.completeExceptionally(failure);
          } else {
            cache.put(issuer, fetched);
            mine.complete(fetched);
          }
        });
    return mine;
  }

  private CompletableFuture<byte[]> get(String uri) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(timeout).GET().build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> {
      if (r.statusCode() != 200) {
        throw new IllegalStateException(uri + " answered " + r.statusCode());
      }
      if (r.body().length > MAX_DOCUMENT_BYTES) {
        throw new IllegalStateException(uri + " answered more than " + MAX_DOCUMENT_BYTES + " bytes");
      }
      return r.body();
    });
  }
}
