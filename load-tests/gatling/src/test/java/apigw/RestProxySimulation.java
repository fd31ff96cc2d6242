package apigw;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.List;

/**
 * REST {@code HTTP_PROXY} route under an open workload, spread round-robin over the data-plane URLs
 * of one or more nodes.
 *
 * <pre>
 * mvn -f load-tests/gatling/pom.xml gatling:test -Dgatling.simulationClass=apigw.RestProxySimulation \
 *   -DapiId=abc123 -Dstage=bench -DbaseUrls=http://127.0.0.1:8080,http://127.0.0.2:8080 \
 *   [-Dpath=/ok] [-Dprofile=steady|ramp] [-Drate=200] [-DrampFrom=10] [-DrampTo=400] [-Dduration=30]
 *   [-DmaxFailedPercent=1]
 * </pre>
 *
 * steady: {@code rate} new requests per second for {@code duration} s. ramp: from {@code rampFrom} to
 * {@code rampTo} requests per second over {@code duration} s. Every virtual user sends one request;
 * the connections are shared (like a service calling the gateway), so the rate is the offered load.
 */
public class RestProxySimulation extends Simulation {

  private final String apiId = NodeCounters.required("apiId");
  private final String stage = System.getProperty("stage", "bench");
  private final String path = System.getProperty("path", "/ok");
  private final String profile = System.getProperty("profile", "steady");
  private final double rate = Double.parseDouble(System.getProperty("rate", "200"));
  private final double rampFrom = Double.parseDouble(System.getProperty("rampFrom", "10"));
  private final double rampTo = Double.parseDouble(System.getProperty("rampTo", "400"));
  private final int duration = Integer.getInteger("duration", 30);
  private final double maxFailedPercent = Double.parseDouble(System.getProperty("maxFailedPercent", "1"));
  private final List<String> baseUrls = NodeCounters.baseUrls();
  private final NodeCounters counters = new NodeCounters(baseUrls);

  private final HttpProtocolBuilder protocol = http
      .header("Host", apiId + ".execute-api.localhost") // the API is chosen by the Host header
      .shareConnections()
      .acceptHeader("*/*")
      .disableCaching()
      .disableWarmUp(); // the default warm-up calls gatling.io: loopback only

  private final ScenarioBuilder scenario = scenario("REST HTTP_PROXY")
      .feed(counters.feeder())
      .exec(http("#{nodeName}")
          .get("#{base}/" + stage + path)
          .check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"))
          .check(status().in(200, 201, 202, 204)))
      .exec(session -> {
        counters.record(session.getInt("node"),
            session.contains("status") ? session.getInt("status") : null,
            session.contains("rt") ? session.getInt("rt") : null);
        return session;
      });

  private OpenInjectionStep injection() {
    return switch (profile) {
      case "steady" -> constantUsersPerSec(rate).during(Duration.ofSeconds(duration));
      case "ramp" -> rampUsersPerSec(rampFrom).to(rampTo).during(Duration.ofSeconds(duration));
      default -> throw new IllegalArgumentException("-Dprofile=" + profile + " (expected steady or ramp)");
    };
  }

  {
    setUp(scenario.injectOpen(injection()))
        .protocols(protocol)
        .maxDuration(Duration.ofSeconds(duration + 30L))
        .assertions(global().failedRequests().percent().lte(maxFailedPercent));
  }

  @Override
  public void after() {
    counters.writeResultFile();
    long sent = counters.sum(n -> n.sent.sum());
    long ok = counters.sum(n -> n.ok.sum());
    long failed = sent - ok;
    StringBuilder perNode = new StringBuilder();
    for (NodeCounters.Node n : counters.nodes) {
      perNode.append(String.format(" [%s sent=%d ok=%d failed=%d (status %d, no response %d)]",
          n.baseUrl, n.sent.sum(), n.ok.sum(), n.failed() + n.throttled.sum(),
          n.otherStatus.sum() + n.throttled.sum(), n.noResponse.sum()));
    }
    String load = profile.equals("steady")
        ? String.format("steady %.0f req/s", rate)
        : String.format("ramp %.0f->%.0f req/s", rampFrom, rampTo);
    System.out.printf("SUMMARY RestProxySimulation: api %s stage %s %s for %d s over %d node(s): sent=%d ok=%d failed=%d"
            + " (%.2f%%) p50=%d ms p99=%d ms max=%d ms; per node:%s%n",
        apiId, stage, load, duration, counters.nodes.size(), sent, ok, failed,
        sent == 0 ? 0.0 : 100.0 * failed / sent, counters.percentileMillis(50), counters.percentileMillis(99),
        counters.percentileMillis(100), perNode);
  }
}
