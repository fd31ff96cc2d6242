package dev.apigw.node.controlplane.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.http.Json;
import java.util.List;
import java.util.Map;

/**
 * One page of a plan's usage: for each key, one {@code [used, remaining]} pair per day
 * (serialized as AWS does, under {@code values}).
 *
 * @param items key id to daily pairs, in key order
 * @param position the next page's first key id, or null
 */
record Usage(String usagePlanId, UsageQuery query, Map<String, List<long[]>> items, String position) {

  ObjectNode render() {
    ObjectNode out = Json.object();
    out.put("usagePlanId", usagePlanId);
    out.put("startDate", query.startDate().toString());
    out.put("endDate", query.endDate().toString());
    // AWS's model names the member "items" but puts it on the wire as "values".
    var itemsNode = out.putObject("values");
    items.forEach(
        (keyId, days) -> {
          var daysNode = itemsNode.putArray(keyId);
          days.forEach(pair -> daysNode.addArray().add(pair[0]).add(pair[1]));
        });
    ApiKeyJson.putIfPresent(out, "position", position);
    return out;
  }
}
