package dev.apigw.node.controlplane.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ValidationErrors;
import dev.apigw.protocol.keys.ApiStage;
import dev.apigw.protocol.keys.QuotaSettings;
import dev.apigw.protocol.keys.ThrottleSettings;
import dev.apigw.protocol.keys.UsagePlan;
import dev.apigw.protocol.tags.TagRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked {@code CreateUsagePlan} request body, as the plan it describes minus its id.
 *
 * @param plan the plan with a null id
 */
public record CreateUsagePlanRequest(UsagePlan plan) {

  /** Reads and checks the body; every problem is a 400 that names the field. */
  public static CreateUsagePlanRequest parse(JsonNode body) {
    UsagePlan plan =
        new UsagePlan(
            null,
            JsonFields.string(body, "name"),
            JsonFields.string(body, "description"),
            apiStages(body.get("apiStages")),
            throttle("throttle", body.get("throttle")),
            quota(body.get("quota")),
            JsonFields.string(body, "productCode"),
            TagRules.check(JsonFields.stringMap(body, "tags")));
    return new CreateUsagePlanRequest(UsagePlanRules.check(plan));
  }

  private static List<ApiStage> apiStages(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new BadRequestException("Invalid value for apiStages (expected: a list of {apiId, stage, throttle})");
    }
    List<ApiStage> out = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isObject()) {
        throw new BadRequestException("Invalid API stage: expected an object with apiId and stage");
      }
      Map<String, ThrottleSettings> throttles = new LinkedHashMap<>();
      JsonNode t = item.get("throttle");
      if (t != null && !t.isNull()) {
        if (!t.isObject()) {
          throw new BadRequestException("Invalid value for apiStages.throttle (expected: a map of method to throttle)");
        }
        t.fields().forEachRemaining(e -> throttles.put(e.getKey(), throttle("apiStages.throttle." + e.getKey(), e.getValue())));
      }
      out.add(new ApiStage(JsonFields.string(item, "apiId"), JsonFields.string(item, "stage"), throttles));
    }
    return out;
  }

  static ThrottleSettings throttle(String field, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new BadRequestException("Invalid value for " + field + " (expected: {burstLimit, rateLimit})");
    }
    Integer burst = JsonFields.integer(node, "burstLimit");
    JsonNode rate = node.get("rateLimit");
    Double rateLimit = null;
    if (rate != null && !rate.isNull()) {
      if (!rate.isNumber()) {
        throw new BadRequestException("Invalid value for " + field + ".rateLimit (expected: a number)");
      }
      rateLimit = rate.doubleValue();
    }
    return new ThrottleSettings(burst, rateLimit);
  }

  private static QuotaSettings quota(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new BadRequestException("Invalid value for quota (expected: {limit, offset, period})");
    }
    Integer limit = JsonFields.integer(node, "limit");
    if (limit == null) {
      throw new BadRequestException("quota.limit is required");
    }
    Integer offset = JsonFields.integer(node, "offset");
    String period = JsonFields.string(node, "period");
    // The model's order; AWS's recorded order for this enum was not found.
    ValidationErrors.of("CreateUsagePlan").oneOf("quota.period", period, List.of("DAY", "WEEK", "MONTH")).throwIfAny();
    return new QuotaSettings(limit, offset == null ? 0 : offset, period);
  }
}
