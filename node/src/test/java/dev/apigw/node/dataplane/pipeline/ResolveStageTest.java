package dev.apigw.node.dataplane.pipeline;

import static dev.apigw.node.dataplane.pipeline.Exchanges.address;
import static dev.apigw.node.dataplane.pipeline.Exchanges.deployment;
import static dev.apigw.node.dataplane.pipeline.Exchanges.exchange;
import static dev.apigw.node.dataplane.pipeline.Exchanges.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.node.dataplane.snapshot.CompiledDeployment;
import dev.apigw.node.dataplane.snapshot.LiveApi;
import dev.apigw.node.dataplane.snapshot.LiveStage;
import dev.apigw.protocol.restapi.CanarySettings;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.junit.jupiter.api.Test;

class ResolveStageTest {
  private final CompiledDeployment main = deployment("main000001", method("GET", "NONE", false), new Exchanges.Answering("main"));
  private final CompiledDeployment canary = deployment("canary0001", method("GET", "NONE", false), new Exchanges.Answering("canary"));
  private final LiveApi api = Exchanges.api(new LiveStage(Exchanges.stage("prod", Map.of("color", "blue"),
      new CanarySettings(10.0, "canary0001", Map.of("color", "green"), false)), main, canary));

  private RestExchange resolve(String stage, double draw) {
    RestExchange ex = exchange(HttpRequest.GET("/" + stage + "/pets"), address(stage, "/pets"));
    new ResolveStage(id -> id.equals(Exchanges.API_ID) ? api : null, () -> draw).apply(ex);
    return ex;
  }

  @Test
  void aStageServesItsDeploymentAndVariables() {
    RestExchange ex = resolve("prod", 50.0);
    assertThat(ex.deployment).isSameAs(main);
    assertThat(ex.canary).isFalse();
    assertThat(ex.stageVariables).containsEntry("color", "blue");
  }

  @Test
  void aDrawUnderTheCanaryPercentIsServedByTheCanaryWithItsOverrides() {
    RestExchange ex = resolve("prod", 9.99);
    assertThat(ex.deployment).isSameAs(canary);
    assertThat(ex.canary).isTrue();
    assertThat(ex.stageVariables).containsEntry("color", "green");
  }

  @Test
  void anUnknownStageIsMissingAuthenticationToken() {
    assertThatThrownBy(() -> resolve("dev", 50.0)).isInstanceOfSatisfying(GatewayError.class,
        e -> assertThat(e.responseType()).isEqualTo("MISSING_AUTHENTICATION_TOKEN"));
  }

  @Test
  void noAddressUnmappedDomainAndUnknownApiGetAwsAnswers() {
    var step = new ResolveStage(id -> null, () -> 0.0);
    RestExchange none = exchange(HttpRequest.GET("/"), null);
    assertThatThrownBy(() -> step.apply(none)).isInstanceOfSatisfying(GatewayError.class,
        e -> assertThat(e.responseType()).isEqualTo("MISSING_AUTHENTICATION_TOKEN"));
    RestExchange unmapped = exchange(HttpRequest.GET("/"), ApiAddress.UNMAPPED);
    assertThatThrownBy(() -> step.apply(unmapped)).isInstanceOfSatisfying(GatewayError.class,
        e -> assertThat(e.responseType()).isEqualTo("FORBIDDEN"));
    RestExchange unknown = exchange(HttpRequest.GET("/prod"), address("prod", "/"));
    assertThatThrownBy(() -> step.apply(unknown)).isInstanceOfSatisfying(GatewayError.class,
        e -> assertThat(e.responseType()).isEqualTo("RESOURCE_NOT_FOUND"));
  }

  @Test
  void anApiWithItsDefaultEndpointOffIsServedOnlyThroughACustomDomain() {
    var r = Exchanges.restApi("HEADER");
    var off = new LiveApi(new dev.apigw.protocol.restapi.RestApi(r.id(), r.name(), null, r.createdDate(), null,
        r.binaryMediaTypes(), null, "HEADER", r.endpointTypes(), true, null, r.tags(), r.rootResourceId()), api.stages());
    var step = new ResolveStage(id -> off, () -> 50.0);
    RestExchange byHost = exchange(HttpRequest.GET("/prod/pets"), address("prod", "/pets"));
    assertThatThrownBy(() -> step.apply(byHost)).isInstanceOfSatisfying(GatewayError.class,
        e -> assertThat(e.responseType()).isEqualTo("FORBIDDEN"));
    RestExchange byDomain = exchange(HttpRequest.GET("/pets"),
        new dev.apigw.node.dataplane.routing.ApiAddress(Exchanges.API_ID, "prod", "/pets", "api.example.com", "api", true));
    step.apply(byDomain);
    assertThat(byDomain.deployment).isSameAs(main);
  }
}
