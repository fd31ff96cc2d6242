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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The JSON-protocol path of {@code AWS} integrations ({@code POST /}, {@code X-Amz-Target}, {@code
 * application/x-amz-json-1.1}) end to end against Kinesalite, a real Kinesis-compatible server: AWS's documented
 * "REST API as an Amazon Kinesis proxy" example imported from its OpenAPI definition, with only endpoint settings
 * changed, its role assumed through a test STS. What arrived is read back with the real SDK Kinesis client.
 *
 * <p>Kinesalite runs on Node.js from {@code node/src/test/npm} (installed by {@code .ci/run}); where either is
 * missing, the tests say so and are skipped.
 */
class AwsJsonProtocolDataPlaneTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/apigAwsProxyRole";

  private static final AwsTestServers.Kinesis kinesis = AwsTestServers.Kinesis.startIfInstalled();
  private static final ActorSystem<Void> stsSystem = ActorSystem.create(Behaviors.empty(), "sts",
      ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.defaultReference()));
  private static final StsTestServer sts = new StsTestServer(stsSystem, Map.of("test", "test"),
      List.of("ASIAKINESISROLE", "kinesis-role-secret", "kinesis-role-token"), Duration.ofHours(1));

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode().withConfig(Map.of(
      "gateway.aws.access-key-id", "test",
      "gateway.aws.secret-access-key", "test",
      "gateway.aws.endpoints.kinesis", kinesis != null ? kinesis.endpoint().toString()
          : "http://127.0.0.1:" + GatewayProcess.freePort(),
      "gateway.aws.endpoints.sts", sts.endpoint().toString()));

  @BeforeEach
  void kinesaliteRuns() {
    assumeTrue(kinesis != null, () -> "Kinesalite cannot run, skipped: " + AwsTestServers.Kinesis.missing());
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (kinesis != null) {
      kinesis.close();
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
    String definition = kinesisProxyDefinition();
    var imported = gateway.client().importRestApi(r -> r.body(SdkBytes.fromUtf8String(definition)));
    gateway.client().createDeployment(r -> r.restApiId(imported.id()).stageName("test"));
    // The example maps every integration status to its default 200 response: Kinesis's 400 error body is returned.
    var put = served(() -> gateway.dataPlane().call("PUT", imported.id(), "/test/streams/no-such-stream/record",
        "{\"Data\": \"x\", \"PartitionKey\": \"k\"}", Map.of("Content-Type", "application/json")));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(put.body()).contains("ResourceNotFoundException");
  }
}
