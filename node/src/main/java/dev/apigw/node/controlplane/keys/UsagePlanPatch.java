package dev.apigw.node.controlplane.keys;

import dev.apigw.node.controlplane.common.PatchOperation.Op;
import dev.apigw.node.controlplane.common.PatchOperation;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.keys.ApiStage;
import dev.apigw.protocol.keys.QuotaSettings;
import dev.apigw.protocol.keys.ThrottleSettings;
import dev.apigw.protocol.keys.UsagePlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies {@code UpdateUsagePlan} patch operations to a plan. Checks that need other entities
 * (do added stages' APIs exist, do keys now share a stage across plans) are the service's job;
 * the result still passes {@link UsagePlanRules} there.
 */
final class UsagePlanPatch {
  static final List<String> PATHS =
      List.of("/name", "/description", "/productCode", "/throttle/burstLimit", "/throttle/rateLimit", "/throttle",
          "/quota/limit", "/quota/offset", "/quota/period", "/quota", "/apiStages",
          "/apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}/burstLimit",
          "/apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}/rateLimit",
          "/apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}");
  private static final String METHOD_THROTTLE = "/apiStages/{stage}/throttle/{resource}/{method}";

  private UsagePlanPatch() {}

  static UsagePlan apply(UsagePlan plan, List<PatchOperation> ops) {
    UsagePlan out = plan;
    for (PatchOperation op : ops) {
      out = apply(out, op);
    }
    return out;
  }

  private static UsagePlan apply(UsagePlan plan, PatchOperation op) {
    if (op.op() == Op.REPLACE) {
      switch (op.path()) {
        case "/name":
          return plan.withName(op.requiredValue());
        case "/description":
          return plan.withDescription(op.value());
        case "/productCode":
          return plan.withProductCode(op.value());
        case "/throttle/burstLimit":
          return plan.withThrottle(throttle(plan.throttle()).withBurstLimit(op.intValue()));
        case "/throttle/rateLimit":
          return plan.withThrottle(throttle(plan.throttle()).withRateLimit(op.doubleValue()));
        case "/quota/limit":
          return plan.withQuota(quota(plan.quota()).withLimit(op.intValue()));
        case "/quota/offset":
          return plan.withQuota(quota(plan.quota()).withOffset(op.intValue()));
        case "/quota/period":
          return plan.withQuota(quota(plan.quota()).withPeriod(op.requiredValue()));
        default:
          return methodThrottle(plan, op).orElseThrow(() -> op.unsupported(PATHS));
      }
    }
    if (op.op() == Op.REMOVE && op.path().equals("/throttle")) {
      return plan.withThrottle(null);
    }
    if (op.op() == Op.REMOVE && op.path().equals("/quota")) {
      return plan.withQuota(null);
    }
    if (op.path().equals("/apiStages") && (op.op() == Op.ADD || op.op() == Op.REMOVE)) {
      ApiStage stage = parseStage(op.requiredValue());
      List<ApiStage> stages = new ArrayList<>(plan.apiStages());
      if (op.op() == Op.ADD) {
        if (stages.stream().anyMatch(s -> s.key().equals(stage.key()))) {
          throw new BadRequestException("API stage " + stage.key() + " is already in the usage plan");
        }
        stages.add(stage);
      } else if (!stages.removeIf(s -> s.key().equals(stage.key()))) {
        throw new NotFoundException("Invalid API stage specified: " + stage.key() + " is not in the usage plan");
      }
      return plan.withApiStages(stages);
    }
    if (op.op() == Op.REMOVE) {
      return methodThrottle(plan, op).orElseThrow(() -> op.unsupported(PATHS));
    }
    throw op.unsupported(PATHS);
  }

  /** {@code /apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}[/burstLimit|/rateLimit]}. */
  private static Optional<UsagePlan> methodThrottle(UsagePlan plan, PatchOperation op) {
    var field = op.match(METHOD_THROTTLE + "/{field}");
    var whole = op.match(METHOD_THROTTLE);
    var captured = field.or(() -> whole);
    if (captured.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> c = captured.get();
    String stageKey = c.get("stage");
    ApiStage stage =
        plan.apiStages().stream()
            .filter(s -> s.key().equals(stageKey))
            .findFirst()
            .orElseThrow(() -> new NotFoundException("Invalid API stage specified: " + stageKey + " is not in the usage plan"));
    String methodKey = c.get("resource") + "/" + c.get("method");
    Map<String, ThrottleSettings> throttles = new LinkedHashMap<>(stage.throttle());
    if (op.op() == Op.REMOVE && field.isEmpty()) {
      if (throttles.remove(methodKey) == null) {
        throw new NotFoundException("No throttle for " + methodKey + " in API stage " + stageKey);
      }
    } else if (op.op() == Op.REPLACE && field.isPresent()) {
      ThrottleSettings current = throttle(throttles.get(methodKey));
      ThrottleSettings next =
          switch (c.get("field")) {
            case "burstLimit" -> current.withBurstLimit(op.intValue());
            case "rateLimit" -> current.withRateLimit(op.doubleValue());
            default -> throw op.unsupported(PATHS);
          };
      throttles.put(methodKey, next);
    } else {
      throw op.unsupported(PATHS);
    }
    ApiStage updated = stage.withThrottle(throttles);
    return Optional.of(plan.withApiStages(plan.apiStages().stream().map(s -> s.key().equals(stageKey) ? updated : s).toList()));
  }

  static ApiStage parseStage(String value) {
    int colon = value.indexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new BadRequestException("Invalid API stage: " + value + " (expected: apiId:stage)");
    }
    return new ApiStage(value.substring(0, colon), value.substring(colon + 1), Map.of());
  }

  private static ThrottleSettings throttle(ThrottleSettings current) {
    return current != null ? current : new ThrottleSettings(null, null);
  }

  private static QuotaSettings quota(QuotaSettings current) {
    // A quota patched into existence starts as "0 per DAY"; the other fields follow in the same call.
    return current != null ? current : new QuotaSettings(0, 0, "DAY");
  }
}
