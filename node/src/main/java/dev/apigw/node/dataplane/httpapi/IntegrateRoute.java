package dev.apigw.node.dataplane.httpapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.apigw.node.awsservice.IntegrationSubtypes;
import dev.apigw.node.dataplane.http.HttpRoute;
import dev.apigw.node.dataplane.http.ParameterMapping;
import dev.apigw.node.dataplane.integration.HttpApiProxy;
import dev.apigw.node.dataplane.integration.UriTemplate;
import dev.apigw.node.dataplane.integration.aws.AssumeRoleException;
import dev.apigw.node.dataplane.integration.aws.AwsServiceClient;
import dev.apigw.node.dataplane.integration.aws.AwsServiceRequest;
import dev.apigw.node.dataplane.integration.aws.AwsServiceResponse;
import dev.apigw.node.dataplane.integration.aws.AwsServiceUnreachableException;
import dev.apigw.node.dataplane.integration.aws.ServiceActions;
import dev.apigw.node.dataplane.integration.lambda.LambdaInvoker;
import dev.apigw.node.dataplane.integration.lambda.MalformedLambdaResponseException;
import dev.apigw.node.dataplane.integration.lambda.ProxyEvent;
import dev.apigw.node.dataplane.integration.lambda.ProxyRequest;
import dev.apigw.node.dataplane.integration.lambda.ProxyResponse;
import dev.apigw.node.dataplane.integration.lambda.ProxyEventV2;
import dev.apigw.node.dataplane.integration.lambda.ProxyResponseV2;
import dev.apigw.node.dataplane.integration.lambda.TextMediaTypes;
import dev.apigw.node.dataplane.request.ClientCertificate;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.v2.Integration;
import dev.apigw.protocol.v2.TlsConfig;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the route's integration: {@code HTTP_PROXY} (the request streamed to the uri; on {@code $default} and greedy
 * routes whose uri names no variable the request path is appended; {@code {var}} and stage variables substituted;
 * query string forwarded; parameter mapping applied), {@code AWS_PROXY} to Lambda (payload format 2.0 or 1.0) or
 * {@code AWS_PROXY} with an {@code integrationSubtype} (an AWS service action, see {@link ServiceActions}). Then the
 * integration's {@code responseParameters} for the status. A timeout is 503, an unreachable AWS service 502, any other
 * failure 500.
 */
final class IntegrateRoute implements HttpStep {
  private static final Logger log = LoggerFactory.getLogger(IntegrateRoute.class);
  private static final HttpHeader FORWARDED_PROTO = RawHeader.create("X-Forwarded-Proto", "http");

  private final HttpApiProxy proxy;
  private final LambdaInvoker lambda;
  private final AwsServiceClient aws;
  private final Function<HttpRequest, CompletionStage<HttpRequest>> strictBody;

  IntegrateRoute(HttpApiProxy proxy, LambdaInvoker lambda, AwsServiceClient aws,
      Function<HttpRequest, CompletionStage<HttpRequest>> strictBody) {
    this.proxy = proxy;
    this.lambda = lambda;
    this.aws = aws;
    this.strictBody = strictBody;
  }

  @Override
  public CompletionStage<HttpResponse> apply(HttpExchange ex) {
    HttpRoute route = ex.match.route();
    IntegrationSubtypes.Subtype subtype = route.subtype();
    if (route.integration() == null || route.uri() == null && subtype == null) {
      log.warn("HTTP API {} route {} has no integration; answering 500", ex.address.apiId(), ex.routeKey());
      throw HttpApiError.internal();
    }
    String type = route.integration().integrationType();
    CompletionStage<HttpResponse> answer;
    ex.integrationStartNanos = System.nanoTime();
    if ("HTTP_PROXY".equals(type)) {
      answer = proxy(ex, route);
    } else if ("AWS_PROXY".equals(type) && subtype != null) {
      answer = awsService(ex, route, subtype);
    } else if ("AWS_PROXY".equals(type) && route.integration().integrationUri().contains(":lambda:")) {
      answer = lambda(ex, route);
    } else {
      log.warn("HTTP API {} route {}: integration type {} ({}) is not supported by this gateway", ex.address.apiId(),
          ex.routeKey(), type, route.integration().integrationSubtype());
      throw HttpApiError.internal();
    }
    return answer.handle((response, failure) -> {
      ex.integrationEndNanos = System.nanoTime();
      if (failure != null) {
        throw failure(ex, failure);
      }
      return responseMapping(ex, route, response);
    });
  }

