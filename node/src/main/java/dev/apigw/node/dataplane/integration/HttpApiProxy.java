package dev.apigw.node.dataplane.integration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpProtocols;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.model.Uri;

/**
 * An HTTP API's {@code HTTP_PROXY} call: the client's request (method, headers without hop-by-hop ones, streamed body
 * bounded by the payload limit) to a target the caller built, through the same pooled {@link Backend} as REST proxies;
 * the backend's response comes back streamed, without hop-by-hop headers.
 */
public final class HttpApiProxy {
  private final Backend backend;
  private final long maxBodyBytes;

  public HttpApiProxy(Backend backend, long maxBodyBytes) {
    this.backend = backend;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * The client's headers a proxy passes on (no hop-by-hop, Host, Content-* or Pekko's synthetic ones).
   *
   * @throws dev.apigw.node.dataplane.responses.GatewayError 400 for a value with a control character
   */
  public static List<HttpHeader> forwardable(Iterable<HttpHeader> headers) {
    return ProxyHeaders.forward(headers);
  }

  /** A header as sent to a backend (the value checked for control characters). */
  public static HttpHeader header(String name, String value) {
    return HeaderValues.header(name, value);
  }

  /**
   * Sends {@code received}'s body to {@code target}. Fails with the {@link Backend}'s errors (timeout, 413, 502).
   *
   * @param method the method towards the backend ({@code ANY} or null: the client's)
   */
  public CompletionStage<HttpResponse> send(HttpRequest received, String method, Uri target, List<HttpHeader> headers,
      Duration timeout) {
    return send(received, method, target, headers, timeout, Backend.Connection.DIRECT);
  }

  /**
   * {@link #send(HttpRequest, String, Uri, List, Duration)} through an HTTP API VPC link: {@code target}'s path and
   * query go to the address that stands for {@code privateTarget} (a listener or Cloud Map service ARN); an unknown,
   * unavailable or unmapped link fails with AWS's 500 configuration error.
   */
  public CompletionStage<HttpResponse> sendPrivate(HttpRequest received, String method, Uri target,
      List<HttpHeader> headers, Duration timeout, String vpcLinkId, String privateTarget) {
    return send(received, method, target, headers, timeout, Backend.Connection.privateIntegration(vpcLinkId, privateTarget));
  }

  private CompletionStage<HttpResponse> send(HttpRequest received, String method, Uri target, List<HttpHeader> headers,
      Duration timeout, Backend.Connection connection) {
    HttpRequest outgoing;
    try {
      String verb = method == null || "ANY".equals(method) ? received.method().value() : method;
      outgoing = HttpRequest.create().withUri(target)
          .withMethod(HttpMethods.lookup(verb).orElseGet(received::method))
          .addHeaders(headers)
          .withEntity((RequestEntity) received.entity().withSizeLimit(maxBodyBytes));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return backend.send(outgoing, timeout, connection).thenApply(HttpApiProxy::strip);
  }

  private static HttpResponse strip(HttpResponse response) {
    List<HttpHeader> kept = ProxyHeaders.backward(response.getHeaders());
    // The client's connection is the gateway's, not the backend's: an HTTP/1.0 backend must not make the gateway
    // answer in HTTP/1.0 (and close the client's keep-alive connection).
    return response.withHeaders(kept).withProtocol(HttpProtocols.HTTP_1_1);
  }
}
