package apigw;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.List;

/**
 * A keyed route ({@code x-api-key}) offered well above its usage plan's rate, spread round-robin over
 * the nodes; counts 200 (admitted) and 429 (throttled) per node and cluster-wide.
 *
 * <pre>
 * mvn -f load-tests/gatling/pom.xml gatling:test -Dgatling.simulationClass=apigw.ThrottleSimulation \
 *   -DapiId=abc123 -Dstage=bench -DapiKey=KEYVALUE -DbaseUrls=http://127.0.0.1:8080,http://127.0.0.2:8080 \
 *   [-Dpath=/t] [-Drate=600] [-Dduration=30] [-DplanRate=100] [-DplanBurst=50]
 * </pre>
 *
 * {@code rate} is the offered load (requests per second, open model); {@code planRate} and
 * {@code planBurst} are the usage plan's limits, used only to print the expected admitted rate.
 */
public class ThrottleSimulation extends Simulation {

  private final String apiId = NodeCounters.required("apiId");
  private final String apiKey = NodeCounters.required("apiKey");
  private final String stage = System.getProperty("stage", "bench");
  private final String path = System.getProperty("path", "/t");
  private final double rate = Double.parseDouble(System.getProperty("rate", "600"));
  private final int duration = Integer.getInteger("duration", 30);
  private final double planRate = Double.parseDouble(System.getProperty("planRate", "0"));
  private final double planBurst = Double.parseDouble(System.getProperty("planBurst", "0"));
  private final List<String> baseUrls = NodeCounters.baseUrls();
  private final NodeCounters counters = new NodeCounters(baseUrls);

  private final HttpProtocolBuilder protocol = http
      .header("Host", apiId + ".execute-api.localhost") // the API is chosen by the Host header
      .header("x-api-key", apiKey)
      .shareConnections()
      .disableCaching()
      .disableWarmUp(); // the default warm-up calls gatling.io: loopback only

  private final ScenarioBuilder scenario = scenario("keyed route above the plan's rate")
      .feed(counters.feeder())
      .exec(http("#{nodeName}")
          .get("#{base}/" + stage + path)
          // 429 is an expected answer here, not a failure.
          .check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"))
          .check(status().in(200, 429)))
      .exec(session -> {
        counters.record(session.getInt("node"),
            session.contains("status") ? session.getInt("status") : null,
            session.contains("rt") ? session.getInt("rt") : null);
        return session;
      });

  {
    setUp(scenario.injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(duration))))
        .protocols(protocol)
        .maxDuration(Duration.ofSeconds(duration + 30L))
        .assertions(global().failedRequests().percent().lte(1.0));
  }

  @Override
  public void after() {
    counters.writeResultFile();
    long sent = counters.sum(n -> n.sent.sum());
    long ok = counters.sum(n -> n.ok.sum());
    long throttled = counters.sum(n -> n.throttled.sum());
    long other = counters.sum(NodeCounters.Node::failed);
    StringBuilder perNode = new StringBuilder();
    for (NodeCounters.Node n : counters.nodes) {
      perNode.append(String.format(" [%s sent=%d 200=%d 429=%d other=%d]",
          n.baseUrl, n.sent.sum(), n.ok.sum(), n.throttled.sum(), n.failed()));
    }
    double admitted = ok / (double) duration;
    String expected = planRate > 0
        ? String.format("; plan rate %.0f burst %.0f -> expected ~%.1f req/s admitted, measured %.3fx of it",
            planRate, planBurst, planRate + planBurst / duration, admitted / (planRate + planBurst / duration))
        : "";
    System.out.printf("SUMMARY ThrottleSimulation: api %s stage %s offered %.0f req/s for %d s over %d node(s):"
            + " sent=%d 200=%d 429=%d other=%d; admitted %.1f req/s cluster-wide%s; per node:%s%n",
        apiId, stage, rate, duration, counters.nodes.size(), sent, ok, throttled, other, admitted, expected, perNode);
  }
}
