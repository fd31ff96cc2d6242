package dev.apigw.node.dataplane.integration.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.awsservice.AwsProtocols;
import dev.apigw.node.awsservice.IntegrationSubtypes;
import dev.apigw.node.http.Json;
import dev.apigw.node.sigv4.SigV4Crypto;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An HTTP API AWS service integration's action as the service's API takes it: the subtype's parameters (already
 * evaluated for the request; absent ones left out) become the action's input in the service's protocol (AWS JSON with
 * {@code X-Amz-Target} for SQS, EventBridge, Kinesis and Step Functions; REST JSON for AppConfig), typed as the action
 * wants them (numbers, lists, maps, Kinesis's base64 blob). {@code Region} picks the region (the gateway's by default).
 */
public final class ServiceActions {
  /** SQS parameters that are integers. */
  private static final Set<String> SQS_INTEGERS = Set.of("DelaySeconds", "MaxNumberOfMessages", "VisibilityTimeout",
      "WaitTimeSeconds");
  /** SQS parameters that are maps (JSON objects). */
  private static final Set<String> SQS_MAPS = Set.of("MessageAttributes", "MessageSystemAttributes");
  /** SQS parameters that are lists (a JSON array or comma-separated). */
  private static final Set<String> SQS_LISTS = Set.of("AttributeNames", "MessageAttributeNames");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+");

  private ServiceActions() {}

  /**
   * The request for {@code subtype} with the parameter {@code values}.
   *
   * @throws IllegalArgumentException when a value cannot be what the action takes (a number, a JSON map), saying which
   */
  public static AwsServiceRequest request(IntegrationSubtypes.Subtype subtype, Map<String, String> values,
      String defaultRegion, String roleArn, Duration timeout) {
    String region = values.getOrDefault(IntegrationSubtypes.REGION, defaultRegion);
    if (!REGION.matcher(region).matches()) {
      throw unresolved(IntegrationSubtypes.REGION, region, "a region such as us-east-1");
    }
    return switch (subtype.service()) {
      case "sqs" -> json(subtype, region, AwsProtocols.SQS_JSON, sqs(values), roleArn, timeout);
      case "events" -> json(subtype, region, protocol("events"), putEvents(values), roleArn, timeout);
      case "kinesis" -> json(subtype, region, protocol("kinesis"), putRecord(values), roleArn, timeout);
      case "states", "sync-states" -> json(subtype, region, protocol("states"), stepFunctions(values), roleArn, timeout);
      case "appconfig" -> getConfiguration(values, region, roleArn, timeout);
      default -> throw new IllegalArgumentException("integrationSubtype " + subtype.name() + " is not supported");
    };
  }

  private static AwsProtocols.AwsJson protocol(String service) {
    return (AwsProtocols.AwsJson) AwsProtocols.of(service);
  }

