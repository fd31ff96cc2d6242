package dev.apigw.node.controlplane.keys;

import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.keys.ApiStage;
import dev.apigw.protocol.keys.QuotaSettings;
import dev.apigw.protocol.keys.ThrottleSettings;
import dev.apigw.protocol.keys.UsagePlan;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks a usage plan passes after create and after every update; each failure is a 400 that names the field. */
final class UsagePlanRules {
  static final Set<String> PERIODS = Set.of("DAY", "WEEK", "MONTH");
  // AWS keys method throttles by "{resourcePath}/{httpMethod}", e.g. "/pets/GET" or "/*/*".
  private static final Pattern METHOD_KEY =
      Pattern.compile("/.*/(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|ANY|\\*)");

  private UsagePlanRules() {}

  static UsagePlan check(UsagePlan plan) {
    if (plan.name() == null || plan.name().isBlank()) {
      throw new BadRequestException("Invalid usage plan name: name is required");
    }
    if (plan.throttle() != null) {
      throttle("throttle", plan.throttle());
    }
    if (plan.quota() != null) {
      quota(plan.quota());
    }
    Set<String> seen = new HashSet<>();
    for (ApiStage stage : plan.apiStages()) {
      if (stage.apiId() == null || stage.stage() == null || stage.apiId().isEmpty() || stage.stage().isEmpty()) {
        throw new BadRequestException("Invalid API stage: apiId and stage are required");
      }
      if (!seen.add(stage.key())) {
        throw new BadRequestException("Duplicate API stage " + stage.key() + " in usage plan");
      }
      stage.throttle().forEach((method, settings) -> {
        if (!METHOD_KEY.matcher(method).matches()) {
          throw new BadRequestException(
              "Invalid method throttle key: " + method + " (expected: {resourcePath}/{httpMethod}, e.g. /pets/GET)");
        }
        throttle("apiStages[" + stage.key() + "].throttle[" + method + "]", settings);
      });
    }
    return plan;
  }

  static void throttle(String field, ThrottleSettings t) {
    if (t.burstLimit() != null && t.burstLimit() < 0) {
      throw new BadRequestException(field + ".burstLimit: " + t.burstLimit() + " (expected: >= 0)");
    }
    if (t.rateLimit() != null && (t.rateLimit() < 0 || t.rateLimit().isNaN() || t.rateLimit().isInfinite())) {
      throw new BadRequestException(field + ".rateLimit: " + t.rateLimit() + " (expected: >= 0)");
    }
  }

  static void quota(QuotaSettings q) {
    if (q.limit() < 0) {
      throw new BadRequestException("quota.limit: " + q.limit() + " (expected: >= 0)");
    }
    if (q.period() == null || !PERIODS.contains(q.period())) {
      throw new BadRequestException("quota.period: " + q.period() + " (expected: DAY, WEEK or MONTH)");
    }
    int maxOffset =
        switch (q.period()) {
          case "DAY" -> 0;
          case "WEEK" -> 6;
          default -> 27;
        };
    if (q.offset() < 0 || q.offset() > maxOffset) {
      throw new BadRequestException(
          "quota.offset: " + q.offset() + " (expected: 0 to " + maxOffset + " for period " + q.period() + ")");
    }
  }
}
