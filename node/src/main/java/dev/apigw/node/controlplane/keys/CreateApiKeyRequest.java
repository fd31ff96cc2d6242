package dev.apigw.node.controlplane.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.tags.TagRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A checked {@code CreateApiKey} request body.
 *
 * @param name optional
 * @param description optional
 * @param enabled default false, as in AWS
 * @param value the key's value (20-128 characters), or null to generate one
 * @param customerId optional
 * @param stageKeys {@code restApiId/stageName} entries
 * @param tags optional, at most 50
 */
public record CreateApiKeyRequest(
    String name,
    String description,
    boolean enabled,
    String value,
    String customerId,
    List<String> stageKeys,
    Map<String, String> tags) {

  static final int MIN_VALUE = 20;
  static final int MAX_VALUE = 128;

  /** Reads and checks the body; every problem is a 400 that names the field. */
  public static CreateApiKeyRequest parse(JsonNode body) {
    String value = JsonFields.string(body, "value");
    if (value != null) {
      checkValue(value);
    }
    String name = JsonFields.string(body, "name");
    if (name != null && name.length() > 1024) {
      throw new BadRequestException("Invalid API Key name: at most 1024 characters");
    }
    // generateDistinctId is accepted and ignored: ids are always distinct here, as in AWS today.
    JsonFields.bool(body, "generateDistinctId", true);
    return new CreateApiKeyRequest(
        name,
        JsonFields.string(body, "description"),
        JsonFields.bool(body, "enabled", false),
        value,
        JsonFields.string(body, "customerId"),
        stageKeys(body.get("stageKeys")),
        TagRules.check(JsonFields.stringMap(body, "tags")));
  }

  static void checkValue(String value) {
    if (value.length() < MIN_VALUE || value.length() > MAX_VALUE) {
      throw new BadRequestException(
          "API Key value should be at least " + MIN_VALUE + " and at most " + MAX_VALUE + " characters long: got " + value.length());
    }
    if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new BadRequestException("API Key value must be printable ASCII without spaces");
    }
  }

  private static List<String> stageKeys(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new BadRequestException("Invalid value for stageKeys (expected: a list of {restApiId, stageName})");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : node) {
      String api = item.isObject() ? JsonFields.string(item, "restApiId") : null;
      String stage = item.isObject() ? JsonFields.string(item, "stageName") : null;
      if (api == null || stage == null) {
        throw new BadRequestException("Invalid stage key: restApiId and stageName are required");
      }
      out.add(api + "/" + stage);
    }
    return List.copyOf(out);
  }
}
