package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.cache.StageCache;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * The stage cache: a cached method's response is answered from the cache; on a miss the integration's response is
 * kept for the method's TTL. {@code Cache-Control: max-age=0} asks for a fresh response, which only a caller allowed
 * to invalidate gets ({@code requireAuthorizationForCacheControl}; no IAM policies here: a SigV4 caller is allowed).
 */
final class ServeFromStageCache implements RestStep {
  private final StageCache cache;

  ServeFromStageCache(StageCache cache) {
    this.cache = cache;
  }

  @Override
  public CompletionStage<HttpResponse> apply(RestExchange ex) {
    String resourcePath = ex.resource.path();
    String verb = ex.request.httpMethod();
    StageCache.Policy caching = StageCache.policy(ex.stage.stage(), resourcePath, verb);
    if (caching.ttlSeconds() == 0) {
      return CONTINUE;
    }
    boolean refresh = "max-age=0".equalsIgnoreCase(String.valueOf(ex.request.header("Cache-Control")).trim());
    if (refresh && ex.iamAccessKey == null) {
      String strategy = caching.unauthorizedInvalidation();
      if ("FAIL_WITH_403".equals(strategy)) {
        throw new GatewayError(ResponseTypes.ACCESS_DENIED, 403, "Unauthorized cache control header", null);
      }
      refresh = strategy == null;
    }
    var integration = ex.method.method().integration();
    String key = StageCache.key(ex.address.apiId(), ex.address.stage(), ex.deployment.id(), verb, resourcePath,
        integration == null ? List.of() : integration.cacheKeyParameters(), ex.request);
    HttpResponse hit = cache.lookup(ex.address.apiId(), ex.address.stage(), key, refresh);
    if (hit != null) {
      return CompletableFuture.completedFuture(hit);
    }
    ex.onResponse(response -> cache.store(key, caching.ttlSeconds(), response));
    return CONTINUE;
  }
}
