package dev.apigw.node.dataplane.authorizers;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.apigw.node.dataplane.authorizers.CompiledAuthorizer.UserPool;
import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.PekkoFutures;
import java.text.ParseException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cognito user pool authorizers ({@code COGNITO_USER_POOLS}), as API Gateway runs them for REST APIs: the identity
 * header holds a user pool JWT (an optional {@code Bearer } prefix is accepted) that must be signed (RS256) by a key
 * of one of the authorizer's user pools, issued by that pool, unexpired, and an ID or access token. A method with
 * {@code authorizationScopes} needs an access token whose {@code scope} has one of them. Anything else is 401
 * {@code Unauthorized}. The token's claims become {@code $context.authorizer.claims}.
 *
 * <p>Each pool's signing keys (its JWKS) are fetched without blocking, with Pekko HTTP, cached and fetched again every
 * {@link AuthorizerSettings#jwksRefresh()}; a pool whose keys cannot be fetched fails its requests with 500
 * {@code AuthorizerConfigurationException}.
 */
public final class CognitoAuthorizers {
  private static final Logger log = LoggerFactory.getLogger(CognitoAuthorizers.class);
  private static final Set<String> TOKEN_USES = Set.of("id", "access");
  private static final int MAX_JWKS_BYTES = 1024 * 1024;

  private final ActorSystem<?> system;
  private final AuthorizerSettings settings;
  private final Clock clock;
  /** Issuer to its signing keys. */
  private final AsyncLoadingCache<String, JWKSet> keys;

  public CognitoAuthorizers(ActorSystem<?> system, AuthorizerSettings settings, Clock clock) {
    this.system = system;
    this.settings = settings;
    this.clock = clock;
    this.keys = Caffeine.newBuilder()
        .maximumSize(1000)
        .refreshAfterWrite(settings.jwksRefresh())
        .buildAsync((issuer, executor) -> fetch(issuer).toCompletableFuture());
  }

  /** The issuer ({@code iss}) of a pool's tokens. */
  String issuer(UserPool pool) {
    String base = settings.cognitoIssuerBase().isEmpty()
        ? "https://cognito-idp." + pool.region() + ".amazonaws.com" : settings.cognitoIssuerBase();
    return base + "/" + pool.id();
  }

  /**
   * The claims of the request's valid token, or a {@link GatewayError}: {@code UNAUTHORIZED}, or {@code
   * AUTHORIZER_CONFIGURATION_ERROR} when the pool's keys cannot be had.
   *
   * @param scopes the method's {@code authorizationScopes} (empty: any ID or access token of the pools)
   */
  public CompletionStage<Map<String, String>> authorize(CompiledAuthorizer authorizer, Invocation inv,
      List<String> scopes) {
    try {
      String token = authorizer.sources().get(0).valueIn(inv.request(), inv.stageVariables(), inv.context());
      if (token != null && token.regionMatches(true, 0, "Bearer ", 0, 7)) {
        token = token.substring(7).trim();
      }
      if (token == null || token.isEmpty()) {
        throw unauthorized();
      }
      SignedJWT jwt = parse(token);
      JWTClaimsSet claims = claims(jwt);
      String issuer = authorizer.userPools().stream().map(this::issuer).filter(i -> i.equals(claims.getIssuer()))
          .findFirst().orElseThrow(CognitoAuthorizers::unauthorized);
      Date expires = claims.getExpirationTime();
      if (expires == null || !expires.toInstant().isAfter(clock.instant())
          || !TOKEN_USES.contains(String.valueOf(claims.getClaim("token_use")))
          || !JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
        throw unauthorized();
      }
      if (!scopes.isEmpty() && !hasScope(claims, scopes)) {
        throw unauthorized();
      }
      return keys.get(issuer).handle((set, failure) -> {
        if (failure != null) {
          log.warn("Authorizer {} ({}): the signing keys of {} could not be fetched ({}); answering 500 "
              + "AuthorizerConfigurationException", authorizer.authorizer().id(), authorizer.authorizer().name(),
              issuer, AwsErrors.unwrap(failure).toString());
          throw new GatewayError(ResponseTypes.AUTHORIZER_CONFIGURATION_ERROR,
              ResponseTypes.defaultMessage(ResponseTypes.AUTHORIZER_CONFIGURATION_ERROR));
        }
        verifySignature(jwt, set);
        return strings(claims);
      });
    } catch (GatewayError e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static SignedJWT parse(String token) {
    try {
      return SignedJWT.parse(token);
    } catch (ParseException e) {
      throw unauthorized();
    }
  }

  private static JWTClaimsSet claims(SignedJWT jwt) {
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw unauthorized();
    }
  }

  /** An access token's {@code scope} (space-separated) holds one of the method's scopes. */
  private static boolean hasScope(JWTClaimsSet claims, List<String> scopes) {
    Object scope = claims.getClaim("scope");
    return "access".equals(claims.getClaim("token_use")) && scope instanceof String s
        && Arrays.stream(s.split(" ")).anyMatch(scopes::contains);
  }

  private static void verifySignature(SignedJWT jwt, JWKSet set) {
    JWK key = jwt.getHeader().getKeyID() == null ? null : set.getKeyByKeyId(jwt.getHeader().getKeyID());
    try {
      if (!(key instanceof RSAKey rsa) || !jwt.verify(new RSASSAVerifier(rsa))) {
        throw unauthorized();
      }
    } catch (JOSEException e) {
      throw unauthorized();
    }
  }

  /** Claims as API Gateway hands them on: every value a string (dates in Java's {@code Date} form, as AWS shows). */
  private static Map<String, String> strings(JWTClaimsSet claims) {
    Map<String, String> out = new LinkedHashMap<>();
    claims.getClaims().forEach((name, value) -> out.put(name, String.valueOf(value)));
    return out;
  }

  private CompletionStage<JWKSet> fetch(String issuer) {
    String url = issuer + "/.well-known/jwks.json";
    return PekkoFutures.plain(Http.get(system).singleRequest(HttpRequest.create(url)))
        .thenCompose(response -> {
          if (response.status().intValue() != 200) {
            response.discardEntityBytes(system);
            throw new IllegalStateException("GET " + url + " answered " + response.status().intValue());
          }
          return PekkoFutures.plain(response.entity().withSizeLimit(MAX_JWKS_BYTES)
              .toStrict(settings.timeout().toMillis(), system));
        })
        .thenApply(strict -> {
          try {
            return JWKSet.parse(strict.getData().utf8String());
          } catch (ParseException e) {
            throw new IllegalStateException("GET " + url + ": not a JWKS (" + e.getMessage().toLowerCase(Locale.ROOT) + ")");
          }
        });
  }

  private static GatewayError unauthorized() {
    return new GatewayError(ResponseTypes.UNAUTHORIZED, ResponseTypes.defaultMessage(ResponseTypes.UNAUTHORIZED));
  }
}
