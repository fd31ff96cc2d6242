package dev.apigw.node.dataplane.pipeline;

import static dev.apigw.node.dataplane.pipeline.Exchanges.deployment;
import static dev.apigw.node.dataplane.pipeline.Exchanges.method;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.dataplane.authorizers.Authorizers;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.Test;

class IntegrateTest {
  @Test
  void callsTheIntegrationOnceWithTheTypedCallerInItsContextAndTimesIt() {
    var plan = new Exchanges.Answering("ok");
    RestExchange ex = Exchanges.matched(HttpRequest.GET("/prod/pets/7"), "/pets/7",
        deployment("dep0000001", method("GET", "AWS_IAM", false), plan));
    ex.callerSigned("AKID");
    ex.authorizedBy(new Authorizers.Authorized(Map.of("principalId", "user-1"), null));
    HttpResponse r = new Integrate().apply(ex).toCompletableFuture().join();
    assertThat(r.status().intValue()).isEqualTo(200);
    assertThat(plan.calls).isEqualTo(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> identity = (Map<String, Object>) ex.invocation().context().get("identity");
    assertThat(identity).containsEntry("caller", "AKID")
        .containsEntry("userArn", "arn:aws:iam::000000000000:user/AKID");
    assertThat(ex.invocation().context().get("authorizer")).isEqualTo(Map.of("principalId", "user-1"));
    assertThat(ex.integrationEndNanos).isGreaterThanOrEqualTo(ex.integrationStartNanos).isPositive();
  }
}
