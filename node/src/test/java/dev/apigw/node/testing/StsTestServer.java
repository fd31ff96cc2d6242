package dev.apigw.node.testing;

import dev.apigw.node.sigv4.SigV4Directives;
import dev.apigw.node.sigv4.SigV4Verifier;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * A small STS that answers {@code AssumeRole} (query protocol, form body) with AWS's XML, after checking the caller's
 * SigV4 signature (service {@code sts}, us-east-1) with the gateway's own verifier; every role gets the one session
 * key pair it was given, expiring in {@code lifetime}.
 */
public final class StsTestServer extends AllDirectives implements AutoCloseable {
  private final SigV4Directives sigV4;
  private final String sessionKeyId;
  private final String sessionSecret;
  private final String sessionToken;
  private final Duration lifetime;
  private final List<String> assumedRoles = new CopyOnWriteArrayList<>();
  private final ServerBinding binding;

  /**
   * @param callers the key pairs allowed to call AssumeRole
   * @param session the key id, secret and token every AssumeRole answers
   */
  public StsTestServer(ActorSystem<?> system, Map<String, String> callers, List<String> session, Duration lifetime) {
    this.sigV4 = new SigV4Directives(new SigV4Verifier(callers, "sts", "us-east-1", Clock.systemUTC(),
        Duration.ofMinutes(5)), 64 * 1024, Duration.ofSeconds(5));
    this.sessionKeyId = session.get(0);
    this.sessionSecret = session.get(1);
    this.sessionToken = session.get(2);
    this.lifetime = lifetime;
    this.binding = Http.get(system.classicSystem()).newServerAt("127.0.0.1", 0).bind(route())
        .toCompletableFuture().join();
  }

  private Route route() {
    return post(() -> pathSingleSlash(() -> sigV4.authenticated(caller -> extractStrictEntity(Duration.ofSeconds(5), entity -> {
      Map<String, String> form = form(entity.getData().utf8String());
      if (!"AssumeRole".equals(form.get("Action")) || !"2011-06-15".equals(form.get("Version"))
          || form.get("RoleArn") == null || form.get("RoleSessionName") == null) {
        return complete(xml(400, "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code>"
            + "<Message>Could not find operation " + form.get("Action") + "</Message></Error></ErrorResponse>"));
      }
      assumedRoles.add(form.get("RoleArn"));
      String expiration = Instant.now().plus(lifetime).truncatedTo(ChronoUnit.SECONDS).toString();
      return complete(xml(200, "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
          + "<AssumeRoleResult><AssumedRoleUser><Arn>" + form.get("RoleArn") + "/" + form.get("RoleSessionName")
          + "</Arn><AssumedRoleId>AROATEST:" + form.get("RoleSessionName") + "</AssumedRoleId></AssumedRoleUser>"
          + "<Credentials><AccessKeyId>" + sessionKeyId + "</AccessKeyId><SecretAccessKey>" + sessionSecret
          + "</SecretAccessKey><SessionToken>" + sessionToken + "</SessionToken><Expiration>" + expiration
          + "</Expiration></Credentials></AssumeRoleResult><ResponseMetadata><RequestId>"
          + java.util.UUID.randomUUID() + "</RequestId></ResponseMetadata></AssumeRoleResponse>"));
    }))));
  }

  private static HttpResponse xml(int status, String body) {
    return HttpResponse.create().withStatus(status).withEntity(HttpEntities.create(ContentTypes.TEXT_XML_UTF8, body));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /** The endpoint to configure as the gateway's {@code sts} endpoint. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
  }

  /** The roles assumed so far, in order. */
  public List<String> assumedRoles() {
    return List.copyOf(assumedRoles);
  }

  @Override
  public void close() {
    binding.unbind().toCompletableFuture().join();
  }
}
