package dev.apigw.node.dataplane.pipeline;

import static dev.apigw.node.dataplane.pipeline.Exchanges.deployment;
import static dev.apigw.node.dataplane.pipeline.Exchanges.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.dataplane.authorizers.IamAuthorization;
import dev.apigw.node.dataplane.authorizers.InvokePermissions;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.sigv4.SigV4Verifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.Test;

class AuthorizeTest {
  // Bodies here are strict, so the reader never needs an actor system.
  private final Authorize step = new Authorize(null,
      new IamAuthorization(new SigV4Verifier(Map.of("AKID", "secret"), "execute-api", "us-east-1", Clock.systemUTC(),
          Duration.ofMinutes(5)), InvokePermissions.unrestricted("000000000000"), "us-east-1"),
      new BodyReader(null, 1024, 1000));

  private RestExchange matched(HttpRequest http, String authorizationType) {
    return Exchanges.matched(http, "/pets/7",
        deployment("dep0000001", method("GET", authorizationType, false), new Exchanges.Answering("ok")));
  }

  @Test
  void noAuthorizationContinues() {
    RestExchange ex = matched(HttpRequest.GET("/prod/pets/7"), "NONE");
    assertThat(step.apply(ex).toCompletableFuture().join()).isNull();
    assertThat(ex.iamAccessKey).isNull();
  }

  @Test
  void anUnknownAuthorizationTypeIsRefusedNotServedOpen() {
    RestExchange ex = matched(HttpRequest.GET("/prod/pets/7"), "MAGIC");
    assertThatThrownBy(() -> step.apply(ex)).isInstanceOfSatisfying(GatewayError.class, e -> {
      assertThat(e.status()).isEqualTo(500);
      assertThat(e.responseType()).isEqualTo("AUTHORIZER_CONFIGURATION_ERROR");
    });
  }

  @Test
  void awsIamWithoutASignatureIsMissingAuthenticationToken() {
    RestExchange ex = matched(HttpRequest.GET("/prod/pets/7"), "AWS_IAM");
    assertThatThrownBy(() -> step.apply(ex).toCompletableFuture().join()).hasCauseInstanceOf(GatewayError.class)
        .cause().satisfies(e -> assertThat(((GatewayError) e).responseType()).isEqualTo("MISSING_AUTHENTICATION_TOKEN"));
  }

  @Test
  void awsIamWithABrokenSignatureIsInvalidSignature() {
    RestExchange ex = matched(HttpRequest.GET("/prod/pets/7").addHeader(RawHeader.create("Authorization",
        "AWS4-HMAC-SHA256 Credential=AKID/20261203/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=00"))
        .addHeader(RawHeader.create("X-Amz-Date", "20261203T100000Z")), "AWS_IAM");
    assertThatThrownBy(() -> step.apply(ex).toCompletableFuture().join()).hasCauseInstanceOf(GatewayError.class)
        .cause().satisfies(e -> assertThat(((GatewayError) e).responseType()).isEqualTo("INVALID_SIGNATURE"));
    assertThat(ex.iamAccessKey).isNull();
  }
}
