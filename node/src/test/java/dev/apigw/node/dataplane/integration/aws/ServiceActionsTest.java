package dev.apigw.node.dataplane.integration.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.awsservice.IntegrationSubtypes;
import dev.apigw.node.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each subtype's request as the service's API takes it (the ones the data-plane tests do not run against a server:
 * EventBridge, Step Functions, AppConfig; and the typing of SQS's parameters).
 */
class ServiceActionsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static AwsServiceRequest request(String subtype, Map<String, String> values) {
    return ServiceActions.request(IntegrationSubtypes.of(subtype), values, "us-east-1", null, TIMEOUT);
  }

  private static JsonNode body(AwsServiceRequest r) throws Exception {
    return Json.MAPPER.readTree(r.body());
  }

  private static String target(AwsServiceRequest r) {
    return r.headers().stream().filter(h -> h.getKey().equals("X-Amz-Target")).map(Map.Entry::getValue).findFirst()
        .orElse(null);
  }

  @Test
  void sqsParametersAreTypedAsSqsJsonWantsThem() throws Exception {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("QueueUrl", "https://sqs.eu-west-1.amazonaws.com/123456789012/q");
    values.put("MaxNumberOfMessages", "5");
    values.put("AttributeNames", "All, SentTimestamp");
    values.put("MessageAttributeNames", "[\"a\", \"b\"]");
    values.put("Region", "eu-west-1");
    var r = request("SQS-ReceiveMessage", values);
    assertThat(r.service()).isEqualTo("sqs");
    assertThat(r.region()).isEqualTo("eu-west-1");
    assertThat(r.contentType()).isEqualTo("application/x-amz-json-1.0");
    assertThat(target(r)).isEqualTo("AmazonSQS.ReceiveMessage");
    assertThat(body(r).toString()).isEqualTo("{\"QueueUrl\":\"https://sqs.eu-west-1.amazonaws.com/123456789012/q\","
        + "\"MaxNumberOfMessages\":5,\"AttributeNames\":[\"All\",\"SentTimestamp\"],\"MessageAttributeNames\":[\"a\",\"b\"]}");
  }

  @Test
  void eventBridgePutsOneEntry() throws Exception {
    var r = request("EventBridge-PutEvents", Map.of("Source", "shop", "DetailType", "order", "Detail", "{\"id\":1}",
        "Resources", "arn:a,arn:b", "Time", "2024-01-02T03:04:05Z"));
    assertThat(r.service()).isEqualTo("events");
    assertThat(target(r)).isEqualTo("AWSEvents.PutEvents");
    JsonNode entry = body(r).get("Entries").get(0);
    assertThat(entry.get("Detail").asText()).isEqualTo("{\"id\":1}");
    assertThat(entry.get("Resources").toString()).isEqualTo("[\"arn:a\",\"arn:b\"]");
    assertThat(entry.get("Time").asDouble()).isEqualTo(1704164645.0);
  }

  @Test
  void stepFunctionsUseCamelCaseMembersAndSyncStatesForSyncExecutions() throws Exception {
    var start = request("StepFunctions-StartExecution", Map.of("StateMachineArn", "arn:sm", "Input", "{}"));
    assertThat(start.service()).isEqualTo("states");
    assertThat(target(start)).isEqualTo("AWSStepFunctions.StartExecution");
    assertThat(body(start).get("stateMachineArn").asText()).isEqualTo("arn:sm");
    assertThat(body(start).get("input").asText()).isEqualTo("{}");
    var sync = request("StepFunctions-StartSyncExecution", Map.of("StateMachineArn", "arn:sm"));
    assertThat(sync.service()).isEqualTo("sync-states");
    assertThat(target(sync)).isEqualTo("AWSStepFunctions.StartSyncExecution");
    var stop = request("StepFunctions-StopExecution", Map.of("ExecutionArn", "arn:ex", "Cause", "user"));
    assertThat(body(stop).toString()).contains("\"executionArn\":\"arn:ex\"", "\"cause\":\"user\"");
  }

  @Test
  void kinesisDataIsTheValuesBytesBase64Encoded() throws Exception {
    var r = request("Kinesis-PutRecord", Map.of("StreamName", "s", "Data", "héllo", "PartitionKey", "k"));
    assertThat(target(r)).isEqualTo("Kinesis_20131202.PutRecord");
    assertThat(r.contentType()).isEqualTo("application/x-amz-json-1.1");
    assertThat(new String(java.util.Base64.getDecoder().decode(body(r).get("Data").asText()), StandardCharsets.UTF_8))
        .isEqualTo("héllo");
  }

  @Test
  void appConfigIsItsRestGet() {
    var r = request("AppConfig-GetConfiguration", Map.of("Application", "my app", "Environment", "prod",
        "Configuration", "flags", "ClientId", "c-1"));
    assertThat(r.service()).isEqualTo("appconfig");
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.path()).isEqualTo("/applications/my%20app/environments/prod/configurations/flags");
    assertThat(r.query()).isEqualTo(List.of(Map.entry("client_id", "c-1")));
  }

  @Test
  void valuesThatCannotBeTypedAreRefusedWithoutShowingThem() {
    assertThatThrownBy(() -> request("SQS-SendMessage", Map.of("QueueUrl", "q", "MessageBody", "b",
        "DelaySeconds", "secret-soon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DelaySeconds").hasMessageNotContaining("secret-soon");
    assertThatThrownBy(() -> request("SQS-SendMessage", Map.of("QueueUrl", "q", "MessageBody", "b",
        "MessageAttributes", "[1]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a JSON object");
    assertThatThrownBy(() -> request("SQS-PurgeQueue", Map.of("QueueUrl", "q", "Region", "../evil")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Region");
  }
}
