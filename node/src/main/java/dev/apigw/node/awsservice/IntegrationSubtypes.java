package dev.apigw.node.awsservice;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * HTTP APIs' AWS service integrations ({@code AWS_PROXY} with an {@code integrationSubtype}): each subtype's service,
 * action and request parameters, as AWS's "Integration subtype reference" lists them (every subtype also takes an
 * optional {@code Region}). Shared by the control plane (which checks an integration's {@code requestParameters}) and
 * the data plane (which sends the action).
 */
public final class IntegrationSubtypes {
  /** The parameter naming the region the action is sent to (the gateway's region when absent). */
  public static final String REGION = "Region";

  /**
   * One subtype.
   *
   * @param name e.g. {@code SQS-SendMessage}
   * @param service the service's endpoint name, e.g. {@code sqs} ({@code GATEWAY_AWS_ENDPOINT_<SERVICE>})
   * @param action the service's action, e.g. {@code SendMessage}
   * @param required the parameters an integration must map
   * @param optional the parameters it may map ({@code Region} included)
   */
  public record Subtype(String name, String service, String action, List<String> required, List<String> optional) {
    /** Every parameter, required ones first. */
    public Set<String> parameters() {
      Set<String> all = new LinkedHashSet<>(required);
      all.addAll(optional);
      return all;
    }
  }

  private static final Map<String, Subtype> BY_NAME = new TreeMap<>();

  static {
    add("EventBridge-PutEvents", "events", "PutEvents", List.of("Detail", "DetailType", "Source"),
        List.of("Time", "EventBusName", "Resources", "TraceHeader"));
    add("SQS-SendMessage", "sqs", "SendMessage", List.of("QueueUrl", "MessageBody"), List.of("DelaySeconds",
        "MessageAttributes", "MessageDeduplicationId", "MessageGroupId", "MessageSystemAttributes"));
    add("SQS-ReceiveMessage", "sqs", "ReceiveMessage", List.of("QueueUrl"), List.of("AttributeNames",
        "MaxNumberOfMessages", "MessageAttributeNames", "ReceiveRequestAttemptId", "VisibilityTimeout",
        "WaitTimeSeconds"));
    add("SQS-DeleteMessage", "sqs", "DeleteMessage", List.of("ReceiptHandle", "QueueUrl"), List.of());
    add("SQS-PurgeQueue", "sqs", "PurgeQueue", List.of("QueueUrl"), List.of());
    add("AppConfig-GetConfiguration", "appconfig", "GetConfiguration",
        List.of("Application", "Environment", "Configuration", "ClientId"), List.of("ClientConfigurationVersion"));
    add("Kinesis-PutRecord", "kinesis", "PutRecord", List.of("StreamName", "Data", "PartitionKey"),
        List.of("SequenceNumberForOrdering", "ExplicitHashKey"));
    add("StepFunctions-StartExecution", "states", "StartExecution", List.of("StateMachineArn"),
        List.of("Name", "Input"));
    add("StepFunctions-StartSyncExecution", "sync-states", "StartSyncExecution", List.of("StateMachineArn"),
        List.of("Name", "Input", "TraceHeader"));
    add("StepFunctions-StopExecution", "states", "StopExecution", List.of("ExecutionArn"), List.of("Cause", "Error"));
  }

  private IntegrationSubtypes() {}

  private static void add(String name, String service, String action, List<String> required, List<String> optional) {
    List<String> withRegion = new java.util.ArrayList<>(optional);
    withRegion.add(REGION);
    BY_NAME.put(name, new Subtype(name, service, action, List.copyOf(required), List.copyOf(withRegion)));
  }

  /** The subtype called {@code name}, or null when AWS has none by that name. */
  public static Subtype of(String name) {
    return name == null ? null : BY_NAME.get(name);
  }

  /** Every subtype's name, sorted. */
  public static Set<String> names() {
    return java.util.Collections.unmodifiableSet(BY_NAME.keySet());
  }
}
