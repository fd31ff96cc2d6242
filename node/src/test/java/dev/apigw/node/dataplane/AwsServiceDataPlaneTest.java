package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.apigw.node.testing.AwsTestServers;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.GatewayProcess;
import dev.apigw.node.testing.StsTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code AWS} service integrations end to end against real AWS-compatible servers run by the test: ElasticMQ (SQS,
 * query protocol) and S3Proxy (S3, which checks every SigV4 signature), with the S3 API's role assumed through a
 * SigV4-checking STS whose session key pair is the only one S3Proxy accepts.
 */
class AwsServiceDataPlaneTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/apigw-s3-proxy";
  private static final List<String> SESSION = List.of("ASIAROLESESSION", "role-secret", "role-session-token");

  private static final ActorSystem<Void> stsSystem = ActorSystem.create(Behaviors.empty(), "sts",
      ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.defaultReference()));
  private static final StsTestServer sts = new StsTestServer(stsSystem, Map.of("test", "test"), SESSION, Duration.ofHours(1));
  private static final AwsTestServers.Sqs sqs = new AwsTestServers.Sqs();
  private static final AwsTestServers.S3 s3 = new AwsTestServers.S3(SESSION.get(0), SESSION.get(1));
  private static final int closedPort = GatewayProcess.freePort();

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode().withConfig(Map.of(
      "gateway.aws.access-key-id", "test",
      "gateway.aws.secret-access-key", "test",
      "gateway.aws.endpoints.sqs", sqs.endpoint().toString(),
      "gateway.aws.endpoints.s3", s3.endpoint().toString(),
      "gateway.aws.endpoints.sts", sts.endpoint().toString(),
      "gateway.aws.endpoints.sns", "http://127.0.0.1:" + closedPort));

  @AfterAll
  static void stopServers() throws Exception {
    s3.close();
    sqs.close();
    sts.close();
    stsSystem.terminate();
  }

  private static SqsClient sqsClient() {
    return SqsClient.builder().endpointOverride(sqs.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
  }

  private static HttpResponse<String> served(Supplier<HttpResponse<String>> call) {
    return DataPlaneClient.await(call, r -> r.statusCode() != 404 && r.statusCode() != 403);
  }

  @Test
  void sqsSendMessageWithAMappingTemplateReallyQueuesTheMessage() {
    try (SqsClient client = sqsClient()) {
      String queueUrl = client.createQueue(r -> r.queueName("orders")).queueUrl();
      // AWS's documented SQS example: path-style uri {account}/{queue}, form Content-Type, the template builds the body.
      var api = gateway.client().createRestApi(r -> r.name("sqs-proxy"));
      String orders = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId())
          .pathPart("orders")).id();
      gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST").authorizationType("NONE"));
      gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST").statusCode("200"));
      gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST")
          .type(IntegrationType.AWS).integrationHttpMethod("POST")
          .uri("arn:aws:apigateway:us-east-1:sqs:path" + URI.create(queueUrl).getPath())
          .requestParameters(Map.of("integration.request.header.Content-Type", "'application/x-www-form-urlencoded'"))
          .requestTemplates(Map.of("application/json", "Action=SendMessage&MessageBody=$util.urlEncode($input.body)")));
      gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST")
          .statusCode("200").responseTemplates(Map.of("application/json", "{\"queued\": true}")));
      gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST").statusCode("400"));
      gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST")
          .statusCode("400").selectionPattern("4\\d{2}"));
      // Action style: Action and Version added by the gateway, the queue and body mapped into the query string.
      String byAction = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId())
          .pathPart("by-action")).id();
      gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(byAction).httpMethod("GET").authorizationType("NONE")
          .requestParameters(Map.of("method.request.querystring.text", true)));
      gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(byAction).httpMethod("GET").statusCode("200"));
      gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(byAction).httpMethod("GET")
          .type(IntegrationType.AWS).integrationHttpMethod("GET")
          .uri("arn:aws:apigateway:us-east-1:sqs:action/SendMessage")
          .requestParameters(Map.of("integration.request.querystring.QueueUrl", "'" + queueUrl + "'",
              "integration.request.querystring.MessageBody", "method.request.querystring.text")));
      gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(byAction).httpMethod("GET")
          .statusCode("200"));
      gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("v1"));

      var sent = served(() -> gateway.dataPlane().call("POST", api.id(), "/v1/orders", "{\"order\": 42, \"note\": \"a&b=c\"}",
          Map.of("Content-Type", "application/json")));
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
      assertThat(sent.body()).isEqualTo("{\"queued\": true}");
      var viaAction = gateway.dataPlane().call("GET", api.id(), "/v1/by-action?text=hello%20there", null, Map.of());
      assertThat(viaAction.statusCode()).as(viaAction.body()).isEqualTo(200);
      assertThat(viaAction.body()).contains("SendMessageResponse").contains("MessageId");

      // SQS may hand out fewer messages than are queued per receive: receive until both arrived (or 10 tries).
      List<Message> messages = new java.util.ArrayList<>();
      for (int i = 0; i < 10 && messages.size() < 2; i++) {
        messages.addAll(client.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
            .messages());
      }
      assertThat(messages).extracting(Message::body)
          .containsExactlyInAnyOrder("{\"order\": 42, \"note\": \"a&b=c\"}", "hello there");
    }
  }

  private static String s3ProxyApi(String name, String role) {
    // AWS's documented S3 proxy: /{folder}/{item} -> path/{bucket}/{object}, binary bodies, a role to call S3 with.
    var api = gateway.client().createRestApi(r -> r.name(name).binaryMediaTypes("application/octet-stream", "image/png"));
    String folder = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId())
        .pathPart("{folder}")).id();
    String item = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(folder).pathPart("{item}")).id();
    for (String verb : List.of("GET", "PUT")) {
      gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(item).httpMethod(verb).authorizationType("NONE")
          .requestParameters(Map.of("method.request.path.folder", true, "method.request.path.item", true,
              "method.request.header.Content-Type", false)));
      gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(item).httpMethod(verb).statusCode("200")
          .responseParameters(Map.of("method.response.header.Content-Type", false)));
      gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(item).httpMethod(verb).statusCode("400"));
      gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(item).httpMethod(verb)
          .type(IntegrationType.AWS).integrationHttpMethod(verb).credentials(role)
          .uri("arn:aws:apigateway:us-east-1:s3:path/{bucket}/{object}")
          .requestParameters(Map.of("integration.request.path.bucket", "method.request.path.folder",
              "integration.request.path.object", "method.request.path.item",
              "integration.request.header.Content-Type", "method.request.header.Content-Type")));
      gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(item).httpMethod(verb)
          .statusCode("200").responseParameters(Map.of("method.response.header.Content-Type",
              "integration.response.header.Content-Type")));
      gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(item).httpMethod(verb)
          .statusCode("400").selectionPattern("4\\d{2}"));
    }
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("v1"));
    return api.id();
  }

  @Test
  void s3ProxyPutsAndGetsBinaryObjectsWithTheAssumedRolesSessionCredentials() throws Exception {
    s3.createBucket("photos");
    String apiId = s3ProxyApi("s3-proxy", ROLE);
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff, (byte) 0xfe, '\r', '\n'};
    HttpClient http = HttpClient.newHttpClient();
    URI objectUri = gateway.node().dataPlaneUri().resolve("/v1/photos/cat%20one.png");
    HttpResponse<String> put = DataPlaneClient.await(() -> send(http, HttpRequest.newBuilder(objectUri)
        .header("Host", apiId + ".execute-api.localhost").header("Content-Type", "image/png")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(png)).build()), r -> r.statusCode() != 404 && r.statusCode() != 403);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    assertThat(s3.object("photos", "cat one.png")).as("the object really arrived in S3Proxy's store").isEqualTo(png);

    var get = http.send(HttpRequest.newBuilder(objectUri).header("Host", apiId + ".execute-api.localhost")
        .header("Accept", "image/png").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(png);
    assertThat(get.headers().firstValue("Content-Type")).hasValue("image/png");

    var missing = http.send(HttpRequest.newBuilder(gateway.node().dataPlaneUri().resolve("/v1/photos/nothing.png"))
        .header("Host", apiId + ".execute-api.localhost").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(missing.statusCode()).as("S3's 404 selects the 4\\d{2} integration response").isEqualTo(400);
    // One AssumeRole for all of these: the session is cached until shortly before it expires.
    assertThat(sts.assumedRoles()).containsExactly(ROLE);
  }

  @Test
  void withoutTheRoleS3RefusesTheGatewaysOwnIdentity() throws Exception {
    s3.createBucket("private");
    String apiId = s3ProxyApi("s3-no-role", null);
    var refused = served(() -> gateway.dataPlane().call("GET", apiId, "/v1/private/x.txt", null, Map.of()));
    // S3Proxy accepts only the role's session key pair: the gateway's test/test gets 403 (-> the 4XX response).
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
  }

  @Test
  void anUnreachableServiceAnswers502AndAnUnknownRoleAccount500() {
    var api = gateway.client().createRestApi(r -> r.name("sns-down"));
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("POST")
        .authorizationType("NONE"));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("POST")
        .type(IntegrationType.AWS).integrationHttpMethod("POST").uri("arn:aws:apigateway:us-east-1:sns:action/Publish"));
    String bad = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId())
        .pathPart("bad-role")).id();
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(bad).httpMethod("POST").authorizationType("NONE"));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(bad).httpMethod("POST")
        .type(IntegrationType.AWS).integrationHttpMethod("POST").credentials("arn:aws:iam::*:user/*")
        .uri("arn:aws:apigateway:us-east-1:sqs:action/SendMessage"));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("v1"));

    var down = served(() -> gateway.dataPlane().call("POST", api.id(), "/v1", "{}", Map.of("Content-Type", "application/json")));
    assertThat(down.statusCode()).as(down.body()).isEqualTo(502);
    assertThat(DataPlaneClient.json(down.body()).get("message").asText()).isEqualTo("Internal server error");
    var callerIdentity = gateway.dataPlane().call("POST", api.id(), "/v1/bad-role", "{}", Map.of("Content-Type", "application/json"));
    assertThat(callerIdentity.statusCode()).isEqualTo(500);
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
