package dev.apigw.node.dataplane.observability;

import dev.apigw.node.dataplane.observability.CompletedRequest;
import dev.apigw.node.dataplane.observability.RequestObserver;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Histogram;
import kamon.metric.MeasurementUnit;
import kamon.metric.Metric;
import kamon.tag.TagSet;

/**
 * API Gateway's CloudWatch metrics as Kamon instruments, tagged like AWS's dimensions
 * ({@code ApiId}, {@code Stage}, {@code Resource}, {@code Method}): {@code Count},
 * {@code 4XXError}, {@code 5XXError}, {@code Latency}, {@code IntegrationLatency}, prefixed
 * {@code apigateway_} on the Prometheus endpoint. Instruments are looked up once per tag set.
 */
public final class DataPlaneMetrics implements RequestObserver {
  private record Instruments(Counter count, Counter clientErrors, Counter serverErrors, Histogram latency,
      Histogram integrationLatency) {}

  private final ConcurrentMap<TagValues, Instruments> instruments = new ConcurrentHashMap<>();
  private final Metric.Counter count = Kamon.counter("apigateway_Count", "Requests to the API (AWS: Count)");
  private final Metric.Counter clientErrors = Kamon.counter("apigateway_4XXError", "Client-side errors (AWS: 4XXError)");
  private final Metric.Counter serverErrors = Kamon.counter("apigateway_5XXError", "Server-side errors (AWS: 5XXError)");
  private final Metric.Histogram latency = Kamon.histogram("apigateway_Latency",
      "From request received to response sent, ms (AWS: Latency)", MeasurementUnit.time().milliseconds());
  private final Metric.Histogram integrationLatency = Kamon.histogram("apigateway_IntegrationLatency",
      "Time in the integration, ms (AWS: IntegrationLatency)", MeasurementUnit.time().milliseconds());

  @Override
  public void completed(CompletedRequest r) {
    if (r.address() == null || r.stage() == null) {
      return; // not an API request: AWS has no metric dimension for it either
    }
    TagValues key = new TagValues(r.address().apiId(), r.address().stage(),
        r.resourcePath() == null ? "" : r.resourcePath(), r.request() == null ? "" : r.request().httpMethod());
    Instruments i = instruments.computeIfAbsent(key, this::instruments);
    i.count().increment();
    if (r.status() >= 400 && r.status() < 500) {
      i.clientErrors().increment();
    } else if (r.status() >= 500) {
      i.serverErrors().increment();
    }
    i.latency().record(r.latencyMillis());
    if (r.integrationLatencyMillis() >= 0) {
      i.integrationLatency().record(r.integrationLatencyMillis());
    }
  }

  private Instruments instruments(TagValues key) {
    TagSet tags = TagSet.builder()
        .add("ApiId", key.first())
        .add("Stage", key.second())
        .add("Resource", key.third())
        .add("Method", key.fourth())
        .build();
    return new Instruments(count.withTags(tags), clientErrors.withTags(tags), serverErrors.withTags(tags),
        latency.withTags(tags), integrationLatency.withTags(tags));
  }
}
