package dev.apigw.node.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A real OIDC issuer for tests: an HTTP server on 127.0.0.1 serving {@code /.well-known/openid-configuration} and its
 * JWKS, and RSA keys (Nimbus) that sign tokens. Keys can be rotated in to see a gateway refetch the JWKS.
 */
public final class OidcTestIssuer implements AutoCloseable {
  private final HttpServer server;
  private final List<RSAKey> keys = new ArrayList<>();
  private final AtomicInteger jwksFetches = new AtomicInteger();

  public OidcTestIssuer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/.well-known/openid-configuration", ex -> {
      byte[] body = ("{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/jwks.json\"}")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.createContext("/jwks.json", ex -> {
      jwksFetches.incrementAndGet();
      byte[] body;
      synchronized (keys) {
        body = new JWKSet(keys.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList())
            .toString().getBytes(StandardCharsets.UTF_8);
      }
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    rotate();
  }

  /** The issuer URL, {@code http://127.0.0.1:port}. */
  public String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** How often the JWKS was fetched. */
  public int jwksFetches() {
    return jwksFetches.get();
  }

  /** Adds a new signing key (the old ones stay published); tokens are signed with the newest. */
  public RSAKey rotate() {
    try {
      RSAKey key = new RSAKeyGenerator(2048).keyID("k" + (keys.size() + 1)).generate();
      synchronized (keys) {
        keys.add(key);
      }
      return key;
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token signed with the newest key: iss, exp in 5 minutes, iat now, plus what {@code claims} adds. */
  public String token(Consumer<JWTClaimsSet.Builder> claims) {
    RSAKey key;
    synchronized (keys) {
      key = keys.get(keys.size() - 1);
    }
    return sign(key, claims);
  }

  /** A token signed with {@code key} (e.g. one the issuer does not publish). */
  public String sign(RSAKey key, Consumer<JWTClaimsSet.Builder> claims) {
    var now = new java.util.Date();
    var builder = new JWTClaimsSet.Builder().issuer(issuer()).issueTime(now)
        .expirationTime(new java.util.Date(now.getTime() + 300_000));
    claims.accept(builder);
    try {
      var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), builder.build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
