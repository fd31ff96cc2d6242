package dev.apigw.node.dataplane.integration;

import dev.apigw.node.dataplane.mapping.MappedParameters;
import dev.apigw.node.dataplane.mapping.ParameterMapping;
import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.node.dataplane.request.MethodRequest;
import dev.apigw.protocol.restapi.Integration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.model.Uri;

/**
 * {@code HTTP_PROXY}: the method request goes to the backend as it came (method, headers, query
 * string, streamed body), with the uri's placeholders filled and the request parameter mappings
 * applied; the backend's response comes back as it is, streamed, without hop-by-hop headers.
 */
final class HttpProxyPlan implements IntegrationPlan {
  private final Backend backend;
  private final ConnectionTemplate connection;
  private final UriTemplate uri;
  private final String httpMethod;
  private final Duration timeout;
  private final ParameterMapping mapping;
  private final PathParameters pathParameters;
  private final long maxBodyBytes;

  HttpProxyPlan(Backend backend, Integration integration, Duration timeout, long maxBodyBytes) {
    this.backend = backend;
    this.connection = ConnectionTemplate.of(integration);
    this.uri = new UriTemplate(integration.uri());
    this.httpMethod = integration.httpMethod();
    this.timeout = timeout;
    this.mapping = ParameterMapping.compile(integration.requestParameters());
    this.pathParameters = new PathParameters(integration.requestParameters());
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public boolean streamsRequestBody() {
    return true;
  }

  @Override
  public CompletionStage<HttpResponse> invoke(Invocation inv) {
    HttpRequest outgoing;
    Backend.Connection via;
    try {
      outgoing = outgoing(inv);
      via = connection.resolve(inv);
    } catch (UriTemplate.DotSegmentException e) {
      return CompletableFuture.failedFuture(PathParameters.refused());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    inv.trace().endpointRequest(outgoing);
    return backend.send(outgoing, timeout, via).thenApply(r -> {
      inv.trace().endpointResponse(r, null);
      return strip(r);
    });
  }

  private HttpRequest outgoing(Invocation inv) {
    MethodRequest request = inv.request();
    MappedParameters mapped = mapping.isEmpty()
        ? MappedParameters.empty() : mapping.apply(RequestMappingSources.of(inv, null, mapping));
    Map<String, String> pathParameters = new HashMap<>(request.pathParameters());
    pathParameters.putAll(mapped.path());
    String query = QueryStrings.merge(inv.httpRequest().getUri().rawQueryString().orElse(null), mapped.querystring());
    Uri target = uri.fillUri(pathParameters, this.pathParameters.multiSegment(inv.resource()), inv.stageVariables(), query);
    List<HttpHeader> headers = new ArrayList<>(ProxyHeaders.forward(inv.httpRequest().getHeaders()));
    mapped.headers().forEach((name, values) -> {
      headers.removeIf(h -> h.name().equalsIgnoreCase(name));
      values.forEach(v -> headers.add(HeaderValues.header(name, v)));
    });
    String verb = "ANY".equals(httpMethod) || httpMethod == null ? request.httpMethod() : httpMethod;
    return HttpRequest.create().withUri(target)
        .withMethod(HttpMethods.lookup(verb).orElseGet(() -> inv.httpRequest().method()))
        .addHeaders(TraceHeaders.withTrace(headers, inv.httpRequest().getHeader(TraceHeaders.AMZN_TRACE_ID)
            .map(HttpHeader::value).orElse(null)))
        .withEntity(entity(inv));
  }

  /**
   * The received body: streamed through, or the bytes already read (for validation) if it was read. A streamed body
   * that grows over the limit (a chunked one: a declared length over it was refused before) fails its stream, which
   * aborts the backend request half way, never completing it with a truncated body; {@link Backend#send} then
   * answers 413.
   */
  private RequestEntity entity(Invocation inv) {
    RequestEntity received = inv.httpRequest().entity();
    if (inv.request().body() != null) {
      return HttpEntities.create(received.getContentType(), inv.request().body());
    }
    return (RequestEntity) received.withSizeLimit(maxBodyBytes);
  }

  private static HttpResponse strip(HttpResponse response) {
    return response.withHeaders(ProxyHeaders.backward(response.getHeaders()));
  }
}
