package dev.apigw.node.controlplane.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.keys.ApiKey;
import dev.apigw.protocol.keys.ThrottleSettings;
import dev.apigw.protocol.keys.UsagePlan;

/** Renders usage plans and usage plan keys in AWS's wire shape. */
final class UsagePlanJson {
  private UsagePlanJson() {}

  static ObjectNode render(UsagePlan plan) {
    ObjectNode out = Json.object();
    out.put("id", plan.id());
    out.put("name", plan.name());
    ApiKeyJson.putIfPresent(out, "description", plan.description());
    var stages = out.putArray("apiStages");
    plan.apiStages()
        .forEach(
            stage -> {
              var node = stages.addObject();
              node.put("apiId", stage.apiId());
              node.put("stage", stage.stage());
              if (!stage.throttle().isEmpty()) {
                var throttles = node.putObject("throttle");
                stage.throttle().forEach((method, t) -> throttle(throttles.putObject(method), t));
              }
            });
    if (plan.throttle() != null) {
      throttle(out.putObject("throttle"), plan.throttle());
    }
    if (plan.quota() != null) {
      var quota = out.putObject("quota");
      quota.put("limit", plan.quota().limit());
      quota.put("offset", plan.quota().offset());
      quota.put("period", plan.quota().period());
    }
    ApiKeyJson.putIfPresent(out, "productCode", plan.productCode());
    ApiKeyJson.putTags(out, plan.tags());
    return out;
  }

  private static void throttle(ObjectNode node, ThrottleSettings t) {
    if (t.burstLimit() != null) {
      node.put("burstLimit", t.burstLimit());
    }
    if (t.rateLimit() != null) {
      node.put("rateLimit", t.rateLimit());
    }
  }

  static ObjectNode renderPage(Paging.Page<UsagePlan> page) {
    ObjectNode out = Json.object();
    var items = out.putArray("item");
    page.items().forEach(plan -> items.add(render(plan)));
    ApiKeyJson.putIfPresent(out, "position", page.position());
    return out;
  }

  static ObjectNode renderKey(ApiKey key) {
    ObjectNode out = Json.object();
    out.put("id", key.id());
    out.put("type", "API_KEY");
    out.put("value", key.value());
    ApiKeyJson.putIfPresent(out, "name", key.name());
    return out;
  }

  static ObjectNode renderKeyPage(Paging.Page<ApiKey> page) {
    ObjectNode out = Json.object();
    var items = out.putArray("item");
    page.items().forEach(key -> items.add(renderKey(key)));
    ApiKeyJson.putIfPresent(out, "position", page.position());
    return out;
  }
}
