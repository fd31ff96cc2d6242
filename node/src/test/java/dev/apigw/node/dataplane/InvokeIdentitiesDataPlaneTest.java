package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.LambdaReply;
import dev.apigw.node.testing.LambdaTestServer;
import dev.apigw.node.testing.RawHttp;
import dev.apigw.node.testing.WebSocketTestClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ApiGatewayManagementApiException;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * The data plane's own identities ({@code gateway.auth.invoke-credentials}) and their allow lists
 * ({@code gateway.auth.invoke-policy}), through a real node: REST {@code AWS_IAM} methods signed with the SDK's signer,
 * {@code @connections} called by the SDK's {@link ApiGatewayManagementApiClient}, and a WebSocket {@code $connect}
 * with {@code AWS_IAM} presigned by the SDK's signer. The management API keeps its own pair ({@code test:test}).
 */
class InvokeIdentitiesDataPlaneTest {
  private static final String PREFIX = "arn:aws:execute-api:us-east-1:000000000000:";

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode()
      .withLambdaServer(lambda -> lambda.register("echo-event",
          event -> LambdaReply.proxy(200, Map.of("Content-Type", "application/json"), event.toString())))
      .withConfig(Map.of(
          "gateway.auth.invoke-credentials", "caller:callerSecret,narrow:narrowSecret,pusher:pusherSecret",
          "gateway.auth.invoke-policy", "narrow=" + PREFIX + "*/v1/GET/pets/*," + PREFIX + "*/prod/$connect"
              + "; pusher=" + PREFIX + "*/prod/*/@connections/*"));

