package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.ConfigFactory;
import dev.apigw.node.testing.AwsTestServers;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.GatewayProcess;
import dev.apigw.node.testing.StsTestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.model.ApiGatewayV2Exception;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * HTTP API AWS service integrations ({@code AWS_PROXY} with an {@code integrationSubtype}) made with the real
 * ApiGatewayV2Client and called with the JDK's HTTP client, against real servers: ElasticMQ (SQS) with the
 * integration's role assumed through a test STS, Kinesalite (Kinesis; skipped where Node.js or the npm package is
 * missing). What arrived is read back with the real SDK clients. Also the control plane's checks of subtypes.
 */
class HttpApiAwsServiceDataPlaneTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/http-api-sqs";

  private static final ActorSystem<Void> stsSystem = ActorSystem.create(Behaviors.empty(), "sts",
      ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.defaultReference()));
  private static final StsTestServer sts = new StsTestServer(stsSystem, Map.of("test", "test"),
      List.of("ASIAHTTPAPIROLE", "role-secret", "role-token"), Duration.ofHours(1));
  private static final AwsTestServers.Sqs sqs = new AwsTestServers.Sqs();
  private static final AwsTestServers.NodeServer kinesis = AwsTestServers.NodeServer.kinesaliteIfInstalled();
  private static final int closedPort = GatewayProcess.freePort();

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode().withConfig(Map.of(
      "gateway.aws.access-key-id", "test",
      "gateway.aws.secret-access-key", "test",
      "gateway.aws.endpoints.sqs", sqs.endpoint().toString(),
      "gateway.aws.endpoints.kinesis", kinesis != null ? kinesis.endpoint().toString()
          : "http://127.0.0.1:" + closedPort,
      "gateway.aws.endpoints.events", "http://127.0.0.1:" + closedPort,
      "gateway.aws.endpoints.sts", sts.endpoint().toString()));

  @AfterAll
  static void stopServers() throws Exception {
    if (kinesis != null) {
      kinesis.close();
    }
    sqs.close();
    sts.close();
    stsSystem.terminate();
  }

  private static SqsClient sqsClient() {
    return SqsClient.builder().endpointOverride(sqs.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
  }

  private static String httpApi(String name) {
    return gateway.v2Client().createApi(r -> r.name(name).protocolType(ProtocolType.HTTP)).apiId();
  }

  private static String serviceIntegration(String apiId, String subtype, String role, Map<String, String> parameters) {
    return gateway.v2Client().createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
        .integrationSubtype(subtype).credentialsArn(role).payloadFormatVersion("1.0").requestParameters(parameters))
        .integrationId();
  }

  private static void route(String apiId, String key, String integrationId) {
    gateway.v2Client().createRoute(r -> r.apiId(apiId).routeKey(key).target("integrations/" + integrationId));
  }

  private static void deploy(String apiId) {
    gateway.v2Client().createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));
  }

  /**
   * The first answer of the deployed API other than 404: until the node has the stage and its deployment, the API is
   * unknown or (known from its creation, before the stage) answers 404 with a request id. No caller expects a 404.
   */
  private static HttpResponse<String> served(String method, String apiId, String path, String body,
      Map<String, String> headers) {
    return DataPlaneClient.await(() -> gateway.dataPlane().call(method, apiId, path, body, headers),
        r -> r.statusCode() != 404);
  }

  private static List<Message> receiveAll(SqsClient client, String queueUrl, int expected) {
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < 10 && messages.size() < expected; i++) {
      messages.addAll(client.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
          .messageAttributeNames("All")).messages());
    }
    return messages;
  }

  @Test
  void sqsSendMessageQueuesTheMappedMessageWithTheRolesCredentials() {
    try (SqsClient client = sqsClient()) {
      String queueUrl = client.createQueue(r -> r.queueName("http-api-orders")).queueUrl();
      String apiId = httpApi("sqs-send");
      String integrationId = serviceIntegration(apiId, "SQS-SendMessage", ROLE, Map.of(
          "QueueUrl", queueUrl,
          "MessageBody", "$request.body.order",
          "MessageAttributes", "$request.body.attributes",
          "DelaySeconds", "$request.querystring.delay"));
      route(apiId, "POST /orders", integrationId);
      // A queue that does not exist: SQS's own error passes through, status and body.
      route(apiId, "POST /nowhere", serviceIntegration(apiId, "SQS-SendMessage", null, Map.of(
          "QueueUrl", sqs.endpoint() + "/000000000000/no-such-queue", "MessageBody", "$request.body")));
      deploy(apiId);

      var got = gateway.v2Client().getIntegration(r -> r.apiId(apiId).integrationId(integrationId));
      assertThat(got.integrationSubtype()).isEqualTo("SQS-SendMessage");
      assertThat(got.integrationType()).isEqualTo(IntegrationType.AWS_PROXY);
      assertThat(got.credentialsArn()).isEqualTo(ROLE);
      assertThat(got.payloadFormatVersion()).isEqualTo("1.0");
      assertThat(got.requestParameters()).containsEntry("MessageBody", "$request.body.order").hasSize(4);

      var sent = served("POST", apiId, "/orders?delay=0", """
          {"order": "42 pancakes", "attributes": {"source": {"DataType": "String", "StringValue": "web"}}}""",
          Map.of("Content-Type", "application/json"));
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
      assertThat(DataPlaneClient.json(sent.body()).path("MessageId").asText()).isNotBlank();
      assertThat(sent.headers().firstValue("apigw-requestid")).isPresent();

      List<Message> messages = receiveAll(client, queueUrl, 1);
      assertThat(messages).extracting(Message::body).containsExactly("42 pancakes");
      assertThat(messages.get(0).messageAttributes().get("source").stringValue()).isEqualTo("web");
      assertThat(sts.assumedRoles()).contains(ROLE);

      var refused = gateway.dataPlane().call("POST", apiId, "/nowhere", "text", Map.of("Content-Type", "text/plain"));
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).as("SQS's own error").containsIgnoringCase("queue");
    }
  }

  @Test
  void importedSubtypeIntegrationsRoundTripAndServe() {
    try (SqsClient client = sqsClient()) {
      String queueUrl = client.createQueue(r -> r.queueName("imported-orders")).queueUrl();
      String definition = """
          openapi: "3.0.1"
          info:
            title: imported-sqs
            version: "1"
          paths:
            /orders/{id}:
              post:
                x-amazon-apigateway-integration:
                  type: aws_proxy
                  integrationSubtype: SQS-SendMessage
                  credentials: %s
                  payloadFormatVersion: "1.0"
                  connectionType: INTERNET
                  requestParameters:
                    QueueUrl: %s
                    MessageBody: $request.path.id
                    MessageGroupId: $request.header.x-group
          """.formatted(ROLE, queueUrl);
      String apiId = gateway.v2Client().importApi(r -> r.body(definition)).apiId();
      var integrations = gateway.v2Client().getIntegrations(r -> r.apiId(apiId)).items();
      assertThat(integrations).singleElement().satisfies(i -> {
        assertThat(i.integrationSubtype()).isEqualTo("SQS-SendMessage");
        assertThat(i.credentialsArn()).isEqualTo(ROLE);
        assertThat(i.requestParameters()).containsEntry("MessageBody", "$request.path.id");
      });
      String exported = gateway.v2Client().exportApi(r -> r.apiId(apiId).specification("OAS30").outputType("YAML"))
          .body().asUtf8String();
      assertThat(exported).contains("integrationSubtype", "SQS-SendMessage", ROLE, "$request.path.id",
          "MessageGroupId");
      deploy(apiId);

      var sent = served("POST", apiId, "/orders/order-7", null, Map.of());
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
      assertThat(receiveAll(client, queueUrl, 1)).extracting(Message::body).containsExactly("order-7");
    }
  }

  @Test
  void kinesisPutRecordWritesTheBody() {
    assumeTrue(kinesis != null, () -> "Kinesalite cannot run, skipped: " + AwsTestServers.NodeServer.missing("kinesalite"));
    try (KinesisClient client = KinesisClient.builder().endpointOverride(kinesis.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
      client.createStream(r -> r.streamName("clicks").shardCount(1));
      String apiId = httpApi("kinesis-put");
      route(apiId, "PUT /streams/{stream}", serviceIntegration(apiId, "Kinesis-PutRecord", null, Map.of(
          "StreamName", "$request.path.stream", "Data", "$request.body", "PartitionKey", "$request.header.x-key")));
      deploy(apiId);

      var put = served("PUT", apiId, "/streams/clicks", "{\"page\": \"/home\"}",
          Map.of("Content-Type", "application/json", "x-key", "user-1"));
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      assertThat(DataPlaneClient.json(put.body()).path("SequenceNumber").asText()).isNotBlank();

      List<Record> records = new ArrayList<>();
      for (Shard shard : client.listShards(r -> r.streamName("clicks")).shards()) {
        String iterator = client.getShardIterator(r -> r.streamName("clicks").shardId(shard.shardId())
            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        records.addAll(client.getRecords(r -> r.shardIterator(iterator)).records());
      }
      assertThat(records).singleElement().satisfies(rec -> {
        assertThat(rec.data().asUtf8String()).isEqualTo("{\"page\": \"/home\"}");
        assertThat(rec.partitionKey()).isEqualTo("user-1");
      });
    }
  }

  @Test
  void anUnreachableServiceIs502AndABadValue500() {
    String apiId = httpApi("unreachable");
    route(apiId, "POST /events", serviceIntegration(apiId, "EventBridge-PutEvents", null, Map.of(
        "Source", "shop", "DetailType", "order", "Detail", "$request.body")));
    route(apiId, "POST /delayed", serviceIntegration(apiId, "SQS-SendMessage", null, Map.of(
        "QueueUrl", sqs.endpoint() + "/000000000000/any", "MessageBody", "x", "DelaySeconds", "$request.body.delay")));
    deploy(apiId);
    var events = served("POST", apiId, "/events", "{\"id\": 1}", Map.of("Content-Type", "application/json"));
    assertThat(events.statusCode()).isEqualTo(502);
    assertThat(events.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    var delayed = gateway.dataPlane().call("POST", apiId, "/delayed", "{\"delay\": \"soon\"}",
        Map.of("Content-Type", "application/json"));
    assertThat(delayed.statusCode()).isEqualTo(500);
    assertThat(delayed.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
  }

  @Test
  void theControlPlaneChecksSubtypesAsAwsDoes() {
    var v2 = gateway.v2Client();
    String apiId = httpApi("checks");
    Map<String, String> send = Map.of("QueueUrl", "https://sqs.us-east-1.amazonaws.com/123456789012/q",
        "MessageBody", "$request.body");
    bad(() -> v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
            .integrationSubtype("SQS-SendMessage").requestParameters(Map.of("QueueUrl", "q"))),
        "Missing required request parameters [MessageBody] for integrationSubtype SQS-SendMessage");
    bad(() -> v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
            .integrationSubtype("SQS-SendMessage").requestParameters(Map.of("QueueUrl", "q", "MessageBody", "b",
                "Subject", "s"))),
        "Invalid request parameter Subject for integrationSubtype SQS-SendMessage");
    bad(() -> v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
            .integrationSubtype("SQS-SendMessage").requestParameters(Map.of("QueueUrl", "q",
                "MessageBody", "$request.cookie.x"))),
        "Invalid source: $request.cookie.x specified for destination: MessageBody");
    bad(() -> v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
            .integrationMethod("POST").integrationUri("https://example.com").integrationSubtype("SQS-SendMessage")
            .requestParameters(send)),
        "integrationSubtype is supported only for integrationType AWS_PROXY");
    bad(() -> v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
            .integrationSubtype("SQS-SendMessage").payloadFormatVersion("2.0").requestParameters(send)),
        "Invalid payloadFormatVersion: 2.0 for integrationSubtype SQS-SendMessage (expected: 1.0)");
    bad(() -> v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
            .integrationSubtype("SNS-Publish").requestParameters(send)),
        "Invalid integrationSubtype: SNS-Publish");
    bad(() -> v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
            .integrationSubtype("SQS-SendMessage").credentialsArn("arn:aws:iam::*:user/*").requestParameters(send)),
        "Invalid credentialsArn");
    String webSocket = v2.createApi(r -> r.name("ws").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    bad(() -> v2.createIntegration(r -> r.apiId(webSocket).integrationType(IntegrationType.AWS_PROXY)
            .integrationUri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                + "arn:aws:lambda:us-east-1:123456789012:function:f/invocations")
            .integrationSubtype("SQS-SendMessage").requestParameters(send)),
        "integrationSubtype is supported only for HTTP APIs");

    // Defaults as AWS's: payloadFormatVersion 1.0; an update is checked as a whole.
    String id = v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
        .integrationSubtype("SQS-SendMessage").requestParameters(send)).integrationId();
    assertThat(v2.getIntegration(r -> r.apiId(apiId).integrationId(id)).payloadFormatVersion()).isEqualTo("1.0");
    bad(() -> v2.updateIntegration(r -> r.apiId(apiId).integrationId(id).integrationSubtype("Kinesis-PutRecord")),
        "Invalid request parameter MessageBody for integrationSubtype Kinesis-PutRecord");
    bad(() -> v2.updateIntegration(r -> r.apiId(apiId).integrationId(id).integrationSubtype("Kinesis-PutRecord")
            .requestParameters(Map.of("StreamName", "s"))),
        "Missing required request parameters [Data, PartitionKey] for integrationSubtype Kinesis-PutRecord");
    v2.updateIntegration(r -> r.apiId(apiId).integrationId(id).integrationSubtype("SQS-PurgeQueue")
        .requestParameters(Map.of("QueueUrl", "$stageVariables.queue")));
    assertThat(v2.getIntegrations(r -> r.apiId(apiId)).items()).singleElement()
        .satisfies(i -> assertThat(i.integrationSubtype()).isEqualTo("SQS-PurgeQueue"));
  }

  /** A 400 BadRequestException (x-amzn-ErrorType) whose message contains {@code message}. */
  private static void bad(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(BadRequestException.class)
        .satisfies(e -> {
          ApiGatewayV2Exception v2 = (ApiGatewayV2Exception) e;
          assertThat(v2.statusCode()).isEqualTo(400);
          assertThat(v2.awsErrorDetails().errorCode()).isEqualTo("BadRequestException");
          assertThat(v2.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amzn-ErrorType"))
              .hasValueSatisfying(h -> assertThat(h).startsWith("BadRequestException"));
        })
        .hasMessageContaining(message);
  }
}
