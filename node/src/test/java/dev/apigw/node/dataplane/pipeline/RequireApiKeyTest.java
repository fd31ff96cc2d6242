package dev.apigw.node.dataplane.pipeline;

import static dev.apigw.node.dataplane.pipeline.Exchanges.deployment;
import static dev.apigw.node.dataplane.pipeline.Exchanges.method;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.dataplane.authorizers.Authorizers;
import dev.apigw.node.dataplane.snapshot.LiveApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.Test;

class RequireApiKeyTest {
  private final List<String> asked = new ArrayList<>();
  private final RequireApiKey step = new RequireApiKey((value, apiId, stage) -> {
    asked.add(value + "@" + apiId + "/" + stage);
    return null;
  });

  private RestExchange matched(boolean required) {
    return Exchanges.matched(HttpRequest.GET("/prod/pets/7").addHeader(RawHeader.create("x-api-key", "header-key")),
        "/pets/7", deployment("dep0000001", method("GET", "NONE", required), new Exchanges.Answering("ok")));
  }

  @Test
  void aMethodWithoutApiKeyRequiredAsksNothing() {
    step.apply(matched(false));
    assertThat(asked).isEmpty();
  }

  @Test
  void theHeaderKeyIsCheckedForTheStage() {
    step.apply(matched(true));
    assertThat(asked).containsExactly("header-key@" + Exchanges.API_ID + "/prod");
  }

  @Test
  void withApiKeySourceAuthorizerTheAuthorizersKeyIsCheckedNotTheHeader() {
    RestExchange ex = matched(true);
    ex.api = new LiveApi(Exchanges.restApi("AUTHORIZER"), Map.of());
    ex.authorizedBy(new Authorizers.Authorized(Map.of("principalId", "me"), "authorizer-key"));
    step.apply(ex);
    assertThat(asked).containsExactly("authorizer-key@" + Exchanges.API_ID + "/prod");
    assertThat(ex.context().get("authorizer")).isEqualTo(Map.of("principalId", "me"));
  }
}