  /** An API whose {@code ANY /pets/{id}} needs AWS_IAM and answers with the Lambda proxy event it got. */
  private static String iamApi() {
    var client = gateway.client(); // signed with the management pair test:test, still good there
    var api = client.createRestApi(r -> r.name("iam"));
    String pets = client.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("pets")).id();
    String pet = client.createResource(r -> r.restApiId(api.id()).parentId(pets).pathPart("{id}")).id();
    client.putMethod(r -> r.restApiId(api.id()).resourceId(pet).httpMethod("ANY").authorizationType("AWS_IAM"));
    client.putIntegration(r -> r.restApiId(api.id()).resourceId(pet).httpMethod("ANY").type(IntegrationType.AWS_PROXY)
        .integrationHttpMethod("POST").uri(LambdaTestServer.integrationUri("echo-event")));
    client.createDeployment(r -> r.restApiId(api.id()).stageName("v1"));
    return api.id();
  }

  private static void assertError(HttpResponse<String> response, String errorType, String field, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(errorType);
    JsonNode body = DataPlaneClient.json(response.body());
    assertThat(body.get(field)).as(response.body()).isNotNull();
    assertThat(body.get(field).asText()).isEqualTo(message);
  }

  @Test
  void awsIamMethodsAcceptTheDataPlanesKeysWithinTheirAllowListsAndNotTheManagementPair() {
    String apiId = iamApi();
    URI uri = gateway.node().dataPlaneUri().resolve("/restapis/" + apiId + "/v1/_user_request_/pets/9");
    var allowed = DataPlaneClient.await(
        () -> RawHttp.signedAs("execute-api", "caller", "callerSecret", "POST", uri, "{}", "{}"),
        r -> r.statusCode() == 200);
    assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
    assertThat(DataPlaneClient.json(allowed.body()).get("requestContext").get("identity").get("accessKey").asText())
        .isEqualTo("caller");

    // The management pair is no data-plane identity once GATEWAY_INVOKE_CREDENTIALS is set.
    assertError(RawHttp.signedAs("execute-api", "test", "test", "GET", uri, null, null), "UnrecognizedClientException",
        "message", "The security token included in the request is invalid.");

    // narrow may GET pets in stage v1 of any API, nothing else.
    var get = RawHttp.signedAs("execute-api", "narrow", "narrowSecret", "GET", uri, null, null);
    assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
    assertError(RawHttp.signedAs("execute-api", "narrow", "narrowSecret", "POST", uri, "{}", "{}"),
        "AccessDeniedException", "Message", "User: arn:aws:iam::000000000000:user/narrow is not authorized to perform:"
            + " execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********0000:" + apiId + "/v1/POST/pets/9");
    assertError(RawHttp.signedAs("execute-api", "pusher", "pusherSecret", "GET", uri, null, null),
        "AccessDeniedException", "Message", "User: arn:aws:iam::000000000000:user/pusher is not authorized to perform:"
            + " execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********0000:" + apiId + "/v1/GET/pets/9");
  }

  /** A WebSocket API whose $connect needs AWS_IAM; $default echoes nothing (MOCK). */
  private static String iamWebSocketApi() {
    var v2 = gateway.v2Client();
    String apiId = v2.createApi(r -> r.name("iam-ws").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    var integration = v2.createIntegration(r -> r.apiId(apiId)
        .integrationType(software.amazon.awssdk.services.apigatewayv2.model.IntegrationType.MOCK)
        .requestTemplates(Map.of("$default", "{\"statusCode\": 200}")));
    v2.createRoute(r -> r.apiId(apiId).routeKey("$connect").authorizationType("AWS_IAM")
        .target("integrations/" + integration.integrationId()));
    v2.createRoute(r -> r.apiId(apiId).routeKey("$default").target("integrations/" + integration.integrationId()));
    var deployment = v2.createDeployment(r -> r.apiId(apiId));
    v2.createStage(r -> r.apiId(apiId).stageName("prod").deploymentId(deployment.deploymentId()));
    return apiId;
  }

  /** {@code ?X-Amz-...} presigning the handshake {@code GET /prod} on the API's host with the given key pair. */
  private static String presignedConnect(String apiId, String keyId, String secret) {
    int port = gateway.node().dataPlaneUri().getPort();
    var request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
        .uri(URI.create("http://" + apiId + ".execute-api.localhost:" + port + "/prod")).build();
    var signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsBasicCredentials.create(keyId, secret))
        .request(request)
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5)));
    return "?" + signed.request().encodedQueryParameters().orElseThrow();
  }

  private static ApiGatewayManagementApiClient connections(String keyId, String secret) {
    return ApiGatewayManagementApiClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + gateway.node().dataPlanePort() + "/prod"))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
        .httpClient(ApacheHttpClient.create())
        .build();
  }

  @Test
  void connectAndConnectionsAcceptTheDataPlanesKeysWithinTheirAllowLists() throws Exception {
    String apiId = iamWebSocketApi();
    URI dataPlane = gateway.node().dataPlaneUri();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    WebSocketTestClient socket = null;
    while (socket == null) {
      try {
        socket = WebSocketTestClient.connect(dataPlane, apiId, "prod", presignedConnect(apiId, "narrow", "narrowSecret"));
      } catch (RuntimeException notYetServed) {
        if (System.nanoTime() > deadline) {
          throw notYetServed;
        }
        Thread.sleep(100);
      }
    }
    try (var connected = socket; var pusher = connections("pusher", "pusherSecret");
        var management = connections("test", "test")) {
      // $connect: the management pair is unknown here, and pusher's list names no $connect.
      assertThatThrownBy(() -> WebSocketTestClient.connect(dataPlane, apiId, "prod",
          presignedConnect(apiId, "test", "test"))).satisfies(e -> {
            assertThat(WebSocketTestClient.handshakeStatus(e)).isEqualTo(403);
            assertThat(WebSocketTestClient.handshakeErrorType(e)).isEqualTo("UnrecognizedClientException");
          });
      assertThatThrownBy(() -> WebSocketTestClient.connect(dataPlane, apiId, "prod",
          presignedConnect(apiId, "pusher", "pusherSecret"))).satisfies(e -> {
            assertThat(WebSocketTestClient.handshakeStatus(e)).isEqualTo(403);
            assertThat(WebSocketTestClient.handshakeErrorType(e)).isEqualTo("AccessDeniedException");
          });

      // @connections: pusher may manage connections of stage prod of any API; narrow may not, test is unknown.
      var wrongId = "bm9zdWNoY29ubg=";
      assertThatThrownBy(() -> pusher.getConnection(r -> r.connectionId(wrongId)))
          .isInstanceOfSatisfying(ApiGatewayManagementApiException.class, e -> assertThat(e.statusCode()).isEqualTo(410));
      try (var narrow = connections("narrow", "narrowSecret")) {
        assertThatThrownBy(() -> narrow.postToConnection(r -> r.connectionId(wrongId)
            .data(SdkBytes.fromUtf8String("hi")))).isInstanceOfSatisfying(ApiGatewayManagementApiException.class, e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
              assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::000000000000:user/narrow is"
                  + " not authorized to perform: execute-api:ManageConnections on resource:"
                  + " arn:aws:execute-api:us-east-1:********0000:*/prod/POST/@connections/" + wrongId);
            });
      }
      assertThatThrownBy(() -> management.getConnection(r -> r.connectionId(wrongId)))
          .isInstanceOfSatisfying(ApiGatewayManagementApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
          });
    }
  }
}
