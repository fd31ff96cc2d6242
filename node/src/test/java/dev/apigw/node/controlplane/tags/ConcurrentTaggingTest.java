package dev.apigw.node.controlplane.tags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.TestNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * Many TagResource and UntagResource calls at once on one resource (as from several nodes) through the real SDK
 * clients: every accepted call must show in the result, for every kind of resource that has tags.
 */
@ExtendWith(CassandraExtension.class)
class ConcurrentTaggingTest {
  private static final String PREFIX = "arn:aws:apigateway:us-east-1::";
  private static final int CALLS = 20;
  private static TestNode node;
  private static ApiGatewayClient client;
  private static ApiGatewayV2Client v2;
  private static ExecutorService callers;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    client = node.client();
    v2 = node.v2Client();
    callers = Executors.newFixedThreadPool(CALLS);
  }

  @AfterAll
  static void stop() {
    callers.shutdownNow();
    v2.close();
    client.close();
    node.close();
  }

  @Test
  void restApisAndStagesLoseNoTags() throws Exception {
    var api = client.createRestApi(r -> r.name("concurrent").tags(Map.of("team", "core")));
    client.putMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET").authorizationType("NONE"));
    client.putIntegration(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
        .type(IntegrationType.MOCK));
    client.createDeployment(r -> r.restApiId(api.id()).stageName("prod"));
    v1(PREFIX + "/restapis/" + api.id(), Map.of("team", "core"));
    v1(PREFIX + "/restapis/" + api.id() + "/stages/prod", Map.of());
  }

  @Test
  void v2ApisAndStagesLoseNoTags() throws Exception {
    String apiId = v2.createApi(r -> r.name("concurrent").protocolType(ProtocolType.HTTP)
        .target("arn:aws:lambda:us-east-1:000000000000:function:hello").tags(Map.of("team", "a"))).apiId();
    String apiArn = PREFIX + "/apis/" + apiId;
    v2(apiArn, Map.of("team", "a"));
    v2(apiArn + "/stages/$default", Map.of());
  }

  @Test
  void keysPlansDomainsCertificatesAndVpcLinksLoseNoTags() throws Exception {
    var key = client.createApiKey(r -> r.name("concurrent").tags(Map.of("team", "core")));
    v1(PREFIX + "/apikeys/" + key.id(), Map.of("team", "core"));
    var plan = client.createUsagePlan(r -> r.name("concurrent"));
    v1(PREFIX + "/usageplans/" + plan.id(), Map.of());
    client.createDomainName(r -> r.domainName("concurrent.example.com")
        .regionalCertificateArn("arn:aws:acm:us-east-1:000000000000:certificate/x")
        .endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));
    v1(PREFIX + "/domainnames/concurrent.example.com", Map.of());
    var certificate = client.generateClientCertificate(r -> r.description("concurrent"));
    v1(PREFIX + "/clientcertificates/" + certificate.clientCertificateId(), Map.of());
    // Tagged while it goes from PENDING to AVAILABLE: tags must not undo that either.
    var link = client.createVpcLink(r -> r.name("concurrent")
        .targetArns("arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/nlb/1234567890abcdef"));
    v1(PREFIX + "/vpclinks/" + link.id(), Map.of());
    String status = link.statusAsString();
    for (int i = 0; i < 50 && !status.equals("AVAILABLE"); i++) {
      Thread.sleep(100);
      status = client.getVpcLink(r -> r.vpcLinkId(link.id())).statusAsString();
    }
    assertThat(status).isEqualTo("AVAILABLE");
  }

  private void v1(String arn, Map<String, String> initial) throws Exception {
    hammer(initial,
        tags -> client.tagResource(r -> r.resourceArn(arn).tags(tags)),
        key -> client.untagResource(r -> r.resourceArn(arn).tagKeys(key)),
        () -> client.getTags(r -> r.resourceArn(arn)).tags());
  }

  private void v2(String arn, Map<String, String> initial) throws Exception {
    hammer(initial,
        tags -> v2.tagResource(r -> r.resourceArn(arn).tags(tags)),
        key -> v2.untagResource(r -> r.resourceArn(arn).tagKeys(key)),
        () -> v2.getTags(r -> r.resourceArn(arn)).tags());
  }

  /** {@link #CALLS} tags at once; then half of them removed while as many others are added, all at once. */
  private static void hammer(Map<String, String> initial, Consumer<Map<String, String>> tag, Consumer<String> untag,
      Supplier<Map<String, String>> read) throws Exception {
    Map<String, String> expected = new HashMap<>(initial);
    List<Runnable> calls = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      String k = "k" + i;
      calls.add(() -> tag.accept(Map.of(k, "v" + k)));
      expected.put(k, "v" + k);
    }
    all(calls);
    assertThat(read.get()).as("after %d concurrent TagResource calls", CALLS).isEqualTo(expected);

    calls.clear();
    for (int i = 0; i < CALLS / 2; i++) {
      String gone = "k" + i;
      String added = "n" + i;
      calls.add(() -> untag.accept(gone));
      calls.add(() -> tag.accept(Map.of(added, "v" + added)));
      expected.remove(gone);
      expected.put(added, "v" + added);
    }
    all(calls);
    assertThat(read.get()).as("after concurrent TagResource and UntagResource calls").isEqualTo(expected);
  }

  /** Runs {@code calls} on as many threads, released together; rethrows the first failure. */
  private static void all(List<Runnable> calls) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> running = new ArrayList<>();
    for (Runnable call : calls) {
      running.add(callers.submit(() -> {
        go.await();
        call.run();
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : running) {
      f.get(30, TimeUnit.SECONDS);
    }
  }
}
