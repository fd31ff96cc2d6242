package dev.apigw.node.dataplane.authorizers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.apigw.node.dataplane.cache.EntryTtl;
import dev.apigw.node.dataplane.integration.lambda.LambdaErrors;
import dev.apigw.node.dataplane.integration.lambda.LambdaInvoker;
import dev.apigw.node.dataplane.integration.lambda.LambdaResult;
import dev.apigw.node.dataplane.integration.lambda.ProxyEvent;
import dev.apigw.node.dataplane.integration.lambda.ProxyRequest;
import dev.apigw.node.dataplane.mapping.BoundedRegex;
import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.node.dataplane.request.MethodRequest;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs REST API Lambda authorizers (TOKEN and REQUEST) as API Gateway does, without blocking:
 *
 * <ul>
 *   <li>A missing or empty identity (TOKEN: the header, or a value that fails {@code identityValidationExpression};
 *       REQUEST with caching: any identity source) is 401 {@code Unauthorized}, without calling the function.
 *   <li>The function gets AWS's event: {@code {type: TOKEN, authorizationToken, methodArn}} or, for REQUEST, the
 *       request's {@code resource, path, httpMethod, headers, queryStringParameters, pathParameters, stageVariables,
 *       requestContext} (multi-value forms included) with {@code type} and {@code methodArn}.
 *   <li>A function error whose {@code errorMessage} is {@code Unauthorized} is 401; any other error, a timeout or an
 *       answer that is not {@code {principalId, policyDocument, context, usageIdentifierKey}} is 500 {@code {"message":
 *       null}} ({@code AuthorizerConfigurationException}).
 *   <li>The returned policy is evaluated against the method ARN: an explicit Deny or no matching Allow is 403.
 * </ul>
 *
 * <p>Results are cached per API deployment, authorizer and identity for {@code authorizerResultTtlInSeconds}; as at
 * AWS, a cached policy is evaluated against every method it is used for (a policy naming only the first method
 * denies the others until it expires). Concurrent requests with the same identity share one invocation.
 */
public final class LambdaAuthorizers {
  private static final Logger log = LoggerFactory.getLogger(LambdaAuthorizers.class);
  /** The function error message that means 401 rather than a broken authorizer. */
  static final String UNAUTHORIZED = "Unauthorized";
  static final String EXPLICIT_DENY = "User is not authorized to access this resource with an explicit deny";
  static final String IMPLICIT_DENY = "User is not authorized to access this resource";

  /** One cached result's scope and lifetime. */
  private record CacheKey(String apiId, String deploymentId, String authorizerId, String identity, int ttlSeconds) {}

