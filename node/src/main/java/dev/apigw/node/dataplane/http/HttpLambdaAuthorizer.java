package dev.apigw.node.dataplane.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.apigw.node.dataplane.authorizers.AuthorizerOutput;
import dev.apigw.node.dataplane.authorizers.AuthorizerPolicy;
import dev.apigw.node.dataplane.authorizers.CompiledAuthorizer;
import dev.apigw.node.dataplane.authorizers.IdentitySource;
import dev.apigw.node.dataplane.integration.lambda.LambdaInvoker;
import dev.apigw.node.dataplane.integration.lambda.ProxyEventV2;
import dev.apigw.node.dataplane.integration.lambda.ProxyRequestV2;
import dev.apigw.node.dataplane.request.MethodRequest;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.v2.Authorizer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP API's Lambda REQUEST authorizer: every identity source must have a value (else 401), the function gets the
 * request in payload format 2.0 (or 1.0) with {@code type REQUEST}, {@code routeArn} (1.0: {@code methodArn}) and
 * {@code identitySource}, and answers either simply ({@code {"isAuthorized": bool, "context": {...}}}, with {@code
 * enableSimpleResponses}) or with an IAM policy that must allow the route's ARN. A refusal is 403; a failing or
 * malformed function is 500. Answers are cached per authorizer and identity values for {@code
 * authorizerResultTtlInSeconds} (0: not cached).
 */
public final class HttpLambdaAuthorizer {
  /** Why a request was refused: 401 (identity missing), 403 (denied) or 500 (the authorizer failed). */
  public static final class Refused extends RuntimeException {
    private final int status;

    Refused(int status, String why) {
      super(why, null, false, false);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private record Allowed(Map<String, Object> context, long expiresNanos) {}

  private final LambdaInvoker lambda;
  private final Duration timeout;
  private final Cache<String, Allowed> cache;

  public HttpLambdaAuthorizer(LambdaInvoker lambda, Duration timeout, long maxCachedEntries) {
    this.lambda = lambda;
    this.timeout = timeout;
    this.cache = Caffeine.newBuilder().maximumSize(maxCachedEntries).expireAfterWrite(1, TimeUnit.HOURS).build();
  }

  /**
   * Authorizes one request; completes with what {@code requestContext.authorizer.lambda} holds, or fails with {@link
   * Refused}.
   *
   * @param event the request as the 2.0 event describes it (its body is not sent)
   * @param routeArn {@code arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}}
   */
  public CompletionStage<Map<String, Object>> authorize(String apiId, Authorizer config, CompiledAuthorizer compiled,
      MethodRequest request, Map<String, String> stageVariables, Map<String, Object> context, ProxyRequestV2 event,
      String routeArn) {
    if (compiled.problem() != null) {
      return CompletableFuture.failedFuture(new Refused(500, compiled.problem()));
    }
    List<String> identity = new ArrayList<>();
    for (IdentitySource source : compiled.sources()) {
      String value = source.valueIn(request, stageVariables, context);
      if (value == null || value.isEmpty()) {
        return CompletableFuture.failedFuture(new Refused(401, "identity source " + source.name() + " is missing"));
      }
      identity.add(value);
    }
    int ttl = config.authorizerResultTtlInSeconds() == null ? 0 : config.authorizerResultTtlInSeconds();
    // The key holds the route ARN too for policy answers: a policy allows some routes and not others.
    boolean simple = Boolean.TRUE.equals(config.enableSimpleResponses());
    String key = ttl > 0 && !identity.isEmpty()
        ? apiId + "/" + config.authorizerId() + "/" + (simple ? "" : routeArn) + "/" + String.join("\u0000", identity)
        : null;
    if (key != null) {
      Allowed hit = cache.getIfPresent(key);
      if (hit != null && hit.expiresNanos() - System.nanoTime() > 0) {
        return CompletableFuture.completedFuture(hit.context());
      }
    }
    boolean v1 = "1.0".equals(config.authorizerPayloadFormatVersion());
    byte[] payload = v1 ? eventV1(event, identity, routeArn) : eventV2(event, identity, routeArn);
    String uri = compiled.uri().fill(Map.of(), stageVariables);
    return lambda.invoke(uri, payload, timeout).handle((result, failure) -> {
      if (failure != null || result.isFunctionError()) {
        throw new Refused(500, failure != null ? failure.toString() : "the authorizer function failed");
      }
      Map<String, Object> allowed = decide(result.payload(), simple && !v1, routeArn);
      if (key != null) {
        cache.put(key, new Allowed(allowed, System.nanoTime() + Duration.ofSeconds(ttl).toNanos()));
      }
      return allowed;
    });
  }

  private static Map<String, Object> decide(byte[] payload, boolean simple, String routeArn) {
    if (simple) {
      JsonNode root;
      try {
        root = Json.MAPPER.readTree(payload);
      } catch (IOException e) {
        throw new Refused(500, "the authorizer's answer is not JSON");
      }
      if (root == null || !root.path("isAuthorized").isBoolean()) {
        throw new Refused(500, "the authorizer's answer has no isAuthorized (expected: true or false)");
      }
      if (!root.get("isAuthorized").booleanValue()) {
        throw new Refused(403, "isAuthorized false");
      }
      return context(root.path("context"));
    }
    AuthorizerOutput output;
    try {
      output = AuthorizerOutput.parse(payload);
    } catch (RuntimeException e) {
      throw new Refused(500, "the authorizer's answer is not a policy: " + e.getMessage());
    }
    if (output.policy().decide(routeArn) != AuthorizerPolicy.Decision.ALLOW) {
      throw new Refused(403, "the policy does not allow " + routeArn);
    }
    Map<String, Object> context = new LinkedHashMap<>(output.context());
    if (output.principalId() != null) {
      context.put("principalId", output.principalId());
    }
    return Map.copyOf(context);
  }

  private static Map<String, Object> context(JsonNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.fields().forEachRemaining(f -> out.put(f.getKey(), Json.MAPPER.convertValue(f.getValue(), Object.class)));
    }
    return out;
  }

  private static byte[] eventV2(ProxyRequestV2 r, List<String> identity, String routeArn) {
    ObjectNode tree = ProxyEventV2.toTree(r);
    tree.remove("body");
    tree.remove("isBase64Encoded");
    ObjectNode event = Json.object();
    event.put("version", "2.0");
    event.put("type", "REQUEST");
    event.put("routeArn", routeArn);
    identity.forEach(event.putArray("identitySource")::add);
    tree.fields().forEachRemaining(f -> {
      if (!f.getKey().equals("version")) {
        event.set(f.getKey(), f.getValue());
      }
    });
    return bytes(event);
  }

  private static byte[] eventV1(ProxyRequestV2 r, List<String> identity, String routeArn) {
    ObjectNode event = Json.object();
    event.put("version", "1.0");
    event.put("type", "REQUEST");
    event.put("methodArn", routeArn);
    event.put("identitySource", String.join(",", identity));
    event.put("authorizationToken", identity.isEmpty() ? null : identity.get(0));
    event.put("resource", r.routeKey());
    event.put("path", r.rawPath());
    ObjectNode headers = event.putObject("headers");
    r.headers().forEach((k, v) -> headers.put(k, String.join(",", v)));
    ObjectNode query = event.putObject("queryStringParameters");
    r.query().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(v.size() - 1)));
    ObjectNode path = event.putObject("pathParameters");
    r.pathParameters().forEach(path::put);
    ObjectNode vars = event.putObject("stageVariables");
    r.stageVariables().forEach(vars::put);
    event.set("requestContext", Json.MAPPER.valueToTree(r.requestContext()));
    return bytes(event);
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
