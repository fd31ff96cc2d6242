package dev.apigw.node.dataplane.observability;

import dev.apigw.node.dataplane.observability.CompletedRequest;
import dev.apigw.node.dataplane.observability.RequestObserver;
import dev.apigw.protocol.restapi.AccessLogSettings;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one line per request of a stage with access logging on, in the stage's format, to the
 * {@code apigw.access} logger (logback.xml sends it, asynchronously and bounded, to this node's
 * access log file). The stage's {@code destinationArn} names a CloudWatch/Firehose destination
 * this gateway has no equivalent for; every stage's lines go to the node's destination.
 */
public final class AccessLog implements RequestObserver {
  private static final Logger access = LoggerFactory.getLogger("apigw.access");

  private final ConcurrentMap<String, AccessLogFormat> formats = new ConcurrentHashMap<>();

  @Override
  public void completed(CompletedRequest r) {
    if (r.stage() == null || !access.isInfoEnabled()) {
      return;
    }
    AccessLogSettings settings = r.stage().stage().accessLogSettings();
    if (settings == null || settings.format() == null || settings.format().isBlank()) {
      return;
    }
    access.info(formats.computeIfAbsent(settings.format(), AccessLogFormat::parse).render(r));
  }

  /**
   * Writes one line of an HTTP API stage with access logging on ({@code accessLogSettings.format} set).
   *
   * @param values each {@code $context.x} variable's value, given {@code x}
   */
  public void http(String format, java.util.function.Function<String, Object> values) {
    if (format == null || format.isBlank() || !access.isInfoEnabled()) {
      return;
    }
    access.info(formats.computeIfAbsent(format, AccessLogFormat::parse).render(values));
  }
}
