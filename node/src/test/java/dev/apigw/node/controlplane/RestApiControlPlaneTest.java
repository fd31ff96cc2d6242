package dev.apigw.node.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.RawHttp;
import dev.apigw.node.testing.TestNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.GetRestApisResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.RestApi;

/** The REST API part of the management API, driven by the real AWS SDK against a real node on real Cassandra. */
@ExtendWith(CassandraExtension.class)
class RestApiControlPlaneTest {
  private static TestNode node;
  private static ApiGatewayClient client;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    client = node.client();
  }

  @AfterAll
  static void stop() {
    client.close();
    node.close();
  }

  @Test
  void createsGetsListsAndDeletesWithTheSdk() {
    Instant before = Instant.now().minusSeconds(1);
    CreateRestApiResponse created =
        client.createRestApi(
            r -> r.name("pets").description("pet store").version("v1")
                .binaryMediaTypes("image/png")
                .endpointConfiguration(e -> e.types(EndpointType.REGIONAL))
                .tags(Map.of("team", "core")));
    assertThat(created.id()).matches("[a-z0-9]{10}");
    assertThat(created.rootResourceId()).matches("[a-z0-9]{10}");
    assertThat(created.name()).isEqualTo("pets");
    assertThat(created.description()).isEqualTo("pet store");
    assertThat(created.binaryMediaTypes()).containsExactly("image/png");
    assertThat(created.endpointConfiguration().types()).containsExactly(EndpointType.REGIONAL);
    assertThat(created.apiKeySourceAsString()).isEqualTo("HEADER");
    assertThat(created.tags()).containsEntry("team", "core");
    assertThat(created.createdDate()).isBetween(before, Instant.now().plusSeconds(1));

    var fetched = client.getRestApi(r -> r.restApiId(created.id()));
    assertThat(fetched.name()).isEqualTo("pets");
    assertThat(fetched.createdDate()).isEqualTo(created.createdDate());

    assertThat(allApis().stream().map(RestApi::id)).contains(created.id());

    client.deleteRestApi(r -> r.restApiId(created.id()));
    assertThatThrownBy(() -> client.getRestApi(r -> r.restApiId(created.id())))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Invalid API identifier specified 000000000000:" + created.id());
    assertThat(allApis().stream().map(RestApi::id)).doesNotContain(created.id());
    assertThatThrownBy(() -> client.deleteRestApi(r -> r.restApiId(created.id())))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void pagesWithLimitAndPosition() {
    List<String> ids =
        List.of("page-a", "page-b", "page-c").stream().map(n -> client.createRestApi(r -> r.name(n)).id()).toList();
    List<String> seen = new java.util.ArrayList<>();
    String position = null;
    int pages = 0;
    do {
      String from = position;
      GetRestApisResponse page = client.getRestApis(r -> r.limit(2).position(from));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      page.items().forEach(api -> seen.add(api.id()));
      position = page.position();
      pages++;
    } while (position != null && pages < 1000);
    assertThat(seen).containsSubsequence(ids).doesNotHaveDuplicates();

    assertThatThrownBy(() -> client.getRestApis(r -> r.limit(501)))
        .isInstanceOfSatisfying(ApiGatewayException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
  }

  @Test
  void unknownApiIsNotFound() {
    assertThatThrownBy(() -> client.getRestApi(r -> r.restApiId("zzzzzzzzzz")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Invalid API identifier specified 000000000000:zzzzzzzzzz");
    assertThatThrownBy(() -> client.getRestApi(r -> r.restApiId("not-an-id!")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void badBodiesGetBadRequestAndTheNodeKeepsServing() {
    URI restapis = node.managementUri().resolve("/restapis");
    assertError(RawHttp.signed("POST", restapis, "{\"name\": "), 400, "BadRequestException", "Could not parse request body into json");
    assertError(RawHttp.signed("POST", restapis, "{}"), 400, "BadRequestException", "Invalid REST API name specified");
    assertError(RawHttp.signed("POST", restapis, "[1,2]"), 400, "BadRequestException", "expected a JSON object");
    assertError(RawHttp.signed("POST", restapis, "{\"name\":\"x\",\"apiKeySource\":\"NOPE\"}"), 400, "ValidationException", "'createRestApiInput.apiKeySource'");
    assertError(RawHttp.signed("POST", restapis, "{\"name\":\"x\",\"minimumCompressionSize\":-1}"), 400, "BadRequestException", "compression");
    assertError(RawHttp.signed("POST", restapis, "{\"name\":\"x\",\"endpointConfiguration\":{\"types\":[\"EDGE\",\"REGIONAL\"]}}"), 400, "BadRequestException", "multiple Endpoint Types");
    assertError(RawHttp.signed("POST", restapis, "{\"name\":42}"), 400, "BadRequestException", "name");
    String huge = "{\"name\":\"big\",\"description\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}";
    assertError(RawHttp.signed("POST", restapis, huge), 413, "PayloadTooLargeException", "larger than the limit of 10485760 bytes");
    assertError(RawHttp.signed("GET", node.managementUri().resolve("/nothing-here"), null), 404, "UnknownOperationException", "No operation matches");

    assertThat(client.createRestApi(r -> r.name("still-serving")).name()).isEqualTo("still-serving");
  }

  @Test
  void signaturesForAnotherRegionOrOlderThanAwsFiveMinutesAreRefused() {
    var restapis = node.managementUri().resolve("/restapis");
    assertError(RawHttp.signedAs("apigateway", "eu-west-1", Instant.now(), "test", "test", "GET", restapis, null, null),
        403, "InvalidSignatureException", "Credential should be scoped to a valid region, not 'eu-west-1'. ");
    var old = RawHttp.signedAs("apigateway", "us-east-1", Instant.now().minus(Duration.ofMinutes(6)), "test", "test",
        "GET", restapis, null, null);
    assertError(old, 403, "InvalidSignatureException", "Signature expired: ");
    assertThat(old.body()).endsWith(" - 5 min.)\"}");
    var recent = RawHttp.signedAs("apigateway", "us-east-1", Instant.now().minus(Duration.ofMinutes(4)), "test", "test",
        "GET", restapis, null, null);
    assertThat(recent.statusCode()).as(recent.body()).isEqualTo(200);
  }

  @Test
  void unsignedAndBadlySignedCallsAreRefused() {
    var unsigned = RawHttp.unsigned("GET", node.managementUri().resolve("/restapis"), null);
    assertError(unsigned, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    var unsignedWrite = RawHttp.unsigned("POST", node.managementUri().resolve("/restapis"), "{\"name\":\"sneaky\"}");
    assertThat(unsignedWrite.statusCode()).isEqualTo(403);

    try (var wrongSecret = node.client("test", "not-the-secret")) {
      assertThatThrownBy(() -> wrongSecret.getRestApis())
          .isInstanceOfSatisfying(
              ApiGatewayException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
              });
    }
    try (var unknownKey = node.client("AKIAUNKNOWN", "whatever")) {
      assertThatThrownBy(() -> unknownKey.createRestApi(r -> r.name("sneaky")))
          .isInstanceOfSatisfying(
              ApiGatewayException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
              });
    }
    assertThat(allApis().stream().map(RestApi::name)).doesNotContain("sneaky");
  }

  @Test
  void everyResponseCarriesARequestId() {
    var ok = RawHttp.signed("GET", node.managementUri().resolve("/restapis"), null);
    var refused = RawHttp.unsigned("GET", node.managementUri().resolve("/restapis"), null);
    assertThat(ok.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(refused.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(ok.headers().firstValue("x-amzn-RequestId")).isNotEqualTo(refused.headers().firstValue("x-amzn-RequestId"));
  }

  @Test
  void dataPlaneAnswersAwsErrorForRequestsNoStageServes() {
    var response = RawHttp.unsigned("GET", node.dataPlaneUri().resolve("/prod/pets"), null);
    assertError(response, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
  }

  private static List<RestApi> allApis() {
    return client.getRestApisPaginator(r -> r.limit(500)).items().stream().toList();
  }

  static void assertError(java.net.http.HttpResponse<String> response, int status, String type, String messagePart) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
    assertThat(response.body()).startsWith("{\"message\":").contains(messagePart);
  }

}