  private final LambdaInvoker lambda;
  private final AuthorizerSettings settings;
  private final String region;
  private final AsyncCache<CacheKey, AuthorizerOutput> cache;
  private final Cache<String, Boolean> recentlyLogged =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(10)).maximumSize(10_000).build();

  /**
   * @param region the region method ARNs name
   */
  public LambdaAuthorizers(LambdaInvoker lambda, AuthorizerSettings settings, String region) {
    this.lambda = lambda;
    this.settings = settings;
    this.region = region;
    this.cache = Caffeine.newBuilder()
        .maximumSize(settings.cacheMaxEntries())
        .expireAfter(EntryTtl.<CacheKey, AuthorizerOutput>of((key, out) -> TimeUnit.SECONDS.toNanos(key.ttlSeconds())))
        .buildAsync();
  }

  /**
   * Authorizes one request with {@code authorizer}. Completes with what the function returned when its policy allows
   * the method, or fails with a {@link GatewayError} ({@code UNAUTHORIZED}, {@code ACCESS_DENIED} or {@code
   * AUTHORIZER_CONFIGURATION_ERROR}).
   *
   * @param deploymentId the deployment serving the request: cached results do not outlive a redeployment
   */
  public CompletionStage<AuthorizerOutput> authorize(CompiledAuthorizer authorizer, Invocation inv,
      String deploymentId) {
    try {
      if (authorizer.problem() != null) {
        throw configurationError(authorizer, authorizer.problem());
      }
      String methodArn = methodArn(inv);
      // TOKEN always needs its token; REQUEST needs every source only when results are cached (AWS's rule).
      String identity = identity(authorizer, inv.request(), inv.stageVariables(), inv.context(),
          authorizer.caches() || "TOKEN".equals(authorizer.authorizer().type()));
      return run(authorizer, inv.address().apiId(), deploymentId, methodArn, identity, inv.request().pathParameters(),
          inv.stageVariables(), () -> event(authorizer, inv, methodArn, identity));
    } catch (GatewayError e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Authorizes a WebSocket {@code $connect} with a REQUEST authorizer: every identity source must be there (401
   * otherwise, without calling the function), as for WebSocket APIs at AWS.
   *
   * @param handshake the handshake's headers and query string, as a method request
   * @param deploymentId the deployment serving the stage (cached results do not outlive it)
   * @param event the function's event for this method ARN
   */
  public CompletionStage<AuthorizerOutput> authorizeConnect(CompiledAuthorizer authorizer, String apiId,
      String deploymentId, String methodArn, MethodRequest handshake, Map<String, String> stageVariables,
      Map<String, Object> context, Supplier<byte[]> event) {
    try {
      if (authorizer.problem() != null) {
        throw configurationError(authorizer, authorizer.problem());
      }
      String identity = identity(authorizer, handshake, stageVariables, context, true);
      return run(authorizer, apiId, deploymentId, methodArn, identity, Map.of(), stageVariables, event);
    } catch (GatewayError e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * What one TestInvokeAuthorizer run learned: the client's status (200 when the policy allows {@code methodArn}, else
   * AWS's 401, 403 or 500), and, as far as it got, the identity, the function's uri, its raw answer and what it means.
   *
   * @param clientStatus the status a client would have received
   * @param problem why the run stopped short of a policy (for the execution log), or null
   * @param uri the function's invocation uri, or null when it was not called
   * @param answer the function's answer as it came (UTF-8), or null
   * @param output the parsed answer, or null
   * @param policy the answer's {@code policyDocument} as JSON, or null
   */
  public record Tested(int clientStatus, String problem, String uri, String answer, AuthorizerOutput output,
      String policy) {}

  /**
   * TestInvokeAuthorizer: runs the function once for {@code inv} (never from or into the cache) and evaluates its
   * policy against {@code methodArn}. Never fails: every outcome, refusals included, is a {@link Tested}.
   */
  public CompletionStage<Tested> test(CompiledAuthorizer authorizer, Invocation inv, String methodArn) {
    if (authorizer.problem() != null) {
      return CompletableFuture.completedFuture(new Tested(500, authorizer.problem(), null, null, null, null));
    }
    String identity;
    try {
      identity = identity(authorizer, inv.request(), inv.stageVariables(), inv.context(),
          authorizer.caches() || "TOKEN".equals(authorizer.authorizer().type()));
    } catch (GatewayError e) {
      return CompletableFuture.completedFuture(new Tested(401,
          "the identity source is missing, empty or fails identityValidationExpression", null, null, null, null));
    }
    String uri;
    try {
      uri = authorizer.uri().fill(inv.request().pathParameters(), inv.stageVariables());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(new Tested(500, e.getMessage(), null, null, null, null));
    }
    CompletionStage<LambdaResult> call;
    try {
      call = lambda.invoke(uri, event(authorizer, inv, methodArn, identity), settings.timeout());
    } catch (IllegalArgumentException e) { // the uri names no Lambda function
      return CompletableFuture.completedFuture(new Tested(500, e.getMessage(), uri, null, null, null));
    }
    return call.handle((result, failure) -> {
      String answer = result == null ? null : new String(result.payload(), StandardCharsets.UTF_8);
      Answer meaning = Answer.of(uri, result, failure);
      if (meaning.output() == null) {
        return new Tested(meaning.status(), meaning.problem(), uri, answer, null, null);
      }
      String policy;
      try {
        policy = Json.MAPPER.writeValueAsString(meaning.policy());
      } catch (JsonProcessingException e) {
        return new Tested(500, e.getMessage(), uri, answer, null, null);
      }
      AuthorizerOutput output = meaning.output();
      return switch (output.policy().decide(methodArn)) {
        case ALLOW -> new Tested(200, null, uri, answer, output, policy);
        case EXPLICIT_DENY -> new Tested(403, EXPLICIT_DENY, uri, answer, output, policy);
        case IMPLICIT_DENY -> new Tested(403, IMPLICIT_DENY, uri, answer, output, policy);
      };
    });
  }

  /**
   * What the function's answer means, for requests and TestInvokeAuthorizer alike: its output, the payload parsed
   * once (its {@code policyDocument} kept as JSON for the test's report), or why there is none.
   *
   * @param status 200 with an output, else the client's status: 401 (the function answered Unauthorized) or 500
   * @param problem why there is no output, or null
   * @param output the parsed answer, or null
   * @param policy the answer's {@code policyDocument}, or null
   */
  private record Answer(int status, String problem, AuthorizerOutput output, JsonNode policy) {
    static Answer of(String uri, LambdaResult result, Throwable failure) {
      if (failure != null) {
        Throwable t = AwsErrors.unwrap(failure);
        return new Answer(500, t instanceof TimeoutException ? "the function did not answer in time"
            : "invoking " + uri + " failed: " + t.getMessage(), null, null);
      }
      if (result.isFunctionError()) {
        String message = LambdaErrors.selectionSubject(result);
        return UNAUTHORIZED.equals(message) ? new Answer(401, "the function answered Unauthorized", null, null)
            : new Answer(500, "the function failed: " + message, null, null);
      }
      try {
        JsonNode json = AuthorizerOutput.json(result.payload());
        return new Answer(200, null, AuthorizerOutput.parse(json), json.get("policyDocument"));
      } catch (IllegalArgumentException e) {
        return new Answer(500, e.getMessage(), null, null);
      }
    }
  }

  /** The function's (maybe cached) answer for this identity, and the policy's decision for {@code methodArn}. */
  private CompletionStage<AuthorizerOutput> run(CompiledAuthorizer authorizer, String apiId, String deploymentId,
      String methodArn, String identity, Map<String, String> pathParameters, Map<String, String> stageVariables,
      Supplier<byte[]> event) {
    CompletionStage<AuthorizerOutput> output;
    if (authorizer.caches() && settings.cacheMaxEntries() > 0) {
      var key = new CacheKey(apiId, deploymentId, authorizer.authorizer().id(), identity,
          authorizer.authorizer().authorizerResultTtlInSeconds());
      output = cache.get(key, (k, executor) ->
          invoke(authorizer, pathParameters, stageVariables, event).toCompletableFuture());
    } else {
      output = invoke(authorizer, pathParameters, stageVariables, event);
    }
    return output.thenApply(o -> allowed(o, methodArn));
  }

  /** Forgets every cached result of the API's authorizers ({@code FlushStageAuthorizersCache}). */
  public void flush(String apiId) {
    cache.synchronous().asMap().keySet().removeIf(k -> k.apiId().equals(apiId));
  }

  /** {@code arn:aws:execute-api:region:account:apiId/stage/VERB/path} with the request's own path, as AWS sends it. */
  String methodArn(Invocation inv) {
    return IamAuthorization.methodArn(region, inv);
  }

  /** The identity the result is cached under; 401 when a required one is missing or fails the validation. */
  private static String identity(CompiledAuthorizer authorizer, MethodRequest request,
      Map<String, String> stageVariables, Map<String, Object> context, boolean required) {
    List<String> values = new ArrayList<>(authorizer.sources().size());
    for (IdentitySource source : authorizer.sources()) {
      String value = source.valueIn(request, stageVariables, context);
      if ((value == null || value.isEmpty()) && required) {
        throw unauthorized();
      }
      values.add(value == null ? "" : value);
    }
    if (authorizer.validation() != null && !validates(authorizer, values.get(0))) {
      throw unauthorized();
    }
    return String.join("\u0000", values);
  }

  /**
   * Whether the token matches {@code identityValidationExpression}; an expression that runs past
   * {@link BoundedRegex#DEFAULT_BUDGET} on this token (catastrophic backtracking) counts as no match.
   */
  private static boolean validates(CompiledAuthorizer authorizer, String token) {
    try {
      return BoundedRegex.matches(authorizer.validation(), token, BoundedRegex.DEFAULT_BUDGET);
    } catch (BoundedRegex.Timeout e) {
      log.warn("Authorizer {}: identityValidationExpression: {}; the token counts as invalid",
          authorizer.authorizer().id(), e.getMessage());
      return false;
    }
  }

  private CompletionStage<AuthorizerOutput> invoke(CompiledAuthorizer authorizer, Map<String, String> pathParameters,
      Map<String, String> stageVariables, Supplier<byte[]> event) {
    try {
      String uri = authorizer.uri().fill(pathParameters, stageVariables);
      return lambda.invoke(uri, event.get(), settings.timeout())
          .handle((result, failure) -> output(authorizer, uri, result, failure));
    } catch (IllegalArgumentException e) { // the uri names no Lambda function
      return CompletableFuture.failedFuture(configurationError(authorizer, e.getMessage()));
    }
  }

  private static byte[] event(CompiledAuthorizer authorizer, Invocation inv, String methodArn, String identity) {
    ObjectNode event = Json.object();
    event.put("type", authorizer.authorizer().type());
    if ("TOKEN".equals(authorizer.authorizer().type())) {
      event.put("authorizationToken", identity);
      event.put("methodArn", methodArn);
    } else {
      event.put("methodArn", methodArn);
      ObjectNode request = ProxyEvent.toTree(ProxyRequest.of(inv, false));
      request.remove("body");
      request.remove("isBase64Encoded");
      event.setAll(request);
    }
    try {
      return Json.MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("authorizer event cannot be written", e);
    }
  }

  private AuthorizerOutput output(CompiledAuthorizer authorizer, String uri, LambdaResult result,
      Throwable failure) {
    Answer answer = Answer.of(uri, result, failure);
    if (answer.output() != null) {
      return answer.output();
    }
    throw answer.status() == 401 ? unauthorized() : configurationError(authorizer, answer.problem());
  }

  private static AuthorizerOutput allowed(AuthorizerOutput output, String methodArn) {
    return switch (output.policy().decide(methodArn)) {
      case ALLOW -> output;
      case EXPLICIT_DENY -> throw new GatewayError(ResponseTypes.ACCESS_DENIED, EXPLICIT_DENY);
      case IMPLICIT_DENY -> throw new GatewayError(ResponseTypes.ACCESS_DENIED, IMPLICIT_DENY);
    };
  }

  private static GatewayError unauthorized() {
    return new GatewayError(ResponseTypes.UNAUTHORIZED, ResponseTypes.defaultMessage(ResponseTypes.UNAUTHORIZED));
  }

  /** AWS's 500 {@code {"message": null}}; the reason goes to the log only, as AWS keeps it in its execution log. */
  private GatewayError configurationError(CompiledAuthorizer authorizer, String why) {
    // At most one line per authorizer every 10 s: a broken authorizer fails every request it guards.
    if (recentlyLogged.asMap().putIfAbsent(authorizer.authorizer().id(), Boolean.TRUE) == null) {
      log.warn("Authorizer {} ({}): {}; answering 500 AuthorizerConfigurationException (next line for it in >= 10 s)",
          authorizer.authorizer().id(), authorizer.authorizer().name(), why);
    }
    return new GatewayError(ResponseTypes.AUTHORIZER_CONFIGURATION_ERROR,
        ResponseTypes.defaultMessage(ResponseTypes.AUTHORIZER_CONFIGURATION_ERROR));
  }
}
