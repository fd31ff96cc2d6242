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
 * API Gateway's CloudWatch metrics for WebSocket APIs as Kamon instruments tagged {@code ApiId} and {@code Stage}:
 * {@code ConnectCount}, {@code MessageCount}, {@code IntegrationError}, {@code ClientError}, {@code ExecutionError},
 * {@code IntegrationLatency}, prefixed {@code apigateway_} on the Prometheus endpoint like the REST ones.
 */
public final class WebSocketMetrics {
  private record Key(String apiId, String stage) {}

  /** One API stage's instruments. */
  public record Instruments(Counter connects, Counter messages, Counter integrationErrors, Counter clientErrors,
      Counter executionErrors, Histogram integrationLatency) {}

  private final ConcurrentMap<Key, Instruments> instruments = new ConcurrentHashMap<>();
  private final Metric.Counter connects = Kamon.counter("apigateway_ConnectCount",
      "Messages sent to the $connect route integration (AWS: ConnectCount)");
  private final Metric.Counter messages = Kamon.counter("apigateway_MessageCount",
      "Messages sent to the WebSocket API, from or to the client (AWS: MessageCount)");
  private final Metric.Counter integrationErrors = Kamon.counter("apigateway_IntegrationError",
      "Requests whose integration answered 4XX/5XX (AWS: IntegrationError)");
  private final Metric.Counter clientErrors = Kamon.counter("apigateway_ClientError",
      "Requests refused with 4XX before the integration ran (AWS: ClientError)");
  private final Metric.Counter executionErrors = Kamon.counter("apigateway_ExecutionError",
      "Errors calling the integration (AWS: ExecutionError)");
  // The REST data plane's histogram (same name, description and unit), with the WebSocket dimensions.
  private final Metric.Histogram integrationLatency = Kamon.histogram("apigateway_IntegrationLatency",
      "Time in the integration, ms (AWS: IntegrationLatency)", MeasurementUnit.time().milliseconds());

  /** The instruments of one API stage, looked up once per stage. */
  public Instruments of(String apiId, String stage) {
    return instruments.computeIfAbsent(new Key(apiId, stage), key -> {
      TagSet tags = TagSet.builder().add("ApiId", key.apiId()).add("Stage", key.stage()).build();
      return new Instruments(connects.withTags(tags), messages.withTags(tags), integrationErrors.withTags(tags),
          clientErrors.withTags(tags), executionErrors.withTags(tags), integrationLatency.withTags(tags));
    });
  }
}
