package dev.apigw.node.dataplane.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.apigw.node.dataplane.request.MethodRequest;
import dev.apigw.node.http.PekkoFutures;
import dev.apigw.protocol.restapi.MethodSetting;
import dev.apigw.protocol.restapi.Stage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import kamon.Kamon;
import kamon.metric.Metric;
import kamon.tag.TagSet;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * The REST stage cache, node-local (Caffeine): integration responses of methods with caching on, kept for the
 * method's TTL and served instead of calling the integration. As at AWS:
 *
 * <ul>
 *   <li>only when the stage has {@code cacheClusterEnabled}; then a method caches when its own method setting says
 *       {@code caching/enabled}; without one, a GET follows the stage default ({@code *}/{@code *}), and caches when
 *       there is none; other methods never inherit it. The TTL is the method's (else the stage default's) {@code
 *       cacheTtlInSeconds}, 300 s by default, 0 turns caching off;
 *   <li>the key is the stage, the method and the <i>resource</i> path plus the values of the integration's
 *       {@code cacheKeyParameters} ({@code method.request.path|querystring|header.X}): a path parameter that is not a
 *       cache key shares one entry for all its values, AWS's well-known pitfall;
 *   <li>successful (2xx) responses up to 1 MB are cached; the {@code x-amzn-RequestId} of a hit is its own.
 * </ul>
 *
 * <p>Beyond AWS: the key also holds the deployment id, so a new deployment starts with an empty cache. Entries live on
 * the node that served them; {@code FlushStageCache} reaches every node ({@link dev.apigw.persistence.changes.CacheFlushes}).
 */
public final class StageCache {
  /** AWS caches no response above 1 MB. */
  static final int MAX_ENTRY_BYTES = 1_048_576;
  /** AWS's default and largest TTL. */
  static final int DEFAULT_TTL_SECONDS = 300;
  private static final char SEP = '\u0000';

  private record Entry(HttpResponse response, int ttlSeconds, int weight) {}

  private final ActorSystem<?> system;
  private final long readTimeoutMillis;
  private final long maxResponseBytes;
  private final Cache<String, Entry> cache;
  private final Metric.Counter hits = Kamon.counter("apigateway_CacheHitCount",
      "Requests served from the stage cache (AWS: CacheHitCount)");
  private final Metric.Counter misses = Kamon.counter("apigateway_CacheMissCount",
      "Requests to a cached method that called the integration (AWS: CacheMissCount)");

  /**
   * @param readTimeoutMillis how long reading a response to cache it may take
   * @param maxResponseBytes the largest response body read into memory to be cached (the data plane's payload limit)
   */
  public StageCache(ActorSystem<?> system, StageCacheSettings settings, long readTimeoutMillis, long maxResponseBytes) {
    this.system = system;
    this.readTimeoutMillis = readTimeoutMillis;
    this.maxResponseBytes = maxResponseBytes;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(settings.maxBytes())
        .weigher((String key, Entry e) -> e.weight())
        .expireAfter(EntryTtl.<String, Entry>of((key, e) -> TimeUnit.SECONDS.toNanos(e.ttlSeconds())))
        .build();
  }

  /**
   * How a stage caches one method.
   *
   * @param ttlSeconds how long its responses are cached; 0 when they are not
   * @param unauthorizedInvalidation how a request that asks for a fresh response ({@code Cache-Control: max-age=0})
   *     without the right to is handled: {@code FAIL_WITH_403}, {@code SUCCEED_WITH_RESPONSE_HEADER} or {@code
   *     SUCCEED_WITHOUT_RESPONSE_HEADER}; null when no authorization is required for it
   *     ({@code requireAuthorizationForCacheControl} false)
   */
  public record Policy(int ttlSeconds, String unauthorizedInvalidation) {
    static final Policy OFF = new Policy(0, null);
  }

