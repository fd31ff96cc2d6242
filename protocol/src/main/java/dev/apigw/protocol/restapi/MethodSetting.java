package dev.apigw.protocol.restapi;

import dev.apigw.protocol.CborSerializable;

/**
 * Per-method (or {@code *}/{@code *} default) stage settings: throttling, logging, metrics, caching.
 * Null fields are unset and fall back to the stage default or AWS's default.
 */
public record MethodSetting(
    Boolean metricsEnabled,
    String loggingLevel,
    Boolean dataTraceEnabled,
    Integer throttlingBurstLimit,
    Double throttlingRateLimit,
    Boolean cachingEnabled,
    Integer cacheTtlInSeconds,
    Boolean cacheDataEncrypted,
    Boolean requireAuthorizationForCacheControl,
    String unauthorizedCacheControlHeaderStrategy)
    implements CborSerializable {

  /** The key of the stage-wide defaults in a stage's method settings. */
  public static final String STAGE_DEFAULT = "*/*";

  /**
   * The key of a method's settings in a stage's method settings: the resource path without its leading slash, then
   * the method, e.g. {@code pets/{id}/GET} for {@code GET /pets/{id}}.
   */
  public static String key(String resourcePath, String httpMethod) {
    return (resourcePath.startsWith("/") ? resourcePath.substring(1) : resourcePath) + "/" + httpMethod;
  }

  /** AWS's defaults for a new method setting. */
  public static MethodSetting defaults() {
    return new MethodSetting(false, "OFF", false, 5000, 10000.0, false, 300, false, true, "SUCCEED_WITH_RESPONSE_HEADER");
  }

  MethodSetting with(String name, String value) {
    return switch (name) {
      case "metrics/enabled" -> new MethodSetting(StagePatch.bool(name, value), loggingLevel, dataTraceEnabled,
          throttlingBurstLimit, throttlingRateLimit, cachingEnabled, cacheTtlInSeconds, cacheDataEncrypted,
          requireAuthorizationForCacheControl, unauthorizedCacheControlHeaderStrategy);
      case "logging/loglevel" -> new MethodSetting(metricsEnabled, StagePatch.oneOf(name, value, "OFF", "ERROR", "INFO"),
          dataTraceEnabled, throttlingBurstLimit, throttlingRateLimit, cachingEnabled, cacheTtlInSeconds,
          cacheDataEncrypted, requireAuthorizationForCacheControl, unauthorizedCacheControlHeaderStrategy);
      case "logging/dataTrace" -> new MethodSetting(metricsEnabled, loggingLevel, StagePatch.bool(name, value),
          throttlingBurstLimit, throttlingRateLimit, cachingEnabled, cacheTtlInSeconds, cacheDataEncrypted,
          requireAuthorizationForCacheControl, unauthorizedCacheControlHeaderStrategy);
      case "throttling/burstLimit" -> new MethodSetting(metricsEnabled, loggingLevel, dataTraceEnabled,
          StagePatch.nonNegativeInt(name, value), throttlingRateLimit, cachingEnabled, cacheTtlInSeconds,
          cacheDataEncrypted, requireAuthorizationForCacheControl, unauthorizedCacheControlHeaderStrategy);
      case "throttling/rateLimit" -> new MethodSetting(metricsEnabled, loggingLevel, dataTraceEnabled,
          throttlingBurstLimit, StagePatch.nonNegativeDouble(name, value), cachingEnabled, cacheTtlInSeconds,
          cacheDataEncrypted, requireAuthorizationForCacheControl, unauthorizedCacheControlHeaderStrategy);
      case "caching/enabled" -> new MethodSetting(metricsEnabled, loggingLevel, dataTraceEnabled, throttlingBurstLimit,
          throttlingRateLimit, StagePatch.bool(name, value), cacheTtlInSeconds, cacheDataEncrypted,
          requireAuthorizationForCacheControl, unauthorizedCacheControlHeaderStrategy);
      case "caching/ttlInSeconds" -> new MethodSetting(metricsEnabled, loggingLevel, dataTraceEnabled,
          throttlingBurstLimit, throttlingRateLimit, cachingEnabled, StagePatch.intInRange(name, value, 0, 3600),
          cacheDataEncrypted, requireAuthorizationForCacheControl, unauthorizedCacheControlHeaderStrategy);
      case "caching/dataEncrypted" -> new MethodSetting(metricsEnabled, loggingLevel, dataTraceEnabled,
          throttlingBurstLimit, throttlingRateLimit, cachingEnabled, cacheTtlInSeconds, StagePatch.bool(name, value),
          requireAuthorizationForCacheControl, unauthorizedCacheControlHeaderStrategy);
      case "caching/requireAuthorizationForCacheControl" -> new MethodSetting(metricsEnabled, loggingLevel,
          dataTraceEnabled, throttlingBurstLimit, throttlingRateLimit, cachingEnabled, cacheTtlInSeconds,
          cacheDataEncrypted, StagePatch.bool(name, value), unauthorizedCacheControlHeaderStrategy);
      case "caching/unauthorizedCacheControlHeaderStrategy" -> new MethodSetting(metricsEnabled, loggingLevel,
          dataTraceEnabled, throttlingBurstLimit, throttlingRateLimit, cachingEnabled, cacheTtlInSeconds,
          cacheDataEncrypted, requireAuthorizationForCacheControl,
          StagePatch.oneOf(name, value, "FAIL_WITH_403", "SUCCEED_WITH_RESPONSE_HEADER", "SUCCEED_WITHOUT_RESPONSE_HEADER"));
      default -> throw StagePatch.invalidPath(name);
    };
  }
}
