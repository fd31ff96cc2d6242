package dev.apigw.node.dataplane.router;

import dev.apigw.node.dataplane.http.HttpApiSnapshot;
import dev.apigw.node.dataplane.httpapi.HttpPipeline;
import dev.apigw.node.dataplane.pipeline.RestPipeline;
import dev.apigw.node.dataplane.request.RefusedBodies;
import dev.apigw.node.dataplane.request.RequestIdentifiers;
import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.node.dataplane.snapshot.WebSocketSnapshot;
import dev.apigw.node.dataplane.tls.MutualTls;
import dev.apigw.node.dataplane.websocket.WebSocketGateway;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.RequestIds;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.RawRequestURI;
import org.apache.pekko.japi.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane's front door: resolves the address once (host {@code {apiId}.execute-api.<domain>}, path style
 * {@code /restapis/{apiId}/{stage}/_user_request_/...}, or a custom domain's base path mapping), looks the API's kind up
 * in the node-local snapshots and hands the request to that kind's pipeline:
 *
 * <ul>
 *   <li>an HTTP API: the {@link HttpPipeline};
 *   <li>a WebSocket API: its handshake or {@code @connections} ({@link WebSocketGateway});
 *   <li>{@code /{stage}/@connections/{id}} on a host that names no API: the connection's session, wherever it is;
 *   <li>everything else: the REST pipeline, which also answers for unknown APIs and unmapped domains as AWS does.
 * </ul>
 */
public final class DataPlaneRouter implements Function<HttpRequest, CompletionStage<HttpResponse>> {
  private static final Logger log = LoggerFactory.getLogger(DataPlaneRouter.class);
  private final AddressResolver resolver;
  private final WebSocketSnapshot webSocketApis;
  private final WebSocketGateway webSockets;
  private final RestPipeline rest;
  private final MutualTls mutualTls;
  private final HttpApiSnapshot httpApis;
  private final HttpPipeline http;
  /** The refusals answered here (mutual TLS, a disabled endpoint) go out after the body, as the pipelines' do. */
  private final RefusedBodies refusedBodies;

  public DataPlaneRouter(AddressResolver resolver, WebSocketSnapshot webSocketApis, WebSocketGateway webSockets,
      RestPipeline rest, MutualTls mutualTls, HttpApiSnapshot httpApis, HttpPipeline http,
      RefusedBodies refusedBodies) {
    this.resolver = resolver;
    this.webSocketApis = webSocketApis;
    this.webSockets = webSockets;
    this.rest = rest;
    this.mutualTls = mutualTls;
    this.httpApis = httpApis;
    this.http = http;
    this.refusedBodies = refusedBodies;
  }

  @Override
  public CompletionStage<HttpResponse> apply(HttpRequest received) {
    String rawPath = rawPath(received);
    ApiAddress address = resolver.resolve(received.getUri().host().address(), rawPath);
    HttpRequest http = received;
    if (address != null && address.customDomain()) {
      // A mutual-TLS domain serves only requests with a client certificate its truststore verifies (AWS: 403).
      var admitted = mutualTls.admit(received, address.domainName());
      if (admitted.isEmpty()) {
        return refusedBodies.afterDrain(received, AwsErrors.error(403, "ForbiddenException", "Forbidden")
            .addHeader(RawHeader.create(RequestIds.REQUEST_ID, RequestIdentifiers.requestId())));
      }
      http = admitted.get();
    }
    if (address != null && address != ApiAddress.UNMAPPED) {
      var httpApi = httpApis.api(address.apiId());
      if (httpApi != null) {
        return this.http.serve(http, address, httpApi);
      }
    }
    CompletionStage<HttpResponse> webSocket = webSocket(http, rawPath, address);
    return webSocket != null ? webSocket : rest.serve(http, address);
  }

  /** The WebSocket pipeline's answer, or null when the request is not WebSocket business. */
  private CompletionStage<HttpResponse> webSocket(HttpRequest http, String rawPath, ApiAddress address) {
    CompletionStage<HttpResponse> answer;
    String requestId;
    if (address == null) {
      answer = webSockets.connectionsOnAnyHost(http, rawPath);
      requestId = answer == null ? null : RequestIdentifiers.requestId();
    } else {
      var api = address == ApiAddress.UNMAPPED ? null : webSocketApis.api(address.apiId());
      if (api == null) {
        // Not a WebSocket API: the REST pipeline draws its own ids, so none is drawn here for nothing.
        return null;
      }
      requestId = RequestIdentifiers.requestId();
      answer = Boolean.TRUE.equals(api.api().disableExecuteApiEndpoint()) && !address.customDomain()
          ? refusedBodies.afterDrain(http, AwsErrors.error(403, "ForbiddenException", "Forbidden"))
          : webSockets.serve(http, address, api, requestId);
    }
    if (answer == null) {
      return null;
    }
    String extendedId = RequestIdentifiers.extendedRequestId();
    return answer.exceptionally(failure -> {
      log.error("WebSocket request {} failed unexpectedly", requestId, AwsErrors.unwrap(failure));
      return AwsErrors.error(500, "InternalServerErrorException", "Internal server error");
    }).thenApply(r -> r.addHeaders(List.of(RawHeader.create(RequestIds.REQUEST_ID, requestId),
        RawHeader.create(RequestIdentifiers.APIGW_ID, extendedId))));
  }

  /** The path as the client sent it, percent-encoding intact (Pekko's parsed path would decode it). */
  private static String rawPath(HttpRequest http) {
    var raw = http.getHeader(RawRequestURI.class);
    if (raw.isPresent()) {
      String uri = raw.get().uri();
      int q = uri.indexOf('?');
      String path = q < 0 ? uri : uri.substring(0, q);
      if (path.startsWith("/")) {
        return path;
      }
    }
    return http.getUri().getPathString();
  }
}
