package dev.apigw.node.dataplane.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.apigw.node.http.Json;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An HTTP API's JWT authorizer, as AWS runs it: the token (with or without {@code Bearer }) must be an RSA-signed JWT
 * whose {@code kid} names a key of the issuer's JWKS, {@code iss} must be the configured issuer exactly, {@code aud}
 * (or, without it, {@code client_id}) must hold one of the configured audiences, and {@code exp}, {@code nbf} and
 * {@code iat} must fit the clock. A route with authorization scopes needs one of them in the token's {@code scope}
 * (space separated) or {@code scp} claim. Refusals are 401 (with {@code www-authenticate}) or, for scopes, 403.
 */
public final class JwtAuthorizer {
  /** A refused token: the status (401 or 403) and the {@code www-authenticate} value to answer with. */
  public static final class Refused extends RuntimeException {
    private final int status;
    private final String wwwAuthenticate;

    Refused(int status, String wwwAuthenticate, String why) {
      super(why, null, false, false);
      this.status = status;
      this.wwwAuthenticate = wwwAuthenticate;
    }

    public int status() {
      return status;
    }

    public String wwwAuthenticate() {
      return wwwAuthenticate;
    }
  }

  /**
   * An accepted token: what {@code requestContext.authorizer.jwt} and {@code $context.authorizer.claims.x} read.
   *
   * @param claims every claim, as a string
   * @param scopes the token's scopes, or null when it has none
   */
  public record Accepted(Map<String, String> claims, List<String> scopes) {}

  private static final long SKEW_SECONDS = 0;

  private final OidcKeys keys;
  private final Clock clock;

  public JwtAuthorizer(OidcKeys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * Checks {@code identity} (the identity source's value, or null).
   *
   * @param issuer the authorizer's {@code jwtConfiguration.issuer}
   * @param audience its {@code jwtConfiguration.audience}
   * @param routeScopes the route's {@code authorizationScopes} (empty: none required)
   */
  public CompletionStage<Accepted> authorize(String identity, String issuer, List<String> audience,
      List<String> routeScopes) {
    if (identity == null || identity.isBlank()) {
      return refused(401, "Bearer", "no token");
    }
    String token = identity.trim();
    if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = token.substring(7).trim();
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      return refused(401, invalid("the token is not a valid JWT"), "not a JWT");
    }
    String kid = jwt.getHeader().getKeyID();
    if (kid == null || !JWSAlgorithm.Family.RSA.contains(jwt.getHeader().getAlgorithm())) {
      return refused(401, invalid("the token must be RSA-signed and name its key (kid)"), "no kid or not RSA");
    }
    if (!issuer.equals(claims.getIssuer())) {
      return refused(401, invalid("the token has an invalid issuer"), "issuer");
    }
    return keys.key(issuer, kid).thenApply(key -> verify(jwt, claims, key, audience, routeScopes));
  }

  private Accepted verify(SignedJWT jwt, JWTClaimsSet claims, JWK key, List<String> audience, List<String> routeScopes) {
    if (!(key instanceof RSAKey rsa)) {
      throw new Refused(401, invalid("the token's signing key is unknown"), "unknown kid");
    }
    try {
      if (!jwt.verify(new RSASSAVerifier(rsa))) {
        throw new Refused(401, invalid("the token's signature is invalid"), "signature");
      }
    } catch (JOSEException e) {
      throw new Refused(401, invalid("the token's signature is invalid"), "signature");
    }
    Instant now = clock.instant();
    if (claims.getExpirationTime() == null || !now.isBefore(plus(claims.getExpirationTime(), SKEW_SECONDS))) {
      throw new Refused(401, invalid("the token has expired"), "expired");
    }
    if (claims.getNotBeforeTime() != null && now.isBefore(plus(claims.getNotBeforeTime(), -SKEW_SECONDS))) {
      throw new Refused(401, invalid("the token is not valid yet"), "nbf");
    }
    if (claims.getIssueTime() != null && now.isBefore(plus(claims.getIssueTime(), -SKEW_SECONDS))) {
      throw new Refused(401, invalid("the token was issued in the future"), "iat");
    }
    List<String> tokenAudience = claims.getAudience();
    if (tokenAudience == null || tokenAudience.isEmpty()) {
      Object clientId = claims.getClaim("client_id");
      tokenAudience = clientId == null ? List.of() : List.of(String.valueOf(clientId));
    }
    if (tokenAudience.stream().noneMatch(audience::contains)) {
      throw new Refused(401, invalid("the token does not have a valid audience"), "audience");
    }
    List<String> scopes = scopes(claims);
    if (!routeScopes.isEmpty() && (scopes == null || scopes.stream().noneMatch(routeScopes::contains))) {
      throw new Refused(403, "Bearer scope=\"" + String.join(" ", routeScopes)
          + "\" error=\"insufficient_scope\" error_description=\"the token does not have the required scopes\"",
          "scopes");
    }
    return new Accepted(asStrings(claims), scopes);
  }

  private static Instant plus(Date date, long seconds) {
    return date.toInstant().plusSeconds(seconds);
  }

  private static List<String> scopes(JWTClaimsSet claims) {
    Object scope = claims.getClaim("scope");
    Object scp = claims.getClaim("scp");
    List<String> out = new ArrayList<>();
    for (Object o : new Object[] {scope, scp}) {
      if (o instanceof String s) {
        for (String part : s.trim().split("\\s+")) {
          if (!part.isEmpty()) {
            out.add(part);
          }
        }
      } else if (o instanceof Collection<?> c) {
        c.forEach(v -> out.add(String.valueOf(v)));
      }
    }
    return out.isEmpty() ? null : List.copyOf(out);
  }

  /** Claims as AWS passes them on: strings; arrays as {@code [a b]}; dates as epoch seconds; objects as JSON. */
  static Map<String, String> asStrings(JWTClaimsSet claims) {
    Map<String, String> out = new LinkedHashMap<>();
    claims.getClaims().forEach((name, value) -> out.put(name, asString(value)));
    return out;
  }

  private static String asString(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Date d) {
      return Long.toString(d.toInstant().getEpochSecond());
    }
    if (value instanceof Collection<?> c) {
      List<String> parts = new ArrayList<>();
      c.forEach(v -> parts.add(asString(v)));
      return "[" + String.join(" ", parts) + "]";
    }
    if (value instanceof Map<?, ?> m) {
      return Json.MAPPER.valueToTree(m).toString();
    }
    return String.valueOf(value);
  }

  private static String invalid(String description) {
    return "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + description + "\"";
  }

  private static <T> CompletionStage<T> refused(int status, String header, String why) {
    return CompletableFuture.failedFuture(new Refused(status, header, why));
  }
}
