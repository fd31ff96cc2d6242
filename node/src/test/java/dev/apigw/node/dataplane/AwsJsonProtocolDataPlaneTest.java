package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import dev.apigw.node.testing.AwsTestServers;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.GatewayProcess;
import dev.apigw.node.testing.StsTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The JSON-protocol path of {@code AWS} integrations ({@code POST /}, {@code X-Amz-Target}, {@code
 * application/x-amz-json-1.x}) end to end against real open-source servers: Kinesalite (Kinesis) with AWS's documented
 * "REST API as an Amazon Kinesis proxy" example imported from its OpenAPI definition, with only endpoint settings
 * changed and its role assumed through a test STS; Dynalite (DynamoDB) with AWS's documented comments API ({@code
 * PutItem} and a {@code Query} on an index, with their mapping templates). What arrived is read back with the real
 * SDK clients.
 *
 * <p>Both run on Node.js from {@code node/src/test/npm} (installed by {@code .ci/run}); where Node.js or a package is
 * missing, its tests say so and are skipped.
 */
class AwsJsonProtocolDataPlaneTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/apigAwsProxyRole";

  private static final AwsTestServers.NodeServer kinesis = AwsTestServers.NodeServer.kinesaliteIfInstalled();
  private static final ActorSystem<Void> stsSystem = ActorSystem.create(Behaviors.empty(), "sts",
      ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.defaultReference()));
  private static final StsTestServer sts = new StsTestServer(stsSystem, Map.of("test", "test"),
      List.of("ASIAKINESISROLE", "kinesis-role-secret", "kinesis-role-token"), Duration.ofHours(1));

  private static final AwsTestServers.NodeServer dynamodb = AwsTestServers.NodeServer.dynaliteIfInstalled();

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode().withConfig(Map.of(
      "gateway.aws.access-key-id", "test",
      "gateway.aws.secret-access-key", "test",
      "gateway.aws.endpoints.kinesis", kinesis != null ? kinesis.endpoint().toString()
          : "http://127.0.0.1:" + GatewayProcess.freePort(),
      "gateway.aws.endpoints.dynamodb", dynamodb != null ? dynamodb.endpoint().toString()
          : "http://127.0.0.1:" + GatewayProcess.freePort(),
      "gateway.aws.endpoints.sts", sts.endpoint().toString()));

  private static void kinesaliteRuns() {
    assumeTrue(kinesis != null, () -> "Kinesalite cannot run, skipped: " + AwsTestServers.NodeServer.missing("kinesalite"));
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (kinesis != null) {
      kinesis.close();
    }
    if (dynamodb != null) {
      dynamodb.close();
    }
    sts.close();
    stsSystem.terminate();
  }

  private static KinesisClient kinesisClient() {
    return KinesisClient.builder().endpointOverride(kinesis.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
  }

  private static String kinesisProxyDefinition() throws IOException {
    try (InputStream in = AwsJsonProtocolDataPlaneTest.class.getResourceAsStream("/openapi/kinesis-proxy.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static HttpResponse<String> served(Supplier<HttpResponse<String>> call) {
    return DataPlaneClient.await(call, r -> r.statusCode() != 404 && r.statusCode() != 403);
  }

  @Test
  void theKinesisProxyExampleCreatesListsWritesAndReadsAStream() throws Exception {
    kinesaliteRuns();
    String definition = kinesisProxyDefinition();
    var imported = gateway.client().importRestApi(r -> r.body(SdkBytes.fromUtf8String(definition)));
    assertThat(imported.warnings()).as("kinesis has an endpoint configured").isNullOrEmpty();
    String apiId = imported.id();
    gateway.client().createDeployment(r -> r.restApiId(apiId).stageName("test"));

    // POST /streams/{stream-name} -> CreateStream (the example's template asks for 5 shards).
    var created = served(() -> gateway.dataPlane().call("POST", apiId, "/test/streams/orders", "{}",
        Map.of("Content-Type", "application/json")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

    // GET /streams -> ListStreams: Kinesis's own JSON answer passes through.
    var listed = gateway.dataPlane().call("GET", apiId, "/test/streams", null, Map.of());
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    assertThat(DataPlaneClient.json(listed.body()).get("StreamNames").toString()).isEqualTo("[\"orders\"]");

    // GET /streams/{stream-name} -> DescribeStream (the example sets no Content-Type: the protocol's is used).
    var described = gateway.dataPlane().call("GET", apiId, "/test/streams/orders", null, Map.of());
    assertThat(described.statusCode()).as(described.body()).isEqualTo(200);
    assertThat(DataPlaneClient.json(described.body()).at("/StreamDescription/Shards").size()).isEqualTo(5);

    // PUT /streams/{stream-name}/record -> PutRecord, the body mapped by the example's template.
    var put = gateway.dataPlane().call("PUT", apiId, "/test/streams/orders/record",
        "{\"Data\": \"some data\", \"PartitionKey\": \"some key\"}", Map.of("Content-Type", "application/json"));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    JsonNode putRecord = DataPlaneClient.json(put.body());
    String shardId = putRecord.get("ShardId").asText();
    assertThat(putRecord.get("SequenceNumber").asText()).isNotBlank();

    // What really arrived, read with the SDK: $input.json('$.Data') is JSON, so the record holds "some data" quoted.
    List<Record> records = new ArrayList<>();
    try (KinesisClient client = kinesisClient()) {
      for (Shard shard : client.listShards(r -> r.streamName("orders")).shards()) {
        String iterator = client.getShardIterator(r -> r.streamName("orders").shardId(shard.shardId())
            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        records.addAll(client.getRecords(r -> r.shardIterator(iterator)).records());
      }
    }
    assertThat(records).hasSize(1);
    assertThat(records.get(0).data().asUtf8String()).isEqualTo("\"some data\"");
    assertThat(records.get(0).partitionKey()).isEqualTo("some key");

    // And through the API again: GET .../sharditerator -> GetShardIterator, GET .../records -> GetRecords.
    var iterator = gateway.dataPlane().call("GET", apiId, "/test/streams/orders/sharditerator?shard-id=" + shardId,
        null, Map.of());
    assertThat(iterator.statusCode()).as(iterator.body()).isEqualTo(200);
    var read = gateway.dataPlane().call("GET", apiId, "/test/streams/orders/records", null,
        Map.of("Shard-Iterator", DataPlaneClient.json(iterator.body()).get("ShardIterator").asText()));
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    JsonNode got = DataPlaneClient.json(read.body()).get("Records");
    assertThat(got.size()).isEqualTo(1);
    assertThat(new String(Base64.getDecoder().decode(got.get(0).get("Data").asText()), StandardCharsets.UTF_8))
        .isEqualTo("\"some data\"");

    // The example's role was assumed once, through STS, for all of these.
    assertThat(sts.assumedRoles()).containsExactly(ROLE);
  }

  @Test
  void aKinesisErrorGoesThroughTheExamplesOnlyDefaultResponseAsAwsDoes() throws Exception {
    kinesaliteRuns();
    String definition = kinesisProxyDefinition();
    var imported = gateway.client().importRestApi(r -> r.body(SdkBytes.fromUtf8String(definition)));
    gateway.client().createDeployment(r -> r.restApiId(imported.id()).stageName("test"));
    // The example maps every integration status to its default 200 response: Kinesis's 400 error body is returned.
    var put = served(() -> gateway.dataPlane().call("PUT", imported.id(), "/test/streams/no-such-stream/record",
        "{\"Data\": \"x\", \"PartitionKey\": \"k\"}", Map.of("Content-Type", "application/json")));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(put.body()).contains("ResourceNotFoundException");
  }

  @Test
  void theDynamoDbCommentsExamplePutsAndQueriesItems() {
    assumeTrue(dynamodb != null, () -> "Dynalite cannot run, skipped: " + AwsTestServers.NodeServer.missing("dynalite"));
    try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynamodb.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
      client.createTable(r -> r.tableName("Comments").billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(AttributeDefinition.builder().attributeName("commentId").attributeType("S").build(),
              AttributeDefinition.builder().attributeName("pageId").attributeType("S").build())
          .keySchema(KeySchemaElement.builder().attributeName("commentId").keyType(KeyType.HASH).build())
          .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("pageId-index")
              .keySchema(KeySchemaElement.builder().attributeName("pageId").keyType(KeyType.HASH).build())
              .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));

      // AWS's example: POST /comments -> PutItem (the comment id is the request id), GET /comments/{pageId} -> Query.
      var api = gateway.client().createRestApi(r -> r.name("comments"));
      String comments = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId())
          .pathPart("comments")).id();
      String page = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(comments).pathPart("{pageId}")).id();
      gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(comments).httpMethod("POST").authorizationType("NONE"));
      gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(comments).httpMethod("POST").statusCode("200"));
      gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(comments).httpMethod("POST")
          .type(IntegrationType.AWS).integrationHttpMethod("POST").uri("arn:aws:apigateway:us-east-1:dynamodb:action/PutItem")
          .requestTemplates(Map.of("application/json", """
              {
                "TableName": "Comments",
                "Item": {
                  "commentId": {"S": "$context.requestId"},
                  "pageId": {"S": "$input.path('$.pageId')"},
                  "userName": {"S": "$input.path('$.userName')"},
                  "message": {"S": "$input.path('$.message')"}
                }
              }""")));
      gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(comments).httpMethod("POST")
          .statusCode("200"));
      gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(page).httpMethod("GET").authorizationType("NONE"));
      gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(page).httpMethod("GET").statusCode("200"));
      gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(page).httpMethod("GET")
          .type(IntegrationType.AWS).integrationHttpMethod("POST").uri("arn:aws:apigateway:us-east-1:dynamodb:action/Query")
          .requestTemplates(Map.of("application/json", """
              {
                "TableName": "Comments",
                "IndexName": "pageId-index",
                "KeyConditionExpression": "pageId = :v1",
                "ExpressionAttributeValues": {":v1": {"S": "$input.params('pageId')"}}
              }""")));
      gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(page).httpMethod("GET")
          .statusCode("200").responseTemplates(Map.of("application/json", """
              #set($inputRoot = $input.path('$'))
              {"comments": [#foreach($elem in $inputRoot.Items){"userName": "$elem.userName.S", \
              "message": "$elem.message.S"}#if($foreach.hasNext),#end#end]}""")));
      gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("v1"));

      var put = served(() -> gateway.dataPlane().call("POST", api.id(), "/v1/comments",
          "{\"pageId\": \"home\", \"userName\": \"ada\", \"message\": \"first!\"}",
          Map.of("Content-Type", "application/json")));
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      String requestId = put.headers().firstValue("x-amzn-RequestId").orElseThrow();

      // What really arrived, read with the SDK: the item keyed by the request id.
      Map<String, AttributeValue> item = client.getItem(r -> r.tableName("Comments")
          .key(Map.of("commentId", AttributeValue.fromS(requestId)))).item();
      assertThat(item).containsEntry("pageId", AttributeValue.fromS("home"))
          .containsEntry("userName", AttributeValue.fromS("ada")).containsEntry("message", AttributeValue.fromS("first!"));

      var query = gateway.dataPlane().call("GET", api.id(), "/v1/comments/home", null, Map.of());
      assertThat(query.statusCode()).as(query.body()).isEqualTo(200);
      assertThat(DataPlaneClient.json(query.body()).toString())
          .isEqualTo("{\"comments\":[{\"userName\":\"ada\",\"message\":\"first!\"}]}");
    }
  }
}
