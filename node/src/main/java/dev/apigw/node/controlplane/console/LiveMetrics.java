package dev.apigw.node.controlplane.console;

import com.typesafe.config.Config;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kamon.Kamon;
import kamon.metric.Distribution;
import kamon.metric.Instrument;
import kamon.metric.MetricSnapshot;
import kamon.metric.PeriodSnapshot;
import kamon.module.MetricReporter;
import kamon.tag.Lookups;
import kamon.tag.TagSet;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The last 15 minutes of the gateway's per-stage metrics, in memory: a Kamon reporter that keeps, for every Kamon tick
 * (kamon.metric.tick-interval), each API stage's request count, 4XX and 5XX errors, latency p50/p99 and WebSocket
 * connects and messages, summed over resources and methods. Kamon is one per JVM, so this is too ({@link #shared()}).
 */
public final class LiveMetrics implements MetricReporter {
  /** How long points are kept. */
  public static final Duration WINDOW = Duration.ofMinutes(15);
  /** Stages kept per tick at most: the API stages that exist bound it already; this bounds a flood of bad tags. */
  private static final int MAX_STAGES_PER_TICK = 1000;

  private static final LiveMetrics SHARED = new LiveMetrics();
  private static volatile boolean registered;

  /** One API stage during one tick. Latencies in milliseconds, -1 without requests. */
  public record Point(long requests, long clientErrors, long serverErrors, long latencyP50, long latencyP99,
      long connects, long messages) {}

  /** One tick: its interval and the stages that had traffic in it. */
  public record Tick(Instant from, Instant to, Map<StageKey, Point> stages) {}

  /** An API stage, as tagged by the data plane's metrics (ApiId, Stage). */
  public record StageKey(String apiId, String stage) {}

  private final ArrayDeque<Tick> ticks = new ArrayDeque<>();

  LiveMetrics() {}

  /** The JVM's instance, registered with Kamon on first use. */
  public static LiveMetrics shared() {
    if (!registered) {
      synchronized (LiveMetrics.class) {
        if (!registered) {
          Kamon.addReporter("apigw-console-live-metrics", SHARED);
          registered = true;
        }
      }
    }
    return SHARED;
  }

  /** The ticks of the last 15 minutes, oldest first. */
  public synchronized List<Tick> ticks() {
    return List.copyOf(ticks);
  }

  @Override
  public void reportPeriodSnapshot(PeriodSnapshot snapshot) {
    add(snapshot.from(), snapshot.to(), summarize(snapshot));
  }

  synchronized void add(Instant from, Instant to, Map<StageKey, Point> stages) {
    ticks.addLast(new Tick(from, to, Map.copyOf(stages)));
    while (!ticks.isEmpty() && ticks.peekFirst().to().isBefore(to.minus(WINDOW))) {
      ticks.removeFirst();
    }
  }

  private static Map<StageKey, Point> summarize(PeriodSnapshot snapshot) {
    Map<StageKey, long[]> counts = new HashMap<>();
    Map<StageKey, Distribution> latencies = new HashMap<>();
    for (var metric : CollectionConverters.asJava(snapshot.counters())) {
      int slot = switch (metric.name()) {
        case "apigateway_Count" -> 0;
        case "apigateway_4XXError" -> 1;
        case "apigateway_5XXError" -> 2;
        case "apigateway_ConnectCount" -> 3;
        case "apigateway_MessageCount" -> 4;
        default -> -1;
      };
      if (slot < 0) {
        continue;
      }
      for (Instrument.Snapshot<Object> instrument : instruments(metric)) {
        StageKey key = key(instrument.tags());
        if (key != null && (counts.containsKey(key) || counts.size() < MAX_STAGES_PER_TICK)) {
          counts.computeIfAbsent(key, k -> new long[5])[slot] += ((Number) instrument.value()).longValue();
        }
      }
    }
    for (var metric : CollectionConverters.asJava(snapshot.histograms())) {
      if (!metric.name().equals("apigateway_Latency")) {
        continue;
      }
      for (Instrument.Snapshot<Distribution> instrument : instruments(metric)) {
        StageKey key = key(instrument.tags());
        if (key != null && counts.containsKey(key) && instrument.value().count() > 0) {
          latencies.merge(key, instrument.value(), Distribution::merge);
        }
      }
    }
    Map<StageKey, Point> out = new HashMap<>();
    counts.forEach((key, c) -> {
      if (c[0] + c[3] + c[4] == 0) {
        return; // an instrument that saw nothing this tick
      }
      Distribution d = latencies.get(key);
      out.put(key, new Point(c[0], c[1], c[2], d == null ? -1 : d.percentile(50).value(),
          d == null ? -1 : d.percentile(99).value(), c[3], c[4]));
    });
    return out;
  }

  private static <T> List<Instrument.Snapshot<T>> instruments(MetricSnapshot<?, T> metric) {
    return new ArrayList<>(CollectionConverters.asJava(metric.instruments()));
  }

  private static StageKey key(TagSet tags) {
    String api = tags.get(Lookups.plain("ApiId"));
    String stage = tags.get(Lookups.plain("Stage"));
    return api == null || stage == null ? null : new StageKey(api, stage);
  }

  @Override
  public void stop() {}

  @Override
  public void reconfigure(Config newConfig) {}
}
