package dev.apigw.node.dataplane;

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
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.LambdaReply;
import dev.apigw.node.testing.LambdaTestServer;
import dev.apigw.node.testing.RawHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.model.ApiKeySourceType;
import software.amazon.awssdk.services.apigateway.model.AuthorizerType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * REST API authorization through the data plane: Lambda authorizers (TOKEN and REQUEST) and AWS_IAM. APIs are built
 * with the AWS SDK, authorizer functions served by a Lambda-Invoke-compatible server that checks the gateway's SigV4
 * signatures, requests sent by a real HTTP client (AWS_IAM ones signed with the SDK's SigV4 signer).
 */
class AuthorizationDataPlaneTest {
  private static final String USER_POOL = "us-east-1_Test";
  private static RSAKey poolKey;
  private static RSAKey strangerKey;
  private static String issuer;

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode()
      .withLambdaServer(AuthorizationDataPlaneTest::functions)
      .withConfig(g -> Map.of("gateway.data-plane.authorizers.cognito-issuer-base", startUserPool(g.lambdaSystem())));

  private static void functions(LambdaTestServer lambda) {
    lambda.register("echo-event", event -> LambdaReply.proxy(200, Map.of("Content-Type", "application/json"),
        event.toString()));
    lambda.register("token-auth", event -> decide(event.get("authorizationToken").asText(), event));
    lambda.register("request-auth", event -> {
      JsonNode headers = event.path("headers");
      return decide("allow:" + headers.path("X-User").asText(), event);
    });
  }

  /** A user pool's JWKS endpoint, as Cognito serves it at {issuer}/.well-known/jwks.json; answers the issuer base. */
  private static String startUserPool(ActorSystem<Void> lambdaSystem) {
    try {
      poolKey = new RSAKeyGenerator(2048).keyID("pool-key").generate();
      strangerKey = new RSAKeyGenerator(2048).keyID("pool-key").generate(); // same key id, other key
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    String jwks = new JWKSet(poolKey.toPublicJWK()).toString();
    var pool = Http.get(lambdaSystem).newServerAt("127.0.0.1", 0).bindSync(request ->
        request.getUri().path().equals("/" + USER_POOL + "/.well-known/jwks.json")
            ? org.apache.pekko.http.javadsl.model.HttpResponse.create().withEntity(ContentTypes.APPLICATION_JSON, jwks)
            : org.apache.pekko.http.javadsl.model.HttpResponse.create().withStatus(404)).toCompletableFuture().join();
    String issuerBase = "http://127.0.0.1:" + pool.localAddress().getPort();
    issuer = issuerBase + "/" + USER_POOL;
    return issuerBase;
  }

  /** The token says what the authorizer answers: {@code verdict:principal}. */
  private static LambdaReply decide(String token, JsonNode event) {
    String[] parts = token.split(":", 2);
    String principal = parts.length > 1 ? parts[1] : "";
    String methodArn = event.get("methodArn").asText();
    return switch (parts[0]) {
      case "allow" -> LambdaReply.result(output(principal, "Allow", methodArn, null));
      case "wide" -> LambdaReply.result(output(principal, "Allow", methodArn.substring(0, methodArn.indexOf('/')) + "/*", null));
      case "key" -> LambdaReply.result(output("keyed", "Allow", "*", principal));
      case "deny" -> LambdaReply.result(output(principal, "Deny", "*", null));
      case "other" -> LambdaReply.result(output(principal, "Allow", "arn:aws:execute-api:*:*:elsewhere/*", null));
      case "unauthorized" -> LambdaReply.unhandled("Error", "Unauthorized");
      case "crash" -> LambdaReply.unhandled("Error", "boom");
      default -> LambdaReply.raw("not an authorizer result");
    };
  }

  private static ObjectNode output(String principal, String effect, String resource, String usageIdentifierKey) {
    ObjectNode out = Json.object();
    out.put("principalId", principal);
    ObjectNode statement = out.putObject("policyDocument").put("Version", "2012-10-17").putArray("Statement").addObject();
    statement.put("Action", "execute-api:Invoke").put("Effect", effect).put("Resource", resource);
    out.putObject("context").put("tier", "gold").put("n", 7).put("flag", true);
    if (usageIdentifierKey != null) {
      out.put("usageIdentifierKey", usageIdentifierKey);
    }
    return out;
  }

  /** An API whose GET /pets/{id} is guarded by {@code authorizer} and answers with the Lambda proxy event it got. */
  private static Api api(String name, AuthorizerType type, String identitySource, int ttl, boolean keyFromAuthorizer) {
    return api(name, type, identitySource, ttl, keyFromAuthorizer, type == AuthorizerType.TOKEN ? "^[a-z]+:.*$" : null);
  }

  private static Api api(String name, AuthorizerType type, String identitySource, int ttl, boolean keyFromAuthorizer,
      String validationExpression) {
    var api = gateway.client().createRestApi(r -> r.name(name).apiKeySource(keyFromAuthorizer ? ApiKeySourceType.AUTHORIZER
        : ApiKeySourceType.HEADER));
    String function = type == AuthorizerType.TOKEN ? "token-auth" : "request-auth";
    var authorizer = gateway.client().createAuthorizer(r -> r.restApiId(api.id()).name(name + "-auth").type(type)
        .authorizerUri(LambdaTestServer.integrationUri(function)).identitySource(identitySource)
        .identityValidationExpression(validationExpression)
        .authorizerResultTtlInSeconds(ttl));
    String pets = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("pets")).id();
    String pet = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(pets).pathPart("{id}")).id();
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(pet).httpMethod("GET").authorizationType("CUSTOM")
        .authorizerId(authorizer.id()).apiKeyRequired(keyFromAuthorizer));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(pet).httpMethod("GET").type(IntegrationType.AWS_PROXY)
        .integrationHttpMethod("POST").uri(LambdaTestServer.integrationUri("echo-event")));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("v1").variables(Map.of("env", "test")));
    return new Api(api.id(), authorizer.id());
  }

  private record Api(String id, String authorizerId) {}

  private static HttpResponse<String> get(String apiId, String path, Map<String, String> headers) {
    // Until the deployment reached the data plane the API answers 403 Missing Authentication Token.
    return DataPlaneClient.await(() -> gateway.dataPlane().call("GET", apiId, path, null, headers),
        r -> !r.body().contains("Missing Authentication Token"));
  }

  private static JsonNode json(String body) {
    return DataPlaneClient.json(body);
  }

  private static List<LambdaTestServer.Invocation> calls(String function) {
    return gateway.lambda().invocations().stream().filter(i -> i.function().equals(function)).toList();
  }

  private static void assertError(HttpResponse<String> response, int status, String errorType, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(errorType);
    JsonNode body = json(response.body());
    if (message == null) {
      assertThat(body.get("message").isNull()).as(response.body()).isTrue();
    } else {
      assertThat(body.get("message").asText()).isEqualTo(message);
    }
  }

  @Test
  void tokenAuthorizerAllowsAndHandsItsPrincipalAndContextToTheIntegration() {
    Api api = api("token-allow", AuthorizerType.TOKEN, "method.request.header.Authorization", 0, false);
    var response = get(api.id(), "/v1/pets/7", Map.of("Authorization", "allow:alice"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode context = json(response.body()).get("requestContext");
    JsonNode authorizer = context.get("authorizer");
    assertThat(authorizer.get("principalId").asText()).isEqualTo("alice");
    assertThat(authorizer.get("tier").asText()).isEqualTo("gold");
    assertThat(authorizer.get("n").asText()).isEqualTo("7");
    assertThat(authorizer.get("flag").asText()).isEqualTo("true");

    JsonNode event = calls("token-auth").get(calls("token-auth").size() - 1).event();
    assertThat(event.get("type").asText()).isEqualTo("TOKEN");
    assertThat(event.get("authorizationToken").asText()).isEqualTo("allow:alice");
    assertThat(event.get("methodArn").asText()).isEqualTo(
        "arn:aws:execute-api:us-east-1:" + context.get("accountId").asText() + ":" + api.id() + "/v1/GET/pets/7");
  }

  @Test
  void aMissingOrMalformedTokenIs401WithoutCallingTheFunction() {
    Api api = api("token-missing", AuthorizerType.TOKEN, "method.request.header.Authorization", 0, false);
    get(api.id(), "/v1/pets/1", Map.of("Authorization", "allow:warm-up"));
    int before = calls("token-auth").size();
    assertError(get(api.id(), "/v1/pets/1", Map.of()), 401, "UnauthorizedException", "Unauthorized");
    // identityValidationExpression ^[a-z]+:.*$ rejects it before the function runs.
    assertError(get(api.id(), "/v1/pets/1", Map.of("Authorization", "9bad")), 401, "UnauthorizedException",
        "Unauthorized");
    assertThat(calls("token-auth")).hasSize(before);
  }

  @Test
  void aValidationExpressionThatBacktracksCatastrophicallyIs401Quickly() {
    // Java's engine tries every split of the token among the 20 groups: minutes on 40 characters.
    Api api = api("token-backtracking", AuthorizerType.TOKEN, "method.request.header.Authorization", 0, false,
        "allow:(.*a){20}");
    get(api.id(), "/v1/pets/1", Map.of("Authorization", "allow:" + "a".repeat(20)));
    int before = calls("token-auth").size();
    long start = System.nanoTime();
    assertError(gateway.dataPlane().call("GET", api.id(), "/v1/pets/1", null,
        Map.of("Authorization", "allow:" + "a".repeat(40) + "!")), 401, "UnauthorizedException", "Unauthorized");
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(5));
    assertThat(calls("token-auth")).hasSize(before);
  }

  @Test
  void policiesAndFunctionErrorsAnswerAsAwsDoes() {
    Api api = api("token-verdicts", AuthorizerType.TOKEN, "method.request.header.Authorization", 0, false);
    get(api.id(), "/v1/pets/1", Map.of("Authorization", "allow:warm-up"));
    assertError(get(api.id(), "/v1/pets/1", Map.of("Authorization", "deny:mallory")), 403, "AccessDeniedException",
        "User is not authorized to access this resource with an explicit deny");
    assertError(get(api.id(), "/v1/pets/1", Map.of("Authorization", "other:eve")), 403, "AccessDeniedException",
        "User is not authorized to access this resource");
    assertError(get(api.id(), "/v1/pets/1", Map.of("Authorization", "unauthorized:bob")), 401, "UnauthorizedException",
        "Unauthorized");
    assertError(get(api.id(), "/v1/pets/1", Map.of("Authorization", "crash:bob")), 500,
        "AuthorizerConfigurationException", null);
    assertError(get(api.id(), "/v1/pets/1", Map.of("Authorization", "garbage:bob")), 500,
        "AuthorizerConfigurationException", null);
    // The node kept serving.
    assertThat(get(api.id(), "/v1/pets/1", Map.of("Authorization", "allow:alice")).statusCode()).isEqualTo(200);
  }

  @Test
  void resultsAreCachedPerTokenForTheTtlAndTheCachedPolicyDecidesForEveryMethod() {
    Api api = api("token-cached", AuthorizerType.TOKEN, "method.request.header.Authorization", 300, false);
    get(api.id(), "/v1/pets/1", Map.of("Authorization", "wide:warm-up"));
    int before = calls("token-auth").size();
    for (int i = 0; i < 3; i++) {
      assertThat(get(api.id(), "/v1/pets/" + i, Map.of("Authorization", "wide:carol")).statusCode()).isEqualTo(200);
    }
    assertThat(calls("token-auth")).hasSize(before + 1);
    // A policy that names only the first method's ARN is cached too: as at AWS it denies the next method.
    assertThat(get(api.id(), "/v1/pets/1", Map.of("Authorization", "allow:dave")).statusCode()).isEqualTo(200);
    assertError(get(api.id(), "/v1/pets/2", Map.of("Authorization", "allow:dave")), 403, "AccessDeniedException",
        "User is not authorized to access this resource");
    assertThat(calls("token-auth")).hasSize(before + 2);
  }

  @Test
  void requestAuthorizerGetsTheRequestAndNeedsEveryIdentitySourceWhenCaching() {
    Api api = api("request-auth", AuthorizerType.REQUEST,
        "method.request.header.X-User, method.request.querystring.q, stageVariables.env", 300, false);
    get(api.id(), "/v1/pets/1?q=warm", Map.of("X-User", "warm-up"));
    int before = calls("request-auth").size();
    assertError(get(api.id(), "/v1/pets/3", Map.of("X-User", "erin")), 401, "UnauthorizedException", "Unauthorized");
    assertThat(calls("request-auth")).hasSize(before);

    var response = get(api.id(), "/v1/pets/3?q=x", Map.of("X-User", "erin"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response.body()).get("requestContext").get("authorizer").get("principalId").asText())
        .isEqualTo("erin");
    JsonNode event = calls("request-auth").get(calls("request-auth").size() - 1).event();
    assertThat(event.get("type").asText()).isEqualTo("REQUEST");
    assertThat(event.get("methodArn").asText()).endsWith(api.id() + "/v1/GET/pets/3");
    assertThat(event.get("resource").asText()).isEqualTo("/pets/{id}");
    assertThat(event.get("path").asText()).isEqualTo("/pets/3");
    assertThat(event.get("headers").get("X-User").asText()).isEqualTo("erin");
    assertThat(event.get("queryStringParameters").get("q").asText()).isEqualTo("x");
    assertThat(event.get("pathParameters").get("id").asText()).isEqualTo("3");
    assertThat(event.get("stageVariables").get("env").asText()).isEqualTo("test");
    assertThat(event.has("body")).isFalse();
  }

  @Test
  void apiKeySourceAuthorizerTakesTheKeyFromUsageIdentifierKey() {
    Api api = api("keyed-by-authorizer", AuthorizerType.TOKEN, "method.request.header.Authorization", 0, true);
    var key = gateway.client().createApiKey(r -> r.name("from-authorizer").enabled(true));
    var plan = gateway.client().createUsagePlan(r -> r.name("authorizer-plan").apiStages(s -> s.apiId(api.id()).stage("v1")));
    gateway.client().createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(key.id()).keyType("API_KEY"));

    Map<String, String> headers = new HashMap<>(Map.of("Authorization", "key:" + key.value()));
    var response = DataPlaneClient.await(() -> gateway.dataPlane().call("GET", api.id(), "/v1/pets/5", null, headers),
        r -> r.statusCode() == 200);
    JsonNode identity = json(response.body()).get("requestContext").get("identity");
    assertThat(identity.get("apiKeyId").asText()).isEqualTo(key.id());
    // The x-api-key header does not count when the API takes its keys from the authorizer.
    assertError(get(api.id(), "/v1/pets/5", Map.of("Authorization", "allow:nokey", "x-api-key", key.value())), 403,
        "ForbiddenException", "Forbidden");
  }

  /** An API whose {@code ANY /pets/{id}} needs AWS_IAM and answers with the Lambda proxy event it got. */
  private static String iamApi() {
    var api = gateway.client().createRestApi(r -> r.name("iam"));
    String pets = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("pets")).id();
    String pet = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(pets).pathPart("{id}")).id();
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(pet).httpMethod("ANY").authorizationType("AWS_IAM"));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(pet).httpMethod("ANY").type(IntegrationType.AWS_PROXY)
        .integrationHttpMethod("POST").uri(LambdaTestServer.integrationUri("echo-event")));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("v1"));
    return api.id();
  }

  @Test
  void awsIamNeedsASignatureForExecuteApiWithAKnownKey() {
    String apiId = iamApi();
    URI uri = gateway.node().dataPlaneUri().resolve("/restapis/" + apiId + "/v1/_user_request_/pets/9?x=1");
    var response = DataPlaneClient.await(
        () -> RawHttp.signedAs("execute-api", "test", "test", "POST", uri, "{\"a\":1}", "{\"a\":1}"),
        r -> r.statusCode() == 200);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode event = json(response.body());
    assertThat(event.get("body").asText()).isEqualTo("{\"a\":1}");
    JsonNode identity = event.get("requestContext").get("identity");
    assertThat(identity.get("accessKey").asText()).isEqualTo("test");
    assertThat(identity.get("caller").asText()).isEqualTo("test");
    assertThat(identity.get("userArn").asText()).endsWith(":user/test");

    assertError(RawHttp.unsigned("GET", uri, null), 403, "MissingAuthenticationTokenException",
        "Missing Authentication Token");
    assertError(RawHttp.signedAs("execute-api", "nobody", "secret", "GET", uri, null, null), 403,
        "UnrecognizedClientException", "The security token included in the request is invalid.");
    var tampered = RawHttp.signedAs("execute-api", "test", "test", "POST", uri, "{\"a\":1}", "{\"a\":2}");
    assertThat(tampered.statusCode()).as(tampered.body()).isEqualTo(403);
    assertThat(tampered.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");
    var wrongService = RawHttp.signedAs("apigateway", "test", "test", "GET", uri, null, null);
    assertThat(wrongService.statusCode()).as(wrongService.body()).isEqualTo(403);
  }

  @Test
  void awsIamSignaturesMustBeScopedToTheGatewaysRegionAndAtMostFiveMinutesOld() {
    String apiId = iamApi();
    URI uri = gateway.node().dataPlaneUri().resolve("/restapis/" + apiId + "/v1/_user_request_/pets/9");
    DataPlaneClient.await(() -> RawHttp.signedAs("execute-api", "test", "test", "GET", uri, null, null),
        r -> r.statusCode() == 200);

    assertError(RawHttp.signedAs("execute-api", "us-west-2", Instant.now(), "test", "test", "GET", uri, null, null),
        403, "InvalidSignatureException", "Credential should be scoped to a valid region, not 'us-west-2'. ");
    var old = RawHttp.signedAs("execute-api", "us-east-1", Instant.now().minus(Duration.ofMinutes(6)), "test", "test",
        "GET", uri, null, null);
    assertThat(old.statusCode()).as(old.body()).isEqualTo(403);
    assertThat(old.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");
    assertThat(json(old.body()).get("message").asText()).startsWith("Signature expired: ").endsWith(" - 5 min.)");
    var recent = RawHttp.signedAs("execute-api", "us-east-1", Instant.now().minus(Duration.ofMinutes(4)), "test",
        "test", "GET", uri, null, null);
    assertThat(recent.statusCode()).as(recent.body()).isEqualTo(200);
  }

  private static String jwt(RSAKey key, String iss, String tokenUse, String scope, Instant expires) {
    var claims = new JWTClaimsSet.Builder().issuer(iss).subject("user-1").claim("token_use", tokenUse)
        .claim("email", "ada@example.com").expirationTime(Date.from(expires));
    if (scope != null) {
      claims.claim("scope", scope);
    }
    var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  @Test
  void cognitoUserPoolAuthorizerChecksTheTokenAndHandsOnItsClaims() {
    var api = gateway.client().createRestApi(r -> r.name("cognito"));
    var authorizer = gateway.client().createAuthorizer(r -> r.restApiId(api.id()).name("pool")
        .type(AuthorizerType.COGNITO_USER_POOLS).identitySource("method.request.header.Authorization")
        .providerARNs("arn:aws:cognito-idp:us-east-1:123456789012:userpool/" + USER_POOL));
    String pets = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("pets")).id();
    for (String verb : List.of("GET", "POST")) {
      gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(pets).httpMethod(verb).authorizationType("COGNITO_USER_POOLS")
          .authorizerId(authorizer.id()).authorizationScopes(verb.equals("POST") ? List.of("pets/write") : List.of()));
      gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(pets).httpMethod(verb).type(IntegrationType.AWS_PROXY)
          .integrationHttpMethod("POST").uri(LambdaTestServer.integrationUri("echo-event")));
    }
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("v1"));
    Instant later = Instant.now().plus(Duration.ofHours(1));
    String idToken = jwt(poolKey, issuer, "id", null, later);

    var response = DataPlaneClient.await(() -> gateway.dataPlane().call("GET", api.id(), "/v1/pets", null,
        Map.of("Authorization", idToken)), r -> r.statusCode() == 200);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode claims = json(response.body()).get("requestContext").get("authorizer").get("claims");
    assertThat(claims.get("email").asText()).isEqualTo("ada@example.com");
    assertThat(claims.get("sub").asText()).isEqualTo("user-1");
    assertThat(get(api.id(), "/v1/pets", Map.of("Authorization", "Bearer " + idToken)).statusCode()).isEqualTo(200);

    for (var bad : Map.of(
        "missing", Map.<String, String>of(),
        "not a JWT", Map.of("Authorization", "not-a-jwt"),
        "expired", Map.of("Authorization", jwt(poolKey, issuer, "id", null, Instant.now().minusSeconds(60))),
        "signed by another key", Map.of("Authorization", jwt(strangerKey, issuer, "id", null, later)),
        "another pool", Map.of("Authorization", jwt(poolKey, issuer + "x", "id", null, later)),
        "not an ID or access token", Map.of("Authorization", jwt(poolKey, issuer, "refresh", null, later))).entrySet()) {
      var refused = get(api.id(), "/v1/pets", bad.getValue());
      assertThat(refused.statusCode()).as(bad.getKey() + ": " + refused.body()).isEqualTo(401);
      assertThat(refused.headers().firstValue("x-amzn-ErrorType")).hasValue("UnauthorizedException");
    }

    // POST needs the scope pets/write: an access token that has it, not an ID token or another scope.
    var write = gateway.dataPlane().call("POST", api.id(), "/v1/pets", "{}",
        Map.of("Authorization", jwt(poolKey, issuer, "access", "pets/read pets/write", later)));
    assertThat(write.statusCode()).as(write.body()).isEqualTo(200);
    assertThat(gateway.dataPlane().call("POST", api.id(), "/v1/pets", "{}", Map.of("Authorization", idToken)).statusCode())
        .isEqualTo(401);
    assertThat(gateway.dataPlane().call("POST", api.id(), "/v1/pets", "{}",
        Map.of("Authorization", jwt(poolKey, issuer, "access", "pets/read", later))).statusCode()).isEqualTo(401);
  }
}
