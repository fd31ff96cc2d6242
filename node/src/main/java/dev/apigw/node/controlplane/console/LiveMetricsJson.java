package dev.apigw.node.controlplane.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.http.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders {@link LiveMetrics}: one series per API stage, points oldest first, rates per second. */
final class LiveMetricsJson {
  private LiveMetricsJson() {}

  static ObjectNode render(List<LiveMetrics.Tick> ticks, String apiFilter, Instant now) {
    ObjectNode out = Json.object();
    out.put("now", now.toString());
    out.put("windowSeconds", LiveMetrics.WINDOW.toSeconds());
    Map<String, ObjectNode> series = new TreeMap<>();
    var stages = out.putArray("series");
    for (LiveMetrics.Tick tick : ticks) {
      double seconds = Math.max(0.001, (tick.to().toEpochMilli() - tick.from().toEpochMilli()) / 1000.0);
      tick.stages().forEach((key, p) -> {
        if (apiFilter != null && !apiFilter.equals(key.apiId())) {
          return;
        }
        ObjectNode s = series.computeIfAbsent(key.apiId() + "/" + key.stage(), k -> {
          ObjectNode created = Json.object();
          created.put("apiId", key.apiId());
          created.put("stage", key.stage());
          created.putArray("points");
          return created;
        });
        ObjectNode point = ((com.fasterxml.jackson.databind.node.ArrayNode) s.get("points")).addObject();
        point.put("at", tick.to().toString());
        point.put("requests", p.requests());
        point.put("requestsPerSecond", Math.round(p.requests() / seconds * 100) / 100.0);
        point.put("4XXError", p.clientErrors());
        point.put("5XXError", p.serverErrors());
        if (p.latencyP50() >= 0) {
          point.put("latencyP50", p.latencyP50());
          point.put("latencyP99", p.latencyP99());
        }
        point.put("connects", p.connects());
        point.put("messages", p.messages());
      });
    }
    series.values().forEach(stages::add);
    return out;
  }
}
