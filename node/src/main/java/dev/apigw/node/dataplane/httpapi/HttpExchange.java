package dev.apigw.node.dataplane.httpapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.apigw.node.dataplane.http.HttpApiSnapshot.LiveHttpApi;
import dev.apigw.node.dataplane.http.HttpApiSnapshot.LiveHttpStage;
import dev.apigw.node.dataplane.http.HttpRoute;
import dev.apigw.node.dataplane.http.RouteMatcher;
import dev.apigw.node.dataplane.integration.lambda.ProxyRequestV2;
import dev.apigw.node.dataplane.integration.lambda.TextMediaTypes;
import dev.apigw.node.dataplane.request.ClientCertificate;
import dev.apigw.node.dataplane.request.MethodRequest;
import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.node.http.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * One HTTP API request on its way through the {@link HttpPipeline}: what each step learned, in typed fields, written
 * by the steps in order and read by the later ones, the response hooks, the metrics and the access log.
 */
final class HttpExchange {
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  /** The request as received; replaced by its strict copy when the body had to be read (AWS_IAM). */
  HttpRequest http;
  final String requestId;
  final Instant received;
  final long startNanos;
  final String accountId;
  final String region;
  final String sourceIp;
  final ApiAddress address;

  LiveHttpApi api;
  LiveHttpStage stage;
  String stageName;
  /** The path inside the stage, percent-encoded as received. */
  String path;
  /** The path as the client sent it (with a named stage's prefix), as {@code rawPath} reports it. */
  String rawPath;
  MethodRequest request;
  RouteMatcher.Match<HttpRoute> match;
  /** What {@code requestContext.authorizer} holds (jwt, lambda or iam), or null. */
  Map<String, Object> authorizer;
  /** Whether the gateway answered a CORS preflight itself (its answer carries the CORS headers already). */
  boolean preflight;
  /** The refusal or failure this request was answered with, or null ({@code $context.error.*}). */
  HttpApiError error;
  long integrationStartNanos;
  long integrationEndNanos;
  int status;
  /** The request body once read (AWS service integrations read it for {@code $request.body} references), or null. */
  byte[] body;
  private JsonNode bodyJson;
  private Map<String, Object> requestContext;

  HttpExchange(HttpRequest http, ApiAddress address, String requestId, Instant received, long startNanos,
      String accountId, String region, String sourceIp) {
    this.http = http;
    this.address = address;
    this.requestId = requestId;
    this.received = received;
    this.startNanos = startNanos;
    this.accountId = accountId;
    this.region = region;
    this.sourceIp = sourceIp;
  }

  /** The body as JSON (a missing node when it is absent or not JSON), parsed once. */
  JsonNode bodyJson() {
    if (bodyJson == null) {
      JsonNode parsed = null;
      if (body != null && body.length > 0) {
        try {
          parsed = Json.MAPPER.readTree(body);
        } catch (IOException notJson) {
          // $request.body.x of a body that is not JSON resolves to nothing, as AWS's does.
        }
      }
      bodyJson = parsed == null ? MissingNode.getInstance() : parsed;
    }
    return bodyJson;
  }

  String routeKey() {
    return match == null ? null : match.route().route().routeKey();
  }

  void authorizedWith(Map<String, Object> authorizer) {
    this.authorizer = authorizer;
    this.requestContext = null;
  }

  /** {@code requestContext} of payload format 2.0 (and what {@code $context} references read). */
  Map<String, Object> requestContext() {
    if (requestContext == null) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("accountId", accountId);
      c.put("apiId", address.apiId());
      if (authorizer != null) {
        c.put("authorizer", authorizer);
      }
      Map<String, Object> clientCert = ClientCertificate.variables(http);
      if (clientCert != null) {
        // Only through a mutual-TLS custom domain, verified there (MutualTls); AWS leaves it out otherwise.
        c.put("authentication", Map.of("clientCert", clientCert));
      }
      c.put("domainName", address.domainName());
      c.put("domainPrefix", address.domainPrefix());
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("method", http.method().value());
      h.put("path", rawPath);
      h.put("protocol", http.protocol().value());
      h.put("sourceIp", sourceIp);
      h.put("userAgent", request == null ? null : request.header("User-Agent"));
      c.put("http", h);
      c.put("requestId", requestId);
      c.put("routeKey", routeKey());
      c.put("stage", stageName);
      c.put("time", REQUEST_TIME.format(received));
      c.put("timeEpoch", received.toEpochMilli());
      requestContext = c;
    }
    return requestContext;
  }

  /** The event pieces of payload format 2.0 (also the Lambda authorizer's), with {@code body}. */
  ProxyRequestV2 event(byte[] body) {
    HttpRoute route = match.route();
    return new ProxyRequestV2(route.route().routeKey(), rawPath, http.getUri().rawQueryString().orElse(""),
        request.headers(), request.query(), match.pathParameters(), stage.variables(), requestContext(), body,
        body != null && body.length > 0 && !TextMediaTypes.isText(request.contentType()));
  }

  /** {@code arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}}, path without leading slash. */
  String routeArn() {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return "arn:aws:execute-api:" + region + ":" + accountId + ":" + address.apiId() + "/" + stageName + "/"
        + http.method().value() + "/" + p;
  }
}
