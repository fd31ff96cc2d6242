package dev.apigw.node.dataplane.pipeline;

import static dev.apigw.node.dataplane.pipeline.Exchanges.deployment;
import static dev.apigw.node.dataplane.pipeline.Exchanges.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.dataplane.responses.GatewayError;
import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.Test;

class MatchMethodTest {
  @Test
  void aMatchSetsResourceMethodPathParametersQueryAndHeaders() {
    var ex = Exchanges.matched(HttpRequest.GET("/prod/pets/7?sort=asc&sort=desc").addHeader(RawHeader.create("X-Trace", "t1")),
        "/pets/7", deployment("dep0000001", method("GET", "NONE", false), new Exchanges.Answering("ok")));
    assertThat(ex.resource.path()).isEqualTo("/pets/{id}");
    assertThat(ex.method.method().httpMethod()).isEqualTo("GET");
    assertThat(ex.request.pathParameters()).containsEntry("id", "7");
    assertThat(ex.request.query()).containsEntry("sort", List.of("asc", "desc"));
    assertThat(ex.request.header("x-trace")).isEqualTo("t1");
    assertThat(ex.context()).containsEntry("resourcePath", "/pets/{id}").containsEntry("path", "/prod/pets/7");
  }

  @Test
  void noMethodForTheVerbIsMissingAuthenticationToken() {
    assertThatThrownBy(() -> Exchanges.matched(HttpRequest.DELETE("/prod/pets/7"), "/pets/7",
        deployment("dep0000001", method("GET", "NONE", false), new Exchanges.Answering("ok"))))
        .isInstanceOfSatisfying(GatewayError.class,
            e -> assertThat(e.responseType()).isEqualTo("MISSING_AUTHENTICATION_TOKEN"));
  }
}
