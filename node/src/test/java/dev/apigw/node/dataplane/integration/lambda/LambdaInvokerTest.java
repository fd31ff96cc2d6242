package dev.apigw.node.dataplane.integration.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import dev.apigw.node.http.Json;
import dev.apigw.node.testing.LambdaReply;
import dev.apigw.node.testing.LambdaTestServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LambdaInvokerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static ActorSystem<Void> system;
  private static LambdaTestServer server;
  private static LambdaInvoker invoker;

  @BeforeAll
  static void start() {
    system = ActorSystem.create(
        Behaviors.empty(),
        "lambda-test",
        ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load()));
    server = LambdaTestServer.start(system)
        .register("echo", LambdaReply::result)
        .register("proxy", event -> LambdaReply.proxy(201, Map.of("X-Seen", event.path("path").asText()), "made"))
        .register("garbage", event -> LambdaReply.raw("<html>oops</html>"))
        .register("fails", event -> {
          throw new IllegalStateException("Not found: pet 7");
        })
        .register("slow", event -> {
          try {
            Thread.sleep(3_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return LambdaReply.raw("{}");
        });
    invoker = new LambdaInvoker(system, settings(server.endpoint(), "test"));
  }

  @AfterAll
  static void stop() {
    server.close();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }

  private static LambdaSettings settings(URI endpoint, String secret) {
    return new LambdaSettings(endpoint, "us-east-1", "test", secret);
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    try {
      return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  @Test
  void signedInvocationReachesTheFunctionWithTheEventAndLambdasHeaders() throws Exception {
    byte[] event = "{\"path\":\"/pets\",\"n\":[1,2]}".getBytes(UTF_8);

    LambdaResult result = await(invoker.invoke(LambdaTestServer.integrationUri("echo"), event, TIMEOUT));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.functionError()).isNull();
    assertThat(Json.MAPPER.readTree(result.payload())).isEqualTo(Json.MAPPER.readTree(event));
    var invocation = server.invocations().stream().filter(i -> i.function().equals("echo")).findFirst().orElseThrow();
    assertThat(invocation.header("x-amz-invocation-type")).isEqualTo("RequestResponse");
    assertThat(invocation.header("content-type")).isEqualTo("application/json");
    assertThat(invocation.header("authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=test/")
        .contains("/us-east-1/lambda/aws4_request")
        .contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-invocation-type");
    assertThat(invocation.header("x-amz-content-sha256")).hasSize(64);
  }

  @Test
  void qualifiedFunctionArnIsInvoked() throws Exception {
    String uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
        + "arn:aws:lambda:us-east-1:123456789012:function:echo:$LATEST/invocations";

    LambdaResult result = await(invoker.invoke(uri, "{\"a\":1}".getBytes(UTF_8), TIMEOUT));

    assertThat(new String(result.payload(), UTF_8)).isEqualTo("{\"a\":1}");
  }

  @Test
  void proxyResponseOfTheFunctionParses() throws Exception {
    LambdaResult result =
        await(invoker.invoke(LambdaTestServer.integrationUri("proxy"), "{\"path\":\"/p\"}".getBytes(UTF_8), TIMEOUT));

    ProxyResponse response = ProxyResponse.parse(result.payload());
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers()).containsEntry("X-Seen", java.util.List.of("/p"));
    assertThat(new String(response.body(), UTF_8)).isEqualTo("made");
  }

  @Test
  void garbageFromTheFunctionIsAMalformedProxyResponse() throws Exception {
    LambdaResult result = await(invoker.invoke(LambdaTestServer.integrationUri("garbage"), "{}".getBytes(UTF_8), TIMEOUT));

    assertThat(result.functionError()).isNull();
    assertThatThrownBy(() -> ProxyResponse.parse(result.payload())).isInstanceOf(MalformedLambdaResponseException.class);
  }

  @Test
  void wrongSecretIsRefusedByTheServersSignatureCheck() {
    var wrongKey = new LambdaInvoker(system, settings(server.endpoint(), "not-the-secret"));

    assertThatThrownBy(() -> await(wrongKey.invoke(LambdaTestServer.integrationUri("echo"), "{}".getBytes(UTF_8), TIMEOUT)))
        .isInstanceOfSatisfying(LambdaServiceException.class, e -> {
          assertThat(e.status()).isEqualTo(403);
          assertThat(e.errorType()).isEqualTo("InvalidSignatureException");
          assertThat(e.serviceMessage()).startsWith("The request signature we calculated does not match");
        });
  }

  @Test
  void functionErrorIsAResultWithTheErrorDocument() throws Exception {
    LambdaResult result = await(invoker.invoke(LambdaTestServer.integrationUri("fails"), "{}".getBytes(UTF_8), TIMEOUT));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.functionError()).isEqualTo("Unhandled");
    JsonNode error = Json.MAPPER.readTree(result.payload());
    assertThat(error.path("errorType").asText()).isEqualTo("IllegalStateException");
    assertThat(error.path("errorMessage").asText()).isEqualTo("Not found: pet 7");
    assertThat(LambdaErrors.selectionSubject(result)).isEqualTo("Not found: pet 7");
  }

  @Test
  void unknownFunctionIsAServiceError404() {
    assertThatThrownBy(() -> await(invoker.invoke(LambdaTestServer.integrationUri("nope"), "{}".getBytes(UTF_8), TIMEOUT)))
        .isInstanceOfSatisfying(LambdaServiceException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.errorType()).isEqualTo("ResourceNotFoundException");
          assertThat(e.serviceMessage()).contains("Function not found").contains("function:nope");
        });
  }

  @Test
  void bodyThatIsNotJsonIsAServiceError400() {
    assertThatThrownBy(() -> await(invoker.invoke(LambdaTestServer.integrationUri("echo"), "not json".getBytes(UTF_8), TIMEOUT)))
        .isInstanceOfSatisfying(LambdaServiceException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.errorType()).isEqualTo("InvalidRequestContentException");
        });
  }

  @Test
  void slowFunctionFailsWithTimeoutExceptionAfterTheTimeout() {
    long start = System.nanoTime();

    assertThatThrownBy(() -> await(invoker.invoke(
            LambdaTestServer.integrationUri("slow"), "{}".getBytes(UTF_8), Duration.ofMillis(300))))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("function:slow")
        .hasMessageContaining("300 ms");
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    // Not before the timeout, and well before the function's 3 s.
    assertThat(elapsedMillis).isBetween(300L, 2_500L);
  }

  @Test
  void refusedConnectionFailsWithLambdaUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var nowhere = new LambdaInvoker(system, settings(URI.create("http://127.0.0.1:" + closedPort), "test"));

    assertThatThrownBy(() -> await(nowhere.invoke(LambdaTestServer.integrationUri("echo"), "{}".getBytes(UTF_8), TIMEOUT)))
        .isInstanceOf(LambdaUnreachableException.class)
        .hasMessageContaining("http://127.0.0.1:" + closedPort);
  }

  @Test
  void uriThatIsNotALambdaInvocationFailsAtOnce() {
    assertThatThrownBy(() -> invoker.invoke("arn:aws:apigateway:us-east-1:s3:path/bucket/key", new byte[0], TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/");
  }

  @Test
  void manyConcurrentInvocationsAllComplete() throws Exception {
    var stages = new java.util.ArrayList<CompletionStage<LambdaResult>>();
    for (int i = 0; i < 50; i++) {
      stages.add(invoker.invoke(LambdaTestServer.integrationUri("echo"), ("{\"i\":" + i + "}").getBytes(UTF_8), TIMEOUT));
    }
    for (int i = 0; i < 50; i++) {
      assertThat(new String(await(stages.get(i)).payload(), UTF_8)).isEqualTo("{\"i\":" + i + "}");
    }
  }

}
