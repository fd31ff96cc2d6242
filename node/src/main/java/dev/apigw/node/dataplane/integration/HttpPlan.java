package dev.apigw.node.dataplane.integration;

import dev.apigw.node.dataplane.mapping.TemplateSettings;
import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.http.PekkoFutures;
import dev.apigw.protocol.restapi.Integration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * {@code HTTP} (non-proxy): only what the mappings produce reaches the backend (mapped headers,
 * query string and path parameters, the request template's body); the backend's status code
 * selects the integration response, which maps the body and headers back.
 */
final class HttpPlan implements IntegrationPlan {
  private final ActorSystem<?> system;
  private final Backend backend;
  private final ConnectionTemplate connection;
  private final UriTemplate uri;
  private final PathParameters pathParameters;
  private final String httpMethod;
  private final Duration timeout;
  private final long maxBodyBytes;
  private final RequestMapping request;
  private final ResponseMapping response;
  private final Executor renders;

  HttpPlan(ActorSystem<?> system, Backend backend, Integration integration, Duration timeout, long maxBodyBytes,
      TemplateSettings templates, Executor renders) {
    this.system = system;
    this.backend = backend;
    this.connection = ConnectionTemplate.of(integration);
    this.uri = new UriTemplate(integration.uri());
    this.pathParameters = new PathParameters(integration.requestParameters());
    this.httpMethod = integration.httpMethod();
    this.timeout = timeout;
    this.maxBodyBytes = maxBodyBytes;
    this.request = new RequestMapping(integration, templates);
    this.response = new ResponseMapping(integration, templates);
    this.renders = renders;
  }

  @Override
  public CompletionStage<HttpResponse> invoke(Invocation inv) {
    // Both templates render on the template threads; the backend call goes on from there.
    return CompletableFuture.supplyAsync(() -> request.apply(inv), renders).thenCompose(mapped -> send(inv, mapped));
  }

  private CompletionStage<HttpResponse> send(Invocation inv, RequestMapping.Mapped mapped) {
    HttpRequest outgoing;
    Backend.Connection via;
    try {
      outgoing = outgoing(inv, mapped);
      via = connection.resolve(inv);
    } catch (UriTemplate.DotSegmentException e) {
      return CompletableFuture.failedFuture(PathParameters.refused());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    inv.trace().endpointRequest(outgoing);
    return backend.send(outgoing, timeout, via).thenCompose(r ->
        PekkoFutures.plain(r.entity().toStrict(timeout.toMillis(), maxBodyBytes, system))
            .exceptionally(e -> {
              throw new GatewayError(ResponseTypes.INTEGRATION_FAILURE, 502, ResponseTypes.INTERNAL_SERVER_ERROR, null);
            })
            .thenApplyAsync(strict -> {
              byte[] body = strict.getData().toArray();
              inv.trace().endpointResponse(r, body);
              return response.respond(inv, Integer.toString(r.status().intValue()), r.status().intValue(),
                  headersOf(r), body, r.entity().getContentType().toString());
            }, renders));
  }

  private HttpRequest outgoing(Invocation inv, RequestMapping.Mapped mapped) {
    Map<String, String> path = new HashMap<>(inv.request().pathParameters());
    path.putAll(mapped.parameters().path());
    path.putAll(mapped.overrides().requestPath());
    Map<String, List<String>> query = new LinkedHashMap<>(mapped.parameters().querystring());
    mapped.overrides().requestQuerystring().forEach((k, v) -> query.put(k, List.of(v)));
    var target = uri.fillUri(path, pathParameters.multiSegment(inv.resource()), inv.stageVariables(), QueryStrings.of(query));
    List<HttpHeader> headers = new ArrayList<>();
    mapped.parameters().headers().forEach((name, values) -> values.forEach(v -> headers.add(HeaderValues.header(name, v))));
    mapped.overrides().requestHeaders().forEach((name, value) -> {
      headers.removeIf(h -> h.name().equalsIgnoreCase(name));
      headers.add(HeaderValues.header(name, value));
    });
    // A mapped or overridden Content-Type is the body's type: Pekko sends the entity's type and drops a raw header.
    String contentType = mapped.contentType() == null ? "application/json" : mapped.contentType();
    for (HttpHeader h : headers) {
      if (h.is("content-type")) {
        contentType = h.value();
      }
    }
    headers.removeIf(h -> h.is("content-type") || ProxyHeaders.dropped(h.lowercaseName()));
    String verb = "ANY".equals(httpMethod) || httpMethod == null ? inv.request().httpMethod() : httpMethod;
    byte[] body = mapped.body() == null ? new byte[0] : mapped.body();
    return HttpRequest.create().withUri(target)
        .withMethod(HttpMethods.lookup(verb).orElse(HttpMethods.POST))
        .addHeaders(TraceHeaders.withTrace(headers, inv.request().header(TraceHeaders.AMZN_TRACE_ID)))
        .withEntity(HttpEntities.create(ResponseMapping.contentType(contentType), body));
  }

  private static Map<String, List<String>> headersOf(HttpResponse r) {
    Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (HttpHeader h : r.getHeaders()) {
      headers.computeIfAbsent(h.name(), k -> new ArrayList<>()).add(h.value());
    }
    headers.put("Content-Type", List.of(r.entity().getContentType().toString()));
    return headers;
  }
}
