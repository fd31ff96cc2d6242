package apigw;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A WebSocket API under load: connect, messages answered by a route response, and {@code @connections}
 * posts sent to a different node than the one holding the socket.
 *
 * <pre>
 * mvn -f load-tests/gatling/pom.xml gatling:test -Dgatling.simulationClass=apigw.WebSocketSimulation \
 *   -DapiId=abc123 -Dstage=prod -DbaseUrls=http://127.0.0.1:8080,http://127.0.0.2:8080 \
 *   [-Dusers=200] [-Dramp=10] [-Dmessages=10] [-Dposts=10] [-DaccessKey=test] [-Dsecret=test] [-Dregion=us-east-1]
 *   [-DmaxFailedPercent=1]
 * </pre>
 *
 * The API needs a route {@code whoami} whose route response answers {@code {"connectionId": "$context.connectionId"}}
 * (the README tour and {@code bench/websocket.sh} create one). Each of {@code users} virtual users (arriving over
 * {@code ramp} s) connects to node k (round-robin), learns its connection id, sends {@code messages} messages and
 * awaits each answer, then POSTs {@code posts} messages to its own connection through node k+1's
 * {@code @connections} (SigV4, service execute-api), and counts how many reached its socket.
 */
public class WebSocketSimulation extends Simulation {

  private final String apiId = NodeCounters.required("apiId");
  private final String stage = System.getProperty("stage", "prod");
  private final int users = Integer.getInteger("users", 200);
  private final int ramp = Integer.getInteger("ramp", 10);
  private final int messages = Integer.getInteger("messages", 10);
  private final int posts = Integer.getInteger("posts", 10);
  private final String accessKey = System.getProperty("accessKey", "test");
  private final String secret = System.getProperty("secret", "test");
  private final String region = System.getProperty("region", "us-east-1");
  private final double maxFailedPercent = Double.parseDouble(System.getProperty("maxFailedPercent", "1"));
  private final List<String> baseUrls = NodeCounters.baseUrls();

  private final AtomicInteger next = new AtomicInteger();
  private final LongAdder connected = new LongAdder();
  private final LongAdder posted = new LongAdder();
  private final LongAdder delivered = new LongAdder();

  private final HttpProtocolBuilder protocol = http
      .wsUnmatchedInboundMessageBufferSize(posts + 16)
      .disableCaching()
      .disableWarmUp(); // the default warm-up calls gatling.io: loopback only

  private final ScenarioBuilder scenario = scenario("WebSocket connect, messages, @connections")
      .exec(session -> {
        int k = Math.floorMod(next.getAndIncrement(), baseUrls.size());
        String socketNode = baseUrls.get(k);
        String postNode = baseUrls.get((k + 1) % baseUrls.size());
        return session.set("wsUrl", socketNode.replaceFirst("^http", "ws") + "/" + stage)
            .set("postBase", postNode)
            .set("postHost", postNode.replaceFirst("^https?://", ""));
      })
      .exec(ws("connect").connect("#{wsUrl}").header("Host", apiId + ".execute-api.localhost")
          .onConnected(exec(ws("whoami").sendText("{\"action\":\"whoami\"}")
              .await(10).on(ws.checkTextMessage("connectionId").check(jsonPath("$.connectionId").saveAs("cid"))))))
      .exec(session -> {
        connected.increment();
        return session;
      })
      .repeat(messages).on(exec(ws("message").sendText("{\"action\":\"whoami\"}")
          .await(10).on(ws.checkTextMessage("answer").check(jsonPath("$.connectionId").isEL("#{cid}")))))
      .repeat(posts, "i").on(
          exec(this::sign)
              .exec(http("@connections POST (other node)")
                  .post("#{postBase}#{postPath}")
                  .header("X-Amz-Date", "#{amzDate}")
                  .header("Authorization", "#{authorization}")
                  .body(StringBody("#{postBody}"))
                  .check(status().is(200)))
              .exec(session -> {
                posted.increment();
                return session;
              }))
      .pause(Duration.ofSeconds(1)) // the last posts' messages are on their way
      .exec(ws.processUnmatchedMessages((inbound, session) -> {
        for (WsInboundMessage m : inbound) {
          if (m instanceof WsInboundMessage.Text text && text.message().startsWith("{\"pushed\"")) {
            delivered.increment();
          }
        }
        return session;
      }))
      .exec(ws("close").close());

  /** SigV4 (service execute-api) for this user's next POST to its own connection. */
  private Session sign(Session session) {
    try {
      String path = "/" + stage + "/@connections/" + session.getString("cid");
      String body = "{\"pushed\":" + session.getInt("i") + "}";
      String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
      String day = amzDate.substring(0, 8);
      String scope = day + "/" + region + "/execute-api/aws4_request";
      String canonical = "POST\n" + path + "\n\nhost:" + session.getString("postHost") + "\nx-amz-date:" + amzDate
          + "\n\nhost;x-amz-date\n" + sha256(body);
      String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256(canonical);
      byte[] key = hmac(hmac(hmac(hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day), region),
          "execute-api"), "aws4_request");
      String authorization = "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope
          + ", SignedHeaders=host;x-amz-date, Signature=" + HexFormat.of().formatHex(hmac(key, toSign));
      return session.set("postPath", path).set("postBody", body).set("amzDate", amzDate)
          .set("authorization", authorization);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  {
    setUp(scenario.injectOpen(rampUsers(users).during(Duration.ofSeconds(ramp))))
        .protocols(protocol)
        .maxDuration(Duration.ofSeconds(ramp + 120L))
        .assertions(global().failedRequests().percent().lte(maxFailedPercent));
  }

  @Override
  public void after() {
    System.out.printf("SUMMARY WebSocketSimulation: api %s stage %s, %d users over %d s on %d node(s): connected=%d,"
            + " @connections POSTs answered 200=%d, delivered to the sockets=%d (%.2f%%)%n",
        apiId, stage, users, ramp, baseUrls.size(), connected.sum(), posted.sum(), delivered.sum(),
        posted.sum() == 0 ? 0.0 : 100.0 * delivered.sum() / posted.sum());
  }
}
