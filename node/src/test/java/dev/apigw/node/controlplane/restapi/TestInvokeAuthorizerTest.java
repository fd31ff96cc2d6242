package dev.apigw.node.controlplane.restapi;

import static dev.apigw.node.controlplane.restapi.RestApiOperationsTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.apigw.node.http.Json;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.LambdaReply;
import dev.apigw.node.testing.LambdaTestServer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.model.AuthorizerType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.TestInvokeAuthorizerResponse;

/**
 * TestInvokeAuthorizer through the real AWS SDK: TOKEN and REQUEST Lambda authorizers served by the
 * Lambda-Invoke-compatible test server (the gateway signs its calls), and a Cognito user pool authorizer against a
 * JWKS endpoint. The authorizers are never attached to a method or deployed: the test runs what is defined.
 */
class TestInvokeAuthorizerTest {
  private static final String USER_POOL = "us-east-1_Tester";
  private static final String LONG_SECRET = "-a-long-secret-token-0123456789";
  private static RSAKey poolKey;
  private static String issuer;

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode()
      .withLambdaServer(TestInvokeAuthorizerTest::functions)
      .withConfig(g -> Map.of("gateway.data-plane.authorizers.cognito-issuer-base", startUserPool(g.lambdaSystem())));

  private static void functions(LambdaTestServer lambda) {
    lambda.register("test-token-auth", event -> decide(event.get("authorizationToken").asText(), event));
    lambda.register("test-request-auth", event -> decide("allow:" + event.path("headers").path("X-User").asText(),
        event));
  }

  /** The token says what the function answers: {@code verdict:principal...}. */
  private static LambdaReply decide(String token, JsonNode event) {
    String[] parts = token.split(":", 2);
    String principal = parts.length > 1 ? parts[1].replace(LONG_SECRET, "") : "";
    return switch (parts[0]) {
      case "allow" -> LambdaReply.result(output(principal, "Allow", event.get("methodArn").asText()));
      case "deny" -> LambdaReply.result(output(principal, "Deny", "*"));
      case "unauthorized" -> LambdaReply.unhandled("Error", "Unauthorized");
      default -> LambdaReply.raw("not an authorizer result");
    };
  }

  private static ObjectNode output(String principal, String effect, String resource) {
    ObjectNode out = Json.object();
    out.put("principalId", principal);
    ObjectNode statement = out.putObject("policyDocument").put("Version", "2012-10-17").putArray("Statement").addObject();
    statement.put("Action", "execute-api:Invoke").put("Effect", effect).put("Resource", resource);
    out.putObject("context").put("tier", "gold");
    return out;
  }

