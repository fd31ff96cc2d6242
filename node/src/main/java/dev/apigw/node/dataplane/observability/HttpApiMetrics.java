package dev.apigw.node.dataplane.observability;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Histogram;
import kamon.metric.MeasurementUnit;
import kamon.metric.Metric;
import kamon.tag.TagSet;

/**
 * HTTP API metrics with AWS's names ({@code Count}, {@code 4xx}, {@code 5xx}, {@code Latency}, {@code
 * IntegrationLatency}, {@code DataProcessed}) and dimensions ({@code ApiId}, {@code Stage}, and {@code Route} as the
 * detailed metrics have it), prefixed {@code apigateway_http_} on the Prometheus endpoint. Instruments are looked up
 * once per tag set.
 */
public final class HttpApiMetrics {
  private record Instruments(Counter count, Counter clientErrors, Counter serverErrors, Histogram latency,
      Histogram integrationLatency, Counter dataProcessed) {}

  private final ConcurrentMap<TagValues, Instruments> instruments = new ConcurrentHashMap<>();
  private final Metric.Counter count = Kamon.counter("apigateway_http_Count", "Requests to the HTTP API (AWS: Count)");
  private final Metric.Counter clientErrors = Kamon.counter("apigateway_http_4xx", "Client-side errors (AWS: 4xx)");
  private final Metric.Counter serverErrors = Kamon.counter("apigateway_http_5xx", "Server-side errors (AWS: 5xx)");
  private final Metric.Histogram latency = Kamon.histogram("apigateway_http_Latency",
      "From request received to response head, ms (AWS: Latency)", MeasurementUnit.time().milliseconds());
  private final Metric.Histogram integrationLatency = Kamon.histogram("apigateway_http_IntegrationLatency",
      "Time in the integration, ms (AWS: IntegrationLatency)", MeasurementUnit.time().milliseconds());
  private final Metric.Counter dataProcessed = Kamon.counter("apigateway_http_DataProcessed",
      "Request and response bytes of known length (AWS: DataProcessed)", MeasurementUnit.information().bytes());

  /** Counts one answered request; {@code stage} null when none was selected (no metric, as at AWS). */
  public void completed(String apiId, String stage, String routeKey, int status, long latencyMillis,
      long integrationLatencyMillis, long bytes) {
    if (apiId == null || stage == null) {
      return;
    }
    Instruments i = instruments.computeIfAbsent(new TagValues(apiId, stage, routeKey == null ? "" : routeKey, ""),
        this::of);
    i.count().increment();
    if (status >= 400 && status < 500) {
      i.clientErrors().increment();
    } else if (status >= 500) {
      i.serverErrors().increment();
    }
    i.latency().record(latencyMillis);
    if (integrationLatencyMillis >= 0) {
      i.integrationLatency().record(integrationLatencyMillis);
    }
    if (bytes > 0) {
      i.dataProcessed().increment(bytes);
    }
  }

  private Instruments of(TagValues key) {
    TagSet tags = TagSet.builder().add("ApiId", key.first()).add("Stage", key.second()).add("Route", key.third())
        .build();
    return new Instruments(count.withTags(tags), clientErrors.withTags(tags), serverErrors.withTags(tags),
        latency.withTags(tags), integrationLatency.withTags(tags), dataProcessed.withTags(tags));
  }
}