  private static AwsServiceRequest json(IntegrationSubtypes.Subtype subtype, String region, AwsProtocols.AwsJson protocol,
      ObjectNode input, String roleArn, Duration timeout) {
    byte[] body;
    try {
      body = Json.MAPPER.writeValueAsBytes(input);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new AwsServiceRequest(subtype.service(), region, null, "POST", "/", List.of(),
        List.of(Map.entry("X-Amz-Target", protocol.targetPrefix() + "." + subtype.action())), protocol.contentType(),
        body, roleArn, timeout);
  }

  private static ObjectNode sqs(Map<String, String> values) {
    ObjectNode input = Json.object();
    values.forEach((name, value) -> {
      if (name.equals(IntegrationSubtypes.REGION)) {
        return;
      }
      if (SQS_INTEGERS.contains(name)) {
        input.put(name, integer(name, value));
      } else if (SQS_MAPS.contains(name)) {
        input.set(name, object(name, value));
      } else if (SQS_LISTS.contains(name)) {
        input.set(name, list(name, value));
      } else {
        input.put(name, value);
      }
    });
    return input;
  }

  private static ObjectNode putEvents(Map<String, String> values) {
    ObjectNode entry = Json.object();
    values.forEach((name, value) -> {
      switch (name) {
        case "Resources" -> entry.set(name, list(name, value));
        case "Time" -> entry.put(name, epochSeconds(value));
        case IntegrationSubtypes.REGION -> { }
        default -> entry.put(name, value);
      }
    });
    ObjectNode input = Json.object();
    input.putArray("Entries").add(entry);
    return input;
  }

  private static ObjectNode putRecord(Map<String, String> values) {
    ObjectNode input = Json.object();
    values.forEach((name, value) -> {
      if (name.equals("Data")) {
        // A blob: the service's JSON carries it base64-encoded, the record holds the value's bytes.
        input.put(name, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
      } else if (!name.equals(IntegrationSubtypes.REGION)) {
        input.put(name, value);
      }
    });
    return input;
  }

  /** Step Functions' members are lowerCamelCase: {@code StateMachineArn} is {@code stateMachineArn}. */
  private static ObjectNode stepFunctions(Map<String, String> values) {
    ObjectNode input = Json.object();
    values.forEach((name, value) -> {
      if (!name.equals(IntegrationSubtypes.REGION)) {
        input.put(Character.toLowerCase(name.charAt(0)) + name.substring(1), value);
      }
    });
    return input;
  }

  /** AppConfig's GetConfiguration: {@code GET /applications/{a}/environments/{e}/configurations/{c}?client_id=...}. */
  private static AwsServiceRequest getConfiguration(Map<String, String> values, String region, String roleArn,
      Duration timeout) {
    String path = "/applications/" + segment(values.get("Application")) + "/environments/"
        + segment(values.get("Environment")) + "/configurations/" + segment(values.get("Configuration"));
    List<Map.Entry<String, String>> query = new ArrayList<>();
    if (values.get("ClientId") != null) {
      query.add(Map.entry("client_id", values.get("ClientId")));
    }
    if (values.get("ClientConfigurationVersion") != null) {
      query.add(Map.entry("client_configuration_version", values.get("ClientConfigurationVersion")));
    }
    return new AwsServiceRequest("appconfig", region, null, "GET", path, query, List.of(), null, new byte[0], roleArn,
        timeout);
  }

  private static String segment(String value) {
    return value == null ? "" : SigV4Crypto.uriEncode(value, false);
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw unresolved(name, value, "an integer");
    }
  }

  private static JsonNode object(String name, String value) {
    JsonNode node = parse(value);
    if (node == null || !node.isObject()) {
      throw unresolved(name, value, "a JSON object");
    }
    return node;
  }

  /** A JSON array of strings, or a comma-separated list. */
  private static ArrayNode list(String name, String value) {
    String trimmed = value.trim();
    if (trimmed.startsWith("[")) {
      JsonNode node = parse(trimmed);
      if (node == null || !node.isArray()) {
        throw unresolved(name, value, "a JSON array or a comma-separated list");
      }
      return (ArrayNode) node;
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (String item : trimmed.split(",")) {
      if (!item.isBlank()) {
        out.add(item.trim());
      }
    }
    return out;
  }

  /** EventBridge's timestamps are epoch seconds in its JSON; ISO-8601 instants are converted. */
  private static double epochSeconds(String value) {
    String trimmed = value.trim();
    try {
      return Double.parseDouble(trimmed);
    } catch (NumberFormatException notANumber) {
      try {
        Instant t = Instant.parse(trimmed);
        return t.getEpochSecond() + t.getNano() / 1e9;
      } catch (DateTimeParseException e) {
        throw unresolved("Time", value, "epoch seconds or an ISO-8601 instant");
      }
    }
  }

  private static JsonNode parse(String value) {
    try {
      return Json.MAPPER.readTree(value);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static IllegalArgumentException unresolved(String name, String value, String expected) {
    // The value itself stays out: it may be the caller's data.
    return new IllegalArgumentException("Unable to resolve property " + name + " (a value of " + value.length()
        + " characters; expected: " + expected + ")");
  }
}
