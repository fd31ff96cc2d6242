package dev.apigw.node.dataplane.websocket;

import dev.apigw.node.dataplane.authorizers.InvokePermissions;
import dev.apigw.node.dataplane.request.RefusedBodies;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.Json;
import dev.apigw.node.http.PekkoFutures;
import dev.apigw.node.sigv4.SigV4Directives;
import dev.apigw.node.sigv4.SigV4Result;
import dev.apigw.node.sigv4.SigV4Verifier;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.util.ByteString;

/**
 * The {@code @connections} API: {@code POST|GET|DELETE .../@connections/{connectionId}}, SigV4-signed for {@code
 * execute-api} with one of the data plane's key pairs whose allow list covers {@code
 * arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{VERB}/@connections/{connectionId}} (action {@code
 * execute-api:ManageConnections}; {@code apiId} is {@code *} on a host that names no API), from any node. The connection id alone finds the connection's sharded {@link WebSocketSession}, which
 * checks the API and stage and reaches the socket wherever it is.
 */
final class ConnectionsApi {
  private static final Pattern ON_ANY_HOST = Pattern.compile("^/([^/]+)/@connections/([^/?]+)/?$");
  private static final Pattern ON_API_HOST = Pattern.compile("^/@connections/([^/?]+)/?$");

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final WebSocketSettings settings;
  private final SigV4Verifier verifier;
  private final InvokePermissions permissions;
  private final String region;
  private final String accountId;
  private final RefusedBodies refusedBodies;

  ConnectionsApi(ActorSystem<?> system, WebSocketSettings settings, SigV4Verifier verifier,
      InvokePermissions permissions, String region, String accountId, long maxBodyBytes) {
    this.system = system;
    this.refusedBodies = new RefusedBodies(system, maxBodyBytes);
    this.sharding = ClusterSharding.get(system);
    this.settings = settings;
    this.verifier = verifier;
    this.permissions = permissions;
    this.region = region;
    this.accountId = accountId;
  }

  /** {@code /@connections/{id}} in a stage of API {@code apiId} (its own host); null when the path is not that. */
  CompletionStage<HttpResponse> onApiHost(HttpRequest http, String apiId, String stage, String path) {
    Matcher m = ON_API_HOST.matcher(path);
    return stage != null && m.matches() ? call(http, apiId, stage, decode(m.group(1))) : null;
  }

  /**
   * {@code /{stage}/@connections/{id}} on a host that names no API (the AWS SDK's {@code endpointOverride} of {@code
   * http://host:port/{stage}}); null when the path is not that.
   */
  CompletionStage<HttpResponse> onAnyHost(HttpRequest http, String rawPath) {
    Matcher m = ON_ANY_HOST.matcher(rawPath);
    return m.matches() ? call(http, null, decode(m.group(1)), decode(m.group(2))) : null;
  }

  private CompletionStage<HttpResponse> call(HttpRequest http, String apiId, String stage, String connectionId) {
    var declared = http.entity().getContentLengthOption();
    if (declared.isPresent() && declared.getAsLong() > settings.maxMessageBytes()) {
      return refusedBodies.afterDrain(http, tooLarge());
    }
    return PekkoFutures.plain(http.entity().toStrict(settings.askTimeout().toMillis(), settings.maxMessageBytes(), system))
        .thenCompose(strict -> {
          SigV4Result verified = verifier.verify(SigV4Directives.signedRequest(http.withEntity(strict)));
          if (verified instanceof SigV4Result.Rejected rejected) {
            return CompletableFuture.completedFuture(
                AwsErrors.error(rejected.status(), rejected.errorType(), rejected.message()));
          }
          // On a host that names no API the API is unknown here: only a key allowed for every API ('*') gets through.
          String arn = InvokePermissions.arn(region, accountId, apiId == null ? "*" : apiId, stage,
              http.method().value() + "/@connections/" + connectionId);
          var denial = permissions.denial(((SigV4Result.Accepted) verified).accessKeyId(),
              InvokePermissions.MANAGE_CONNECTIONS, arn);
          if (denial.isPresent()) {
            return CompletableFuture.completedFuture(AwsErrors.error(403, "AccessDeniedException", "Message",
                denial.get()));
          }
          return ask(http.method().value(), apiId, stage, connectionId, strict.getData());
        })
        .exceptionally(failure -> AwsErrors.isBodyTooLarge(failure) ? tooLarge()
            : AwsErrors.error(500, "InternalServerErrorException", "Internal server error"));
  }

  private CompletionStage<HttpResponse> ask(String method, String apiId, String stage, String connectionId,
      ByteString body) {
    var session = sharding.entityRefFor(WebSocketSession.ENTITY_KEY, connectionId);
    CompletionStage<WebSocketSession.Reply> reply = switch (method) {
      case "POST" -> session.ask(r -> new WebSocketSession.Post(apiId, stage, body.utf8String(), r), settings.askTimeout());
      case "GET" -> session.ask(r -> new WebSocketSession.Describe(apiId, stage, r), settings.askTimeout());
      case "DELETE" -> session.ask(r -> new WebSocketSession.Disconnect(apiId, stage, r), settings.askTimeout());
      default -> null;
    };
    if (reply == null) {
      return CompletableFuture.completedFuture(AwsErrors.error(405, "MethodNotAllowedException",
          "Method " + method + " (expected: POST, GET or DELETE)"));
    }
    return PekkoFutures.plain(reply).thenApply(r -> {
      if (r instanceof WebSocketSession.Info info) {
        var json = Json.object();
        json.put("connectedAt", info.connectedAt().toString());
        var identity = json.putObject("identity");
        identity.put("sourceIp", info.sourceIp());
        identity.put("userAgent", info.userAgent());
        json.put("lastActiveAt", info.lastActiveAt().toString());
        return HttpResponse.create().withEntity(Json.entity(json));
      }
      if (r instanceof WebSocketSession.Gone) {
        return AwsErrors.error(410, "GoneException", null);
      }
      if (r instanceof WebSocketSession.LimitExceeded) {
        return AwsErrors.error(429, "LimitExceededException", "Rate exceeded");
      }
      return "DELETE".equals(method) ? HttpResponse.create().withStatus(204) : HttpResponse.create();
    });
  }

  private HttpResponse tooLarge() {
    return AwsErrors.error(413, "PayloadTooLargeException",
        "Message is larger than the limit of " + settings.maxMessageBytes() + " bytes");
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
