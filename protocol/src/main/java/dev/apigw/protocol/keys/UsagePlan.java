package dev.apigw.protocol.keys;

import dev.apigw.protocol.CborSerializable;
import java.util.List;
import java.util.Map;

/**
 * A usage plan, as AWS's {@code UsagePlan} resource describes it; its keys are kept by the plan's
 * entity, not here, because AWS renders them as a separate resource.
 *
 * <p>Part of the journal's schema: add fields only with defaults, never rename one.
 *
 * @param id 10 lowercase alphanumerics, generated
 * @param name the plan's name
 * @param description optional
 * @param apiStages the stages the plan applies to
 * @param throttle the plan's default throttle, or null
 * @param quota the plan's quota, or null
 * @param productCode optional AWS Marketplace product code
 * @param tags tags on the plan
 */
public record UsagePlan(
    String id,
    String name,
    String description,
    List<ApiStage> apiStages,
    ThrottleSettings throttle,
    QuotaSettings quota,
    String productCode,
    Map<String, String> tags)
    implements CborSerializable {

  public UsagePlan {
    apiStages = apiStages == null ? List.of() : List.copyOf(apiStages);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public UsagePlan withName(String name) {
    return new UsagePlan(id, name, description, apiStages, throttle, quota, productCode, tags);
  }

  public UsagePlan withDescription(String description) {
    return new UsagePlan(id, name, description, apiStages, throttle, quota, productCode, tags);
  }

  public UsagePlan withApiStages(List<ApiStage> apiStages) {
    return new UsagePlan(id, name, description, apiStages, throttle, quota, productCode, tags);
  }

  public UsagePlan withThrottle(ThrottleSettings throttle) {
    return new UsagePlan(id, name, description, apiStages, throttle, quota, productCode, tags);
  }

  public UsagePlan withQuota(QuotaSettings quota) {
    return new UsagePlan(id, name, description, apiStages, throttle, quota, productCode, tags);
  }

  public UsagePlan withProductCode(String productCode) {
    return new UsagePlan(id, name, description, apiStages, throttle, quota, productCode, tags);
  }

  public UsagePlan withTags(Map<String, String> tags) {
    return new UsagePlan(id, name, description, apiStages, throttle, quota, productCode, tags);
  }
}