  private CompletionStage<HttpResponse> proxy(HttpExchange ex, HttpRoute route) {
    Integration integration = route.integration();
    if (route.requestMapping().isEmpty() && !"VPC_LINK".equals(integration.connectionType())) {
      return unmapped(ex, route);
    }
    ParameterMapping.Parameters out = new ParameterMapping.Parameters(headers(ex), query(ex), null, null);
    route.requestMapping().apply(out, ref -> References.resolve(ex, null, ref));
    if ("VPC_LINK".equals(integration.connectionType())) {
      return privateIntegration(ex, route, out);
    }
    Uri target = target(ex, route, out.path, rawQuery(ex, route, out.query));
    return proxy.send(ex.http, route.integration().integrationMethod(), target, outgoingHeaders(out), route.timeout());
  }

  /**
   * Where the request goes: on {@code $default} and greedy routes whose uri names no variable (or with a mapped
   * path), the uri's base with the path appended; otherwise the uri with its variables filled.
   */
  private static Uri target(HttpExchange ex, HttpRoute route, String mappedPath, String rawQuery) {
    String template = route.integration().integrationUri();
    boolean appendPath = (ex.match.key().isDefault() || ex.match.key().isGreedy()) && template.indexOf('{') < 0;
    try {
      if (mappedPath != null || appendPath) {
        String path = mappedPath != null ? mappedPath : decoded(ex.path);
        return route.uri().appendPath(UriTemplate.encodePath(path), ex.stage.variables(), rawQuery);
      }
      Set<String> greedy = ex.match.key().isGreedy()
          ? Set.of(ex.match.key().segments().get(ex.match.key().segments().size() - 1).text()) : Set.of();
      return route.uri().fillUri(ex.match.pathParameters(), greedy, ex.stage.variables(), rawQuery);
    } catch (UriTemplate.DotSegmentException e) {
      throw new HttpApiError(400, "Bad Request");
    }
  }

  /**
   * {@link #proxy} for a route without parameter mapping (the common case, and the benchmark's): the client's headers
   * go on as they were parsed, not rebuilt as name/value pairs and headers again.
   */
  private CompletionStage<HttpResponse> unmapped(HttpExchange ex, HttpRoute route) {
    Uri target = target(ex, route, null, ex.http.getUri().rawQueryString().orElse(null));
    return proxy.send(ex.http, route.integration().integrationMethod(), target, forwarded(ex), route.timeout());
  }

  /** The client's headers a proxy passes on, and AWS's X-Forwarded-For and -Proto: HTTP APIs tell who called. */
  private static List<HttpHeader> forwarded(HttpExchange ex) {
    List<HttpHeader> headers = HttpApiProxy.forwardable(ex.http.getHeaders());
    headers.add(RawHeader.create("X-Forwarded-For", ex.sourceIp));
    headers.add(FORWARDED_PROTO);
    return headers;
  }

  /**
   * A private integration (connectionType VPC_LINK): as AWS does, the request's path (or the mapped one) and query go
   * to the load balancer listener or Cloud Map service the integration uri names, through the VPC link; over HTTPS
   * when the integration has a tlsConfig (its serverNameToVerify is then the host named and verified), else HTTP.
   */
  private CompletionStage<HttpResponse> privateIntegration(HttpExchange ex, HttpRoute route,
      ParameterMapping.Parameters out) {
    Integration integration = route.integration();
    TlsConfig tls = integration.tlsConfig();
    String serverName = tls == null ? null : tls.serverNameToVerify();
    // The host is replaced by the link's address; over HTTP it is only a placeholder.
    String base = (tls == null ? "http://" : "https://") + (serverName == null ? "vpc-link.internal" : serverName);
    Uri target;
    try {
      String path = out.path != null ? out.path : decoded(ex.path);
      target = new UriTemplate(base).appendPath(UriTemplate.encodePath(path), ex.stage.variables(),
          rawQuery(ex, route, out.query));
    } catch (IllegalArgumentException e) { // a dot segment, or a serverNameToVerify that is no host
      throw new HttpApiError(400, "Bad Request");
    }
    return proxy.sendPrivate(ex.http, integration.integrationMethod(), target, outgoingHeaders(out), route.timeout(),
        integration.connectionId(), integration.integrationUri());
  }

