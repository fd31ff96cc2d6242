package dev.apigw.node.dataplane.throttle;

import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.dataplane.snapshot.KeySnapshot;
import dev.apigw.protocol.restapi.MethodSetting;
import dev.apigw.protocol.restapi.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 4 of the request flow: AWS's throttles, in AWS's order, then the usage plan's quota.
 * Throttles: per key per method (the plan's {@code apiStages[].throttle}), per key (the plan's
 * {@code throttle}), per method (the stage's method settings {@code path/METHOD}), the stage
 * default ({@code *}/{@code *}) and the account. Each is a cluster-wide token bucket behind a
 * node-local lease ({@link Throttler}); a stage or method without explicit throttling settings
 * has no bucket of its own (AWS applies the account limit). Plan throttles and the quota apply
 * only to requests admitted with an API key, as in AWS.
 *
 * <p>WebSocket messages (and {@code $connect}) go through the same gate ({@link #checkRoute}): the plan's
 * per-key-per-route and per-key throttles, the route's throttle, the account, then the plan's quota; the per-key
 * bucket and the quota are the ones REST requests with the same key use.
 */
public final class UsageGate {
  private static final Logger log = LoggerFactory.getLogger(UsageGate.class);
  private static final long WARN_EVERY_NANOS = 10_000_000_000L;
  private static final CompletableFuture<Void> PASS = CompletableFuture.completedFuture(null);

  private final Throttler throttler;
  private final QuotaLeases quotas;
  private final Limit account;
  private final boolean rateLimitHeaders;
  private final AtomicLong lastQuotaWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

  /**
   * @param account the account-level limit (node configuration; AWS's default 10000 rps, burst 5000)
   * @param rateLimitHeaders whether 429s carry {@code Retry-After} and {@code RateLimit-*} headers
   *     unless a stage says otherwise (stage tag {@value #RATE_LIMIT_HEADERS_TAG})
   */
  public UsageGate(Throttler throttler, QuotaLeases quotas, Limit account, boolean rateLimitHeaders) {
    this.throttler = throttler;
    this.quotas = quotas;
    this.account = account;
    this.rateLimitHeaders = rateLimitHeaders;
  }

  /** The account-level bucket's id, shared by REST requests and WebSocket messages. */
  public static final String ACCOUNT_BUCKET = "account";

  /** Stage tag that switches the {@code Retry-After} / {@code RateLimit-*} headers on 429s: "true" or "false". */
  public static final String RATE_LIMIT_HEADERS_TAG = "apigw:rateLimitHeaders";

  /**
   * Completes normally when the request may go on, or exceptionally with a {@link GatewayError}
   * ({@code THROTTLED} or {@code QUOTA_EXCEEDED}).
   *
   * @param admitted the key and plan the request was admitted with, or null (method without API key)
   * @param resourcePath the matched resource's path, e.g. {@code /pets/{id}}
   */
  public CompletionStage<Void> check(String apiId, Stage stage, String resourcePath, String httpMethod,
      KeySnapshot.Admitted admitted) {
    String stageId = apiId + "/" + stage.stageName();
    List<Bucket> buckets = new ArrayList<>(5);
    // AWS keys per-method plan throttles as /resource/path/METHOD (the root is //METHOD); the ids are built only
    // when the plan has per-method throttles (a keyed request paid for them in the throttling benchmark).
    boolean perMethod = admitted != null && !admitted.apiStage().throttle().isEmpty();
    String methodKey = perMethod ? resourcePath + "/" + httpMethod : null;
    addPlan(buckets, admitted, perMethod ? stageId + methodKey : null, methodKey);
    Map<String, MethodSetting> settings = stage.methodSettings();
    if (!settings.isEmpty()) {
      // Stage method settings are keyed path-without-leading-slash/METHOD, and */* for the stage default.
      String settingKey = MethodSetting.key(resourcePath, httpMethod);
      add(buckets, "m/" + stageId + "/" + settingKey, settings.get(settingKey));
      add(buckets, "s/" + stageId, settings.get(MethodSetting.STAGE_DEFAULT));
    }
    return admit(buckets, admitted, headersOn(stage));
  }

  /**
   * The same gate for an apigatewayv2 route invocation (a WebSocket message or {@code $connect}, an HTTP API request): completes normally when it may
   * go on, or exceptionally with a {@link GatewayError} ({@code THROTTLED} or {@code QUOTA_EXCEEDED}, never with
   * rate-limit headers: a message's refusal is an error frame).
   *
   * @param routeKey the selected route's key, e.g. {@code sendmessage} or {@code $connect}
   * @param routeLimit the route's throttle (its own route settings, else the stage's default route settings), or
   *     null when neither sets a rate
   * @param admitted the key and plan {@code $connect} admitted the connection with, or null (no API key)
   */
  public CompletionStage<Void> checkRoute(String apiId, String stageName, String routeKey, Limit routeLimit,
      KeySnapshot.Admitted admitted) {
    String stageId = apiId + "/" + stageName;
    List<Bucket> buckets = new ArrayList<>(4);
    // A plan's per-method throttles name REST methods ({resourcePath}/{httpMethod}); a WebSocket route has none.
    addPlan(buckets, admitted, null, null);
    if (routeLimit != null) {
      buckets.add(new Bucket("ws/" + stageId + "/" + routeKey, routeLimit));
    }
    return admit(buckets, admitted, false);
  }

  private record Bucket(String id, Limit limit) {}

  /**
   * The usage plan's throttles for a request admitted with a key (none without one): per key per method (bucket
   * {@code km/{plan}/{key}/{method}}) when the plan's apiStage has a throttle for {@code methodKey}, then per key
   * (bucket {@code k/{plan}/{key}}, the same for every API and kind of API the plan covers).
   *
   * @param method the method's part of the bucket id, {@code {apiId}/{stage}{resourcePath}/{httpMethod}}; null: none
   * @param methodKey the apiStage's throttle key, {@code {resourcePath}/{httpMethod}}; null: none
   */
  private static void addPlan(List<Bucket> buckets, KeySnapshot.Admitted admitted, String method, String methodKey) {
    if (admitted == null) {
      return;
    }
    String planKey = admitted.plan().id() + "/" + admitted.key().id();
    if (methodKey != null) {
      add(buckets, "km/" + planKey + "/" + method, admitted.apiStage().throttle().get(methodKey));
    }
    add(buckets, "k/" + planKey, admitted.plan().throttle());
  }

  /** The buckets in order, then the account, then (with a key) the quota. */
  private CompletionStage<Void> admit(List<Bucket> buckets, KeySnapshot.Admitted admitted, boolean headers) {
    buckets.add(new Bucket(ACCOUNT_BUCKET, account));
    return take(buckets, 0, headers).thenCompose(v -> admitted == null ? PASS : quota(admitted));
  }

  private static void add(List<Bucket> buckets, String id, dev.apigw.protocol.keys.ThrottleSettings t) {
    if (t != null && t.rateLimit() != null) {
      buckets.add(new Bucket(id, limit(t.rateLimit(), t.burstLimit())));
    }
  }

  private static void add(List<Bucket> buckets, String id, MethodSetting s) {
    if (s != null && s.throttlingRateLimit() != null) {
      buckets.add(new Bucket(id, limit(s.throttlingRateLimit(), s.throttlingBurstLimit())));
    }
  }

  /** A burst left unset lets through one second's worth of the rate (at least one request). */
  public static Limit limit(double rate, Integer burst) {
    return new Limit(Math.max(0, rate), burst == null ? Math.max(1, (long) Math.ceil(rate)) : Math.max(0, burst));
  }

  private CompletionStage<Void> take(List<Bucket> buckets, int index, boolean headers) {
    if (index == buckets.size()) {
      return PASS;
    }
    Bucket bucket = buckets.get(index);
    CompletionStage<Admission> admission = throttler.acquire(bucket.id(), bucket.limit());
    return admission.thenCompose(a -> {
      if (!a.admitted()) {
        throw throttled(bucket.limit(), a.retryAfterMillis(), headers);
      }
      return take(buckets, index + 1, headers);
    });
  }

  /**
   * Counts the request against the key's quota. When the usage counter cannot be reached (e.g.
   * Cassandra is down) the request goes on uncounted: the data plane keeps serving from its
   * snapshots rather than fail every keyed request, and a warning says so.
   */
  private CompletionStage<Void> quota(KeySnapshot.Admitted admitted) {
    return quotas.consume(admitted.plan().id(), admitted.key().id(), admitted.plan().quota()).handle((d, failure) -> {
      if (failure != null) {
        warnUncounted(admitted, failure);
        return null;
      }
      if (!d.allowed()) {
        throw new GatewayError(ResponseTypes.QUOTA_EXCEEDED, ResponseTypes.defaultMessage(ResponseTypes.QUOTA_EXCEEDED));
      }
      return null;
    });
  }

  private void warnUncounted(KeySnapshot.Admitted admitted, Throwable failure) {
    long now = System.nanoTime();
    long last = lastQuotaWarning.get();
    if (now - last >= WARN_EVERY_NANOS && lastQuotaWarning.compareAndSet(last, now)) {
      log.warn("Usage counter for plan {} key {} did not answer ({}); serving requests uncounted (next warning in >= 10 s)",
          admitted.plan().id(), admitted.key().id(), failure.toString());
    }
  }

  private static GatewayError throttled(Limit limit, long retryAfterMillis, boolean headers) {
    GatewayError error = new GatewayError(ResponseTypes.THROTTLED, ResponseTypes.defaultMessage(ResponseTypes.THROTTLED));
    if (!headers) {
      return error;
    }
    long seconds = Math.max(1, (retryAfterMillis + 999) / 1000);
    // IETF draft-ietf-httpapi-ratelimit-headers (RateLimit-Limit/-Remaining/-Reset) plus RFC 9110's Retry-After.
    return error.withHeaders(Map.of(
        "Retry-After", Long.toString(seconds),
        "RateLimit-Limit", Long.toString(Math.max(limit.burst(), (long) Math.ceil(limit.rate()))),
        "RateLimit-Remaining", "0",
        "RateLimit-Reset", Long.toString(seconds)));
  }

  private boolean headersOn(Stage stage) {
    String tag = stage.tags().get(RATE_LIMIT_HEADERS_TAG);
    return tag == null ? rateLimitHeaders : Boolean.parseBoolean(tag);
  }
}
