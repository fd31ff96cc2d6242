package dev.apigw.protocol.keys;

import dev.apigw.protocol.CborSerializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An API key, as AWS's {@code ApiKey} resource describes it.
 *
 * <p>Part of the journal's schema (it travels inside events): add fields only with defaults,
 * never rename one.
 *
 * @param id 10 lowercase alphanumerics, generated
 * @param value the secret clients send in {@code x-api-key}; unique per account
 * @param name the key's name
 * @param description optional free text
 * @param enabled whether clients may use it
 * @param customerId optional AWS Marketplace customer id
 * @param stageKeys {@code restApiId/stageName} entries (legacy, pre-usage-plan association)
 * @param createdDate when the key was created
 * @param lastUpdatedDate when the key last changed
 * @param tags tags on the key
 */
public record ApiKey(
    String id,
    String value,
    String name,
    String description,
    boolean enabled,
    String customerId,
    List<String> stageKeys,
    Instant createdDate,
    Instant lastUpdatedDate,
    Map<String, String> tags)
    implements CborSerializable {

  /** Copies collections so that the record is immutable whatever the caller passed. */
  public ApiKey {
    stageKeys = stageKeys == null ? List.of() : List.copyOf(stageKeys);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public ApiKey withName(String name) {
    return new ApiKey(id, value, name, description, enabled, customerId, stageKeys, createdDate, lastUpdatedDate, tags);
  }

  public ApiKey withDescription(String description) {
    return new ApiKey(id, value, name, description, enabled, customerId, stageKeys, createdDate, lastUpdatedDate, tags);
  }

  public ApiKey withEnabled(boolean enabled) {
    return new ApiKey(id, value, name, description, enabled, customerId, stageKeys, createdDate, lastUpdatedDate, tags);
  }

  public ApiKey withCustomerId(String customerId) {
    return new ApiKey(id, value, name, description, enabled, customerId, stageKeys, createdDate, lastUpdatedDate, tags);
  }

  public ApiKey withStageKeys(List<String> stageKeys) {
    return new ApiKey(id, value, name, description, enabled, customerId, stageKeys, createdDate, lastUpdatedDate, tags);
  }

  public ApiKey withLastUpdatedDate(Instant lastUpdatedDate) {
    return new ApiKey(id, value, name, description, enabled, customerId, stageKeys, createdDate, lastUpdatedDate, tags);
  }

  public ApiKey withTags(Map<String, String> tags) {
    return new ApiKey(id, value, name, description, enabled, customerId, stageKeys, createdDate, lastUpdatedDate, tags);
  }
}
