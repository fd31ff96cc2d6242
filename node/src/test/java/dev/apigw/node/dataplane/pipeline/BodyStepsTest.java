package dev.apigw.node.dataplane.pipeline;

import static dev.apigw.node.dataplane.pipeline.Exchanges.deployment;
import static dev.apigw.node.dataplane.pipeline.Exchanges.method;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.dataplane.integration.IntegrationPlan;
import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.snapshot.CompiledMethod;
import dev.apigw.node.dataplane.validation.RequestValidation;
import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.RequestValidator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** RefuseOversizedBody, ReadBody and Validate: the steps around the request body. */
class BodyStepsTest {
  private static final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static HttpRequest streamed(String body) {
    return HttpRequest.POST("/prod/pets/7").withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON,
        Source.single(ByteString.fromString(body))));
  }

  private static RestExchange matched(HttpRequest http, IntegrationPlan plan) {
    return Exchanges.matched(http, "/pets/7", deployment("dep0000001", method("POST", "NONE", false), plan));
  }

  @Test
  void aDeclaredLengthOverTheLimitIs413() {
    RestExchange ex = matched(HttpRequest.POST("/prod/pets/7").withEntity("0123456789"), new Exchanges.Answering("ok"));
    assertThatThrownBy(() -> new RefuseOversizedBody(9).apply(ex)).isInstanceOfSatisfying(GatewayError.class,
        e -> assertThat(e.status()).isEqualTo(413));
    assertThat(new RefuseOversizedBody(10).apply(ex).toCompletableFuture().join()).isNull();
  }

  @Test
  void theBodyIsReadIntoTheMethodRequest() {
    RestExchange ex = matched(streamed("{\"name\":\"rex\"}"), new Exchanges.Answering("ok"));
    new ReadBody(new BodyReader(kit.system(), 1024, 3000)).apply(ex).toCompletableFuture().join();
    assertThat(new String(ex.request.body(), UTF_8)).isEqualTo("{\"name\":\"rex\"}");
    assertThat(ex.http.entity().isStrict()).isTrue();
  }

  @Test
  void aStreamedBodyOverTheLimitIs413() {
    RestExchange ex = matched(streamed("x".repeat(100)), new Exchanges.Answering("ok"));
    assertThatThrownBy(() -> new ReadBody(new BodyReader(kit.system(), 10, 3000)).apply(ex).toCompletableFuture().join())
        .cause().isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.status()).isEqualTo(413));
  }

  @Test
  void aStreamingIntegrationKeepsItsBodyUnread() {
    IntegrationPlan streaming = new IntegrationPlan() {
      @Override
      public boolean streamsRequestBody() {
        return true;
      }

      @Override
      public CompletionStage<HttpResponse> invoke(Invocation invocation) {
        return CompletableFuture.completedFuture(HttpResponse.create());
      }
    };
    RestExchange ex = matched(streamed("stream me"), streaming);
    new ReadBody(new BodyReader(kit.system(), 1024, 3000)).apply(ex).toCompletableFuture().join();
    assertThat(ex.http.entity().isStrict()).isFalse();
  }

  @Test
  void aMissingRequiredParameterFailsValidationWithAws400() {
    Method post = new Method("POST", "NONE", null, false, null, Map.of("method.request.querystring.q", true), null,
        "valid00001", null, null, null);
    ApiDefinition definition = new ApiDefinition("root000001", ApiDefinition.empty("root000001").resources(), Map.of(),
        Map.of("valid00001", new RequestValidator("valid00001", "params", false, true)), Map.of(), Map.of());
    RestExchange ex = matched(HttpRequest.POST("/prod/pets/7"), new Exchanges.Answering("ok"));
    ex.method = new CompiledMethod(post, null, new Exchanges.Answering("ok"),
        RequestValidation.compile(Exchanges.API_ID, definition, post));
    assertThatThrownBy(() -> new Validate().apply(ex)).isInstanceOfSatisfying(GatewayError.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.responseType()).isEqualTo("BAD_REQUEST_PARAMETERS");
    });
    RestExchange withQ = matched(HttpRequest.POST("/prod/pets/7?q=1"), new Exchanges.Answering("ok"));
    withQ.method = ex.method;
    assertThat(new Validate().apply(withQ).toCompletableFuture().join()).isNull();
  }

  @Test
  void noValidatorContinues() {
    RestExchange ex = matched(HttpRequest.POST("/prod/pets/7"), new Exchanges.Answering("ok"));
    ex.method = new CompiledMethod(ex.method.method(), null, ex.method.integration(), Optional.empty());
    assertThat(new Validate().apply(ex).toCompletableFuture().join()).isNull();
  }
}
