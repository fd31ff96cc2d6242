package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.RawHttp;
import dev.apigw.node.testing.TestBackend;
import dev.apigw.node.testing.TestNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * Path parameters never take a backend request out of its integration URI's path, and never put raw control
 * characters into a backend header: requests written byte for byte on a socket (no client normalises them) to a
 * real node, integrations to a real backend that records every request target it receives.
 */
@ExtendWith(CassandraExtension.class)
class PathTraversalTest {
  private static TestNode node;
  private static ApiGatewayClient client;
  private static TestBackend backend;
  private static String apiId;
  private static String host;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    client = node.client();
    backend = TestBackend.start();
    var api = client.createRestApi(r -> r.name("traversal"));
    apiId = api.id();
    host = apiId + ".execute-api.localhost:" + node.dataPlanePort();
    // ANY /public/{proxy+} -> HTTP_PROXY http://backend/public/{proxy}
    String publicPath = client.createResource(r -> r.restApiId(apiId).parentId(api.rootResourceId()).pathPart("public")).id();
    String proxy = client.createResource(r -> r.restApiId(apiId).parentId(publicPath).pathPart("{proxy+}")).id();
    client.putMethod(r -> r.restApiId(apiId).resourceId(proxy).httpMethod("ANY").authorizationType("NONE")
        .requestParameters(Map.of("method.request.path.proxy", true)));
    client.putIntegration(r -> r.restApiId(apiId).resourceId(proxy).httpMethod("ANY").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("ANY").uri(backend.url("/public/{proxy}"))
        .requestParameters(Map.of("integration.request.path.proxy", "method.request.path.proxy")));
    // GET /items/{id} -> HTTP http://backend/items/{id}/detail, the id also in a header
    String items = client.createResource(r -> r.restApiId(apiId).parentId(api.rootResourceId()).pathPart("items")).id();
    String id = client.createResource(r -> r.restApiId(apiId).parentId(items).pathPart("{id}")).id();
    client.putMethod(r -> r.restApiId(apiId).resourceId(id).httpMethod("GET").authorizationType("NONE")
        .requestParameters(Map.of("method.request.path.id", true)));
    client.putMethodResponse(r -> r.restApiId(apiId).resourceId(id).httpMethod("GET").statusCode("200"));
    client.putIntegration(r -> r.restApiId(apiId).resourceId(id).httpMethod("GET").type(IntegrationType.HTTP)
        .integrationHttpMethod("GET").uri(backend.url("/items/{id}/detail"))
        .requestParameters(Map.of("integration.request.path.id", "method.request.path.id",
            "integration.request.header.X-Item", "method.request.path.id")));
    client.putIntegrationResponse(r -> r.restApiId(apiId).resourceId(id).httpMethod("GET").statusCode("200")
        .responseTemplates(Map.of("application/json", "$input.body")));
    client.createDeployment(r -> r.restApiId(apiId).stageName("prod"));
    DataPlaneClient.await(() -> new DataPlaneClient(node.dataPlaneUri()).call("GET", apiId, "/prod/public/ready", null,
        Map.of()), r -> r.statusCode() == 200);
  }

  @AfterAll
  static void stop() {
    client.close();
    backend.close();
    node.close();
  }

  /** The targets the backend received while {@code target} was sent. */
  private static List<TestBackend.Received> send(String target, String... headerLines) {
    int before = backend.received().size();
    RawHttp.RawResponse response = RawHttp.bytes(node.dataPlanePort(), host, target, headerLines);
    assertThat(response.status()).as(target + " -> " + response.head()).isLessThan(500);
    List<TestBackend.Received> all = backend.received();
    return all.subList(before, all.size());
  }

  /** The backend saw nothing outside {@code prefix}, however it decodes and normalises the target. */
  private static void assertStaysUnder(String prefix, String target) {
    for (TestBackend.Received r : send(target)) {
      String path = r.target().split("\\?", 2)[0];
      assertThat(path).as(target).startsWith(prefix);
      // A backend that decodes before it normalises (nginx does) must find no dot segment either.
      String decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
      for (String segment : decoded.split("[/\\\\]")) {
        assertThat(segment).as(target + " reached the backend as " + r.target()).isNotIn(".", "..");
      }
    }
  }

  @Test
  void aGreedyProxyParameterNeverLeavesTheIntegrationPath() {
    for (String target : List.of(
        "/prod/public/..%2f..%2fsecret",
        "/prod/public/..%2F..%2Fsecret",
        "/prod/public/%2e%2e/%2e%2e/secret",
        "/prod/public/%2e%2e%2f%2e%2e%2fsecret",
        "/prod/public/%2E%2E%2F%2E%2E%2Fsecret",
        "/prod/public/a/../../secret",
        "/prod/public/./../secret",
        "/prod/public/..%5c..%5csecret",
        "/prod/public/..",
        "/prod/public/%2e")) {
      assertStaysUnder("/public/", target);
    }
  }

  @Test
  void aSingleParameterOfAnHttpIntegrationNeverLeavesTheIntegrationPath() {
    for (String target : List.of(
        "/prod/items/..%2f..%2fsecret",
        "/prod/items/..%2F..%2Fsecret%3F",
        "/prod/items/%2e%2e",
        "/prod/items/..",
        "/prod/items/.",
        "/prod/items/%2e%2e%2f%2e%2e%2fsecret")) {
      assertStaysUnder("/items/", target);
    }
  }

  @Test
  void ordinaryParametersStillReachTheBackend() {
    assertThat(send("/prod/public/a/b.txt")).extracting(TestBackend.Received::target).containsExactly("/public/a/b.txt");
    assertThat(send("/prod/public/..hidden/x..y/.z")).extracting(TestBackend.Received::target)
        .containsExactly("/public/..hidden/x..y/.z");
    assertThat(send("/prod/public/a%20b/c")).extracting(TestBackend.Received::target).containsExactly("/public/a%20b/c");
    // A slash inside one {param} stays inside it.
    assertThat(send("/prod/items/a%2Fb")).extracting(TestBackend.Received::target).containsExactly("/items/a%2Fb/detail");
  }

  @Test
  void controlCharactersInAParameterNeverReachABackendHeaderRaw() {
    for (String target : List.of(
        "/prod/items/x%0d%0aX-Injected:%20yes",
        "/prod/items/x%0aX-Injected:%20yes",
        "/prod/items/x%00y",
        "/prod/items/x%7fy")) {
      assertNoControlCharacters(target, send(target));
    }
    // HTTP_PROXY passes the client's own headers on: ones with a NUL or DEL must not reach the backend either.
    assertNoControlCharacters("X-Raw NUL", send("/prod/public/h", "X-Raw: a\u0000b"));
    assertNoControlCharacters("X-Raw DEL", send("/prod/public/h", "X-Raw: a\u007fb"));
  }

  private static void assertNoControlCharacters(String target, List<TestBackend.Received> received) {
    for (TestBackend.Received r : received) {
      assertThat(r.headers()).as(target).noneMatch(h -> h.toLowerCase().startsWith("x-injected"));
      for (String header : r.headers()) {
        assertThat(header.chars()).as(target + ": " + header).noneMatch(c -> c < 0x20 && c != '\t' || c == 0x7f);
      }
    }
  }
}