  /** The method's caching on this stage, from its own method setting and the stage default's, each looked up once. */
  public static Policy policy(Stage stage, String resourcePath, String httpMethod) {
    if (!stage.cacheClusterEnabled()) {
      return Policy.OFF;
    }
    MethodSetting own = stage.methodSettings().get(MethodSetting.key(resourcePath, httpMethod));
    MethodSetting all = stage.methodSettings().get(MethodSetting.STAGE_DEFAULT);
    Boolean enabled = own == null ? null : own.cachingEnabled();
    if (enabled == null) {
      // Only GET methods inherit the stage default (itself on by default).
      Boolean inherited = "GET".equals(httpMethod) ? pick(own, all, MethodSetting::cachingEnabled) : Boolean.FALSE;
      enabled = inherited == null || inherited;
    }
    if (!enabled) {
      return Policy.OFF;
    }
    Integer ttl = pick(own, all, MethodSetting::cacheTtlInSeconds);
    Boolean required = pick(own, all, MethodSetting::requireAuthorizationForCacheControl);
    String strategy = pick(own, all, MethodSetting::unauthorizedCacheControlHeaderStrategy);
    return new Policy(Math.max(0, Math.min(3600, ttl == null ? DEFAULT_TTL_SECONDS : ttl)),
        required != null && !required ? null : strategy == null ? "SUCCEED_WITH_RESPONSE_HEADER" : strategy);
  }

  /** The method's own setting of {@code name} when it sets one, else the stage default's. */
  private static <T> T pick(MethodSetting own, MethodSetting all, java.util.function.Function<MethodSetting, T> name) {
    T value = own == null ? null : name.apply(own);
    return value != null || all == null ? value : name.apply(all);
  }

  /** The entry's key: stage, deployment, method, resource path and the cache key parameters' values. */
  public static String key(String apiId, String stage, String deploymentId, String httpMethod, String resourcePath,
      List<String> cacheKeyParameters, MethodRequest request) {
    StringBuilder key = new StringBuilder(apiId).append(SEP).append(stage).append(SEP).append(deploymentId).append(SEP)
        .append(httpMethod).append(SEP).append(resourcePath);
    for (String parameter : cacheKeyParameters) {
      key.append(SEP).append(parameter).append('=').append(value(parameter, request));
    }
    return key.toString();
  }

  private static String value(String parameter, MethodRequest request) {
    String name;
    if ((name = after(parameter, "method.request.path.")) != null) {
      return request.pathParameters().get(name);
    }
    if ((name = after(parameter, "method.request.querystring.")) != null) {
      List<String> values = request.query().get(name);
      return values == null ? null : String.join(",", values);
    }
    if ((name = after(parameter, "method.request.header.")) != null) {
      List<String> values = request.headers().get(name);
      return values == null ? null : String.join(",", values);
    }
    return null;
  }

  private static String after(String s, String prefix) {
    return s.startsWith(prefix) ? s.substring(prefix.length()) : null;
  }

  /**
   * The cached response for {@code key}, or null (then the caller {@link #store}s the integration's response). Counts
   * AWS's {@code CacheHitCount} / {@code CacheMissCount} for the stage.
   *
   * @param refresh whether the client asked for a fresh response (and may): the entry will be replaced
   */
  public HttpResponse lookup(String apiId, String stage, String key, boolean refresh) {
    Entry entry = refresh ? null : cache.getIfPresent(key);
    (entry != null ? hits : misses).withTags(TagSet.of("ApiId", apiId).withTag("Stage", stage)).increment();
    return entry == null ? null : entry.response();
  }

  /** Keeps {@code response} for {@code ttlSeconds} when it is a 2xx of at most 1 MB; answers it (read, if it was). */
  public CompletionStage<HttpResponse> store(String key, int ttlSeconds, HttpResponse response) {
    int status = response.status().intValue();
    var length = response.entity().getContentLengthOption();
    if (status < 200 || status > 299 || (length.isPresent() && length.getAsLong() > MAX_ENTRY_BYTES)) {
      return CompletableFuture.completedFuture(response);
    }
    // A response of unknown length is read whole (it is answered from memory anyway) and cached if it is small enough.
    return PekkoFutures.plain(response.entity().toStrict(readTimeoutMillis, maxResponseBytes, system)).thenApply(strict -> {
      HttpResponse read = response.withEntity(strict);
      int size = strict.getData().size();
      if (size <= MAX_ENTRY_BYTES) {
        cache.put(key, new Entry(read, ttlSeconds, size + key.length() * 2 + 256));
      }
      return read;
    });
  }

  /** Drops every entry of a stage, whatever its deployment. */
  public void flush(String apiId, String stage) {
    String prefix = apiId + SEP + stage + SEP;
    cache.asMap().keySet().removeIf(k -> k.startsWith(prefix));
  }

  /** Entries held (tests). */
  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
