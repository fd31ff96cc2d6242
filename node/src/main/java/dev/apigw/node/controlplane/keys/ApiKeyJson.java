package dev.apigw.node.controlplane.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.keys.ApiKey;
import java.util.Map;

/** Renders API keys in AWS's wire shape; the value only when asked for. */
final class ApiKeyJson {
  private ApiKeyJson() {}

  static ObjectNode render(ApiKey key, boolean includeValue) {
    ObjectNode out = Json.object();
    out.put("id", key.id());
    if (includeValue) {
      out.put("value", key.value());
    }
    putIfPresent(out, "name", key.name());
    putIfPresent(out, "customerId", key.customerId());
    putIfPresent(out, "description", key.description());
    out.put("enabled", key.enabled());
    out.put("createdDate", key.createdDate().getEpochSecond());
    out.put("lastUpdatedDate", key.lastUpdatedDate().getEpochSecond());
    var stageKeys = out.putArray("stageKeys");
    key.stageKeys().forEach(stageKeys::add);
    putTags(out, key.tags());
    return out;
  }

  static ObjectNode renderPage(Paging.Page<ApiKey> page, boolean includeValues) {
    ObjectNode out = Json.object();
    var items = out.putArray("item");
    page.items().forEach(key -> items.add(render(key, includeValues)));
    putIfPresent(out, "position", page.position());
    return out;
  }

  static void putTags(ObjectNode out, Map<String, String> tags) {
    if (!tags.isEmpty()) {
      var node = out.putObject("tags");
      tags.forEach(node::put);
    }
  }

  static void putIfPresent(ObjectNode out, String field, String value) {
    if (value != null) {
      out.put(field, value);
    }
  }
}
