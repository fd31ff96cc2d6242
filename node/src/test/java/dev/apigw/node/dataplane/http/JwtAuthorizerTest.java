package dev.apigw.node.dataplane.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.apigw.node.testing.OidcTestIssuer;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JWT authorizer against a real issuer (discovery document and JWKS over HTTP), tokens signed by Nimbus. */
class JwtAuthorizerTest {
  private static OidcTestIssuer issuer;

  @BeforeAll
  static void start() throws Exception {
    issuer = new OidcTestIssuer();
  }

  @AfterAll
  static void stop() {
    issuer.close();
  }

  private static JwtAuthorizer authorizer(Duration minRefresh) {
    return new JwtAuthorizer(new OidcKeys(Duration.ofSeconds(5), minRefresh, Duration.ofHours(1)), Clock.systemUTC());
  }

  private static JwtAuthorizer.Accepted ok(JwtAuthorizer a, String identity, List<String> scopes) {
    return a.authorize(identity, issuer.issuer(), List.of("api1", "api2"), scopes).toCompletableFuture().join();
  }

  private static JwtAuthorizer.Refused refused(JwtAuthorizer a, String identity, List<String> scopes) {
    Throwable t = catchThrowable(() -> ok(a, identity, scopes));
    assertThat(t).isInstanceOf(CompletionException.class);
    assertThat(t.getCause()).isInstanceOf(JwtAuthorizer.Refused.class);
    return (JwtAuthorizer.Refused) t.getCause();
  }

  @Test
  void acceptsAValidTokenWithOrWithoutBearerAndPassesClaimsAsStrings() {
    var a = authorizer(Duration.ofSeconds(30));
    String token = issuer.token(c -> c.subject("alice").audience(List.of("api2", "other")).claim("scope", "read write")
        .claim("groups", List.of("g1", "g2")).claim("n", 7));
    var accepted = ok(a, "Bearer " + token, List.of("write"));
    assertThat(accepted.claims()).containsEntry("sub", "alice").containsEntry("aud", "[api2 other]")
        .containsEntry("groups", "[g1 g2]").containsEntry("n", "7").containsEntry("iss", issuer.issuer());
    assertThat(accepted.claims().get("exp")).matches("\\d{10}");
    assertThat(accepted.scopes()).containsExactly("read", "write");
    assertThat(ok(a, token, List.of()).claims()).containsEntry("sub", "alice");
  }

  @Test
  void clientIdStandsInForAudienceAndScpForScope() {
    var a = authorizer(Duration.ofSeconds(30));
    String token = issuer.token(c -> c.claim("client_id", "api1").claim("scp", List.of("admin")));
    assertThat(ok(a, token, List.of("admin")).scopes()).containsExactly("admin");
  }

  @Test
  void refusesWith401AndWwwAuthenticate() {
    var a = authorizer(Duration.ofSeconds(30));
    assertThat(refused(a, null, List.of()).status()).isEqualTo(401);
    assertThat(refused(a, "Bearer not.a.jwt", List.of()).wwwAuthenticate()).contains("invalid_token");
    var wrongAudience = refused(a, issuer.token(c -> c.audience("someone-else")), List.of());
    assertThat(wrongAudience.status()).isEqualTo(401);
    assertThat(wrongAudience.wwwAuthenticate()).contains("audience");
    var expired = refused(a, issuer.token(c -> c.audience("api1").expirationTime(new Date(System.currentTimeMillis() - 1000))), List.of());
    assertThat(expired.wwwAuthenticate()).contains("expired");
    assertThat(refused(a, issuer.token(c -> c.audience("api1").notBeforeTime(new Date(System.currentTimeMillis() + 60_000))), List.of())
        .status()).isEqualTo(401);
    assertThat(refused(a, issuer.token(c -> c.audience("api1").issuer("https://evil.example")), List.of()).status())
        .isEqualTo(401);
  }

  @Test
  void refusesAForeignSignatureAndMissingScopes() throws Exception {
    var a = authorizer(Duration.ofSeconds(30));
    var foreign = new RSAKeyGenerator(2048).keyID("k1").generate(); // same kid, other key
    assertThat(refused(a, issuer.sign(foreign, c -> c.audience("api1")), List.of()).wwwAuthenticate())
        .contains("signature");
    var noScope = refused(a, issuer.token(c -> c.audience("api1").claim("scope", "read")), List.of("write"));
    assertThat(noScope.status()).isEqualTo(403);
    assertThat(noScope.wwwAuthenticate()).contains("insufficient_scope");
  }

  @Test
  void refetchesTheJwksForANewKeyIdAtMostOncePerInterval() throws Exception {
    var a = authorizer(Duration.ofMillis(300));
    ok(a, issuer.token(c -> c.audience("api1")), List.of());
    int fetches = issuer.jwksFetches();
    var unknown = new RSAKeyGenerator(2048).keyID("never-published").generate();
    // Within the interval, unknown key ids do not reach the issuer.
    Thread.sleep(350);
    refused(a, issuer.sign(unknown, c -> c.audience("api1")), List.of());
    refused(a, issuer.sign(unknown, c -> c.audience("api1")), List.of());
    refused(a, issuer.sign(unknown, c -> c.audience("api1")), List.of());
    assertThat(issuer.jwksFetches()).isEqualTo(fetches + 1);
    // A rotated-in key is found after the interval.
    issuer.rotate();
    Thread.sleep(350);
    assertThat(ok(a, issuer.token(c -> c.subject("rotated").audience("api1")), List.of()).claims())
        .containsEntry("sub", "rotated");
  }
}