  private static String startUserPool(ActorSystem<Void> system) {
    try {
      poolKey = new RSAKeyGenerator(2048).keyID("tester-key").generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    String jwks = new JWKSet(poolKey.toPublicJWK()).toString();
    var pool = Http.get(system).newServerAt("127.0.0.1", 0).bindSync(request ->
        request.getUri().path().equals("/" + USER_POOL + "/.well-known/jwks.json")
            ? HttpResponse.create().withEntity(ContentTypes.APPLICATION_JSON, jwks)
            : HttpResponse.create().withStatus(404)).toCompletableFuture().join();
    String base = "http://127.0.0.1:" + pool.localAddress().getPort();
    issuer = base + "/" + USER_POOL;
    return base;
  }

  private static String apiWithAuthorizer(String name, AuthorizerType type, String function, String identitySource) {
    var api = gateway.client().createRestApi(r -> r.name(name));
    return api.id() + "/" + gateway.client().createAuthorizer(r -> r.restApiId(api.id()).name(name).type(type)
        .authorizerUri(LambdaTestServer.integrationUri(function)).identitySource(identitySource)
        .authorizerResultTtlInSeconds(300)).id();
  }

  private static List<LambdaTestServer.Invocation> calls(String function) {
    return gateway.lambda().invocations().stream().filter(i -> i.function().equals(function)).toList();
  }

  private static TestInvokeAuthorizerResponse test(String apiAndAuthorizer, Map<String, String> headers) {
    String[] ids = apiAndAuthorizer.split("/");
    return gateway.client().testInvokeAuthorizer(r -> r.restApiId(ids[0]).authorizerId(ids[1]).headers(headers));
  }

  @Test
  void tokenAuthorizerAllowsDeniesAndRefusesWithoutTheCache() {
    String ids = apiWithAuthorizer("test-token", AuthorizerType.TOKEN, "test-token-auth",
        "method.request.header.Authorization");
    String apiId = ids.split("/")[0];
    int before = calls("test-token-auth").size();

    TestInvokeAuthorizerResponse allowed = test(ids, Map.of("Authorization", "allow:alice" + LONG_SECRET));
    assertThat(allowed.clientStatus()).as(allowed.log()).isEqualTo(200);
    assertThat(allowed.principalId()).isEqualTo("alice");
    JsonNode policy = json(allowed.policy());
    assertThat(policy.at("/Statement/0/Effect").asText()).isEqualTo("Allow");
    assertThat(policy.at("/Statement/0/Resource").asText())
        .isEqualTo("arn:aws:execute-api:us-east-1:000000000000:" + apiId + "/ESTestInvoke-stage/GET/");
    assertThat(allowed.authorization()).containsEntry("tier", List.of("gold"));
    assertThat(allowed.latency()).isGreaterThanOrEqualTo(0);
    assertThat(allowed.log())
        .startsWith("Execution log for request ")
        .contains(" : Starting authorizer: " + ids.split("/")[1] + " for request: ")
        .contains(" : Incoming identity: {method.request.header.Authorization=********456789}")
        .contains(" : Endpoint request URI: " + LambdaTestServer.integrationUri("test-token-auth"))
        .contains(" : Successfully completed authorizer execution")
        .doesNotContain("alice" + LONG_SECRET);
    // The cache (TTL 300 s) is not used: the same token runs the function again.
    test(ids, Map.of("Authorization", "allow:alice" + LONG_SECRET));
    var invocations = calls("test-token-auth");
    assertThat(invocations).hasSize(before + 2);
    assertThat(invocations.get(invocations.size() - 1).event().get("type").asText()).isEqualTo("TOKEN");

    TestInvokeAuthorizerResponse denied = test(ids, Map.of("Authorization", "deny:bob"));
    assertThat(denied.clientStatus()).as(denied.log()).isEqualTo(403);
    assertThat(denied.principalId()).isEqualTo("bob");
    assertThat(json(denied.policy()).at("/Statement/0/Effect").asText()).isEqualTo("Deny");

    TestInvokeAuthorizerResponse unauthorized = test(ids, Map.of("Authorization", "unauthorized:x"));
    assertThat(unauthorized.clientStatus()).isEqualTo(401);
    assertThat(unauthorized.principalId()).isNull();
    assertThat(unauthorized.log()).contains(" : Unauthorized request: ").endsWith(" : Unauthorized\n");

    int called = calls("test-token-auth").size();
    TestInvokeAuthorizerResponse missing = test(ids, Map.of());
    assertThat(missing.clientStatus()).isEqualTo(401);
    assertThat(calls("test-token-auth")).hasSize(called); // no token: the function is not called

    TestInvokeAuthorizerResponse broken = test(ids, Map.of("Authorization", "garbage"));
    assertThat(broken.clientStatus()).isEqualTo(500);
    assertThat(broken.log()).contains(" : Execution failed due to configuration error: ");
  }

  @Test
  void requestAuthorizerGetsThePathQueryStageVariablesAndAdditionalContext() {
    String ids = apiWithAuthorizer("test-request", AuthorizerType.REQUEST, "test-request-auth",
        "method.request.header.X-User,context.tenant");
    String[] parts = ids.split("/");

    TestInvokeAuthorizerResponse answer = gateway.client().testInvokeAuthorizer(r -> r.restApiId(parts[0])
        .authorizerId(parts[1]).headers(Map.of("X-User", "carol")).multiValueHeaders(Map.of("X-Multi", List.of("a", "b")))
        .pathWithQueryString("/pets/7?size=small").stageVariables(Map.of("env", "test"))
        .additionalContext(Map.of("tenant", "t1")));

    assertThat(answer.clientStatus()).as(answer.log()).isEqualTo(200);
    assertThat(answer.principalId()).isEqualTo("carol");
    JsonNode event = calls("test-request-auth").get(calls("test-request-auth").size() - 1).event();
    assertThat(event.get("type").asText()).isEqualTo("REQUEST");
    assertThat(event.get("methodArn").asText()).endsWith(parts[0] + "/ESTestInvoke-stage/GET/pets/7");
    assertThat(event.get("path").asText()).isEqualTo("/pets/7");
    assertThat(event.at("/queryStringParameters/size").asText()).isEqualTo("small");
    assertThat(event.at("/multiValueHeaders/X-Multi")).hasSize(2);
    assertThat(event.at("/stageVariables/env").asText()).isEqualTo("test");
    assertThat(event.at("/requestContext/stage").asText()).isEqualTo("test-invoke-stage");
    assertThat(answer.log()).contains("Incoming identity: {method.request.header.X-User=********, context.tenant=********}");

    // Without the context variable the identity is incomplete: 401 (results are cached, so every source is needed).
    TestInvokeAuthorizerResponse incomplete = gateway.client().testInvokeAuthorizer(r -> r.restApiId(parts[0])
        .authorizerId(parts[1]).headers(Map.of("X-User", "carol")));
    assertThat(incomplete.clientStatus()).isEqualTo(401);
  }

  @Test
  void cognitoAuthorizerAnswersTheTokensClaims() {
    var api = gateway.client().createRestApi(r -> r.name("test-cognito"));
    var authorizer = gateway.client().createAuthorizer(r -> r.restApiId(api.id()).name("pool")
        .type(AuthorizerType.COGNITO_USER_POOLS).identitySource("method.request.header.Authorization")
        .providerARNs("arn:aws:cognito-idp:us-east-1:123456789012:userpool/" + USER_POOL));

    TestInvokeAuthorizerResponse ok = gateway.client().testInvokeAuthorizer(r -> r.restApiId(api.id())
        .authorizerId(authorizer.id()).headers(Map.of("Authorization", idToken())));
    assertThat(ok.clientStatus()).as(ok.log()).isEqualTo(200);
    assertThat(ok.claims()).containsEntry("sub", "user-1").containsEntry("email", "ada@example.com");

    TestInvokeAuthorizerResponse refused = gateway.client().testInvokeAuthorizer(r -> r.restApiId(api.id())
        .authorizerId(authorizer.id()).headers(Map.of("Authorization", "not-a-jwt")));
    assertThat(refused.clientStatus()).isEqualTo(401);
    assertThat(refused.hasClaims()).isFalse();
  }

  @Test
  void unknownAuthorizerIsAwsNotFound() {
    var api = gateway.client().createRestApi(r -> r.name("test-authorizer-missing"));
    failure(NotFoundException.class, () -> gateway.client().testInvokeAuthorizer(r -> r.restApiId(api.id())
        .authorizerId("zzzzzz")), 404, "NotFoundException", "Invalid authorizer identifier specified");
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private static String idToken() {
    var claims = new JWTClaimsSet.Builder().issuer(issuer).subject("user-1").claim("token_use", "id")
        .claim("email", "ada@example.com").expirationTime(Date.from(Instant.now().plusSeconds(3600))).build();
    var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(poolKey.getKeyID()).build(), claims);
    try {
      jwt.sign(new RSASSASigner(poolKey));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }
}