  /** The headers sent to the backend: the request's, after parameter mapping. */
  private static List<HttpHeader> outgoingHeaders(ParameterMapping.Parameters out) {
    List<HttpHeader> headers = new ArrayList<>();
    out.headers.forEach(h -> headers.add(HttpApiProxy.header(h.getKey(), h.getValue())));
    return headers;
  }

  private static List<Map.Entry<String, String>> headers(HttpExchange ex) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (HttpHeader h : forwarded(ex)) {
      out.add(Map.entry(h.name(), h.value()));
    }
    return out;
  }

  private static List<Map.Entry<String, String>> query(HttpExchange ex) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    ex.request.query().forEach((name, values) -> values.forEach(v -> out.add(Map.entry(name, v))));
    return out;
  }

  /** The query as received, unless a mapping changed it: then rebuilt from the mapped parameters. */
  private static String rawQuery(HttpExchange ex, HttpRoute route, List<Map.Entry<String, String>> mapped) {
    boolean changed = route.requestMapping().changesQuery();
    if (!changed) {
      return ex.http.getUri().rawQueryString().orElse(null);
    }
    StringBuilder b = new StringBuilder();
    for (var e : mapped) {
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
    }
    return b.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String decoded(String rawPath) {
    try {
      return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new HttpApiError(400, "Bad Request");
    }
  }

  /**
   * An AWS service action ({@code integrationSubtype}): each request parameter evaluated for this request (one that
   * resolves to nothing is left out, and the service says what it misses), sent signed with the gateway's identity or
   * the integration's role; the service's status, Content-Type and body are the answer.
   */
  private CompletionStage<HttpResponse> awsService(HttpExchange ex, HttpRoute route, IntegrationSubtypes.Subtype subtype) {
    return strictBody.apply(ex.http).thenCompose(strict -> {
      ex.http = strict;
      ex.body = ((HttpEntity.Strict) strict.entity()).getData().toArray();
      Map<String, String> values = new LinkedHashMap<>();
      Map<String, String> parameters = route.integration().requestParameters();
      (parameters == null ? Map.<String, String>of() : parameters).forEach((name, template) -> {
        String value = ParameterMapping.render(template, ref -> References.resolve(ex, null, ref));
        if (value != null && !value.isEmpty()) {
          values.put(name, value);
        }
      });
      String role = route.integration().credentialsArn();
      AwsServiceRequest request;
      try {
        request = ServiceActions.request(subtype, values, ex.region, role == null || role.isBlank() ? null : role,
            route.timeout());
      } catch (IllegalArgumentException e) {
        log.warn("HTTP API {} route {}: {}: {}", ex.address.apiId(), ex.routeKey(), subtype.name(), e.getMessage());
        throw HttpApiError.internal();
      }
      return aws.call(request).thenApply(IntegrateRoute::response);
    });
  }

  private static HttpResponse response(AwsServiceResponse r) {
    ContentType type = ContentTypes.APPLICATION_JSON;
    if (r.contentType() != null) {
      try {
        type = ContentTypes.parse(r.contentType());
      } catch (RuntimeException unparsable) {
        // The service's own type could not be read: its body goes out as JSON, which AWS's services answer.
      }
    }
    return HttpResponse.create().withStatus(r.status()).withEntity(HttpEntities.create(type, r.body()));
  }

  private CompletionStage<HttpResponse> lambda(HttpExchange ex, HttpRoute route) {
    return strictBody.apply(ex.http).thenCompose(strict -> {
      ex.http = strict;
      byte[] body = ((HttpEntity.Strict) strict.entity()).getData().toArray();
      boolean v1 = route.payloadV1();
      byte[] event = v1 ? eventV1(ex, body) : ProxyEventV2.toJson(ex.event(body));
      String uri = route.uri().fill(ex.match.pathParameters(), ex.stage.variables());
      return lambda.invoke(uri, event, route.timeout()).thenApply(result -> {
        if (result.isFunctionError()) {
          log.info("HTTP API {} route {}: the function failed ({})", ex.address.apiId(), ex.routeKey(),
              result.functionError());
          throw HttpApiError.integrationFailure("The Lambda function returned an error: " + result.functionError());
        }
        ProxyResponse parsed;
        try {
          parsed = v1 ? ProxyResponse.parse(result.payload()) : ProxyResponseV2.parse(result.payload());
        } catch (MalformedLambdaResponseException e) {
          log.info("HTTP API {} route {}: malformed Lambda response: {}", ex.address.apiId(), ex.routeKey(),
              e.getMessage());
          throw HttpApiError.integrationFailure(e.getMessage());
        }
        return response(parsed);
      });
    });
  }

  private static byte[] eventV1(HttpExchange ex, byte[] body) {
    var r = ex.request;
    boolean binary = body.length > 0
        && !TextMediaTypes.isText(r.contentType());
    var context = new LinkedHashMap<>(ex.requestContext());
    context.put("httpMethod", ex.http.method().value());
    context.put("path", ex.rawPath);
    context.put("resourcePath", ex.match.key().isDefault() ? "$default" : ex.routeKey().substring(ex.routeKey().indexOf(' ') + 1));
    var identity = new LinkedHashMap<String, Object>();
    identity.put("sourceIp", ex.sourceIp);
    identity.put("userAgent", String.valueOf(r.header("User-Agent")));
    var clientCert = ClientCertificate.variables(ex.http);
    if (clientCert != null) {
      identity.put("clientCert", clientCert); // payload 1.0 carries it where REST proxy events do
    }
    context.put("identity", identity);
    var tree = ProxyEvent.toTree(new ProxyRequest(String.valueOf(context.get("resourcePath")), decoded(ex.path),
        ex.http.method().value(), r.headers(), r.query(), ex.match.pathParameters(), ex.stage.variables(), context,
        body, binary));
    var event = Json.object().put("version", "1.0");
    event.setAll(tree);
    try {
      return Json.MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse response(ProxyResponse p) {
    List<HttpHeader> headers = new ArrayList<>();
    String contentType = null;
    for (var entry : p.headers().entrySet()) {
      if (entry.getKey().equalsIgnoreCase("Content-Type")) {
        contentType = entry.getValue().isEmpty() ? null : entry.getValue().get(entry.getValue().size() - 1);
      } else if (!entry.getKey().equalsIgnoreCase("Content-Length")
          && !entry.getKey().equalsIgnoreCase("Transfer-Encoding")) {
        entry.getValue().forEach(v -> headers.add(RawHeader.create(entry.getKey(), v)));
      }
    }
    var type = ContentTypes.parse(contentType == null ? "application/json" : contentType);
    return HttpResponse.create().withStatus(p.statusCode()).addHeaders(headers)
        .withEntity(HttpEntities.create(type, p.body()));
  }

  private static HttpResponse responseMapping(HttpExchange ex, HttpRoute route, HttpResponse response) {
    ParameterMapping mapping = route.responseMappings().get(Integer.toString(response.status().intValue()));
    if (mapping == null || mapping.isEmpty()) {
      return response;
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    response.getHeaders().forEach(h -> headers.add(Map.entry(h.name(), h.value())));
    ParameterMapping.Parameters out = new ParameterMapping.Parameters(headers, List.of(), null, null);
    mapping.apply(out, ref -> References.resolve(ex, response, ref));
    List<HttpHeader> mapped = new ArrayList<>();
    out.headers.forEach(h -> mapped.add(RawHeader.create(h.getKey(), h.getValue())));
    HttpResponse result = response.withHeaders(mapped);
    return out.status == null ? result : result.withStatus(out.status);
  }

  private static RuntimeException failure(HttpExchange ex, Throwable failure) {
    Throwable t = AwsErrors.unwrap(failure);
    if (t instanceof HttpApiError e) {
      return e;
    }
    if (t instanceof TimeoutException) {
      return HttpApiError.integrationTimeout("The integration did not answer within "
          + ex.match.route().timeout().toMillis() + " ms");
    }
    if (t instanceof AssumeRoleException) {
      log.warn("HTTP API {} route {}: {}", ex.address.apiId(), ex.routeKey(), t.getMessage());
      return HttpApiError.internal();
    }
    if (t instanceof AwsServiceUnreachableException u) {
      log.warn("HTTP API {} route {}: {} at {} is unreachable ({}); set GATEWAY_AWS_ENDPOINT_{} if it runs elsewhere",
          ex.address.apiId(), ex.routeKey(), u.service(), u.endpoint(),
          u.getCause() == null ? "no detail" : u.getCause().toString(),
          u.service().toUpperCase(Locale.ROOT).replace('-', '_'));
      return new HttpApiError(502, "Internal Server Error");
    }
    if (t instanceof GatewayError g) {
      return HttpApiError.of(g);
    }
    log.warn("HTTP API {} route {}: integration failed: {}", ex.address.apiId(), ex.routeKey(), t.getClass().getName());
    return HttpApiError.integrationFailure("The integration failed: " + t.getClass().getSimpleName());
  }
}
