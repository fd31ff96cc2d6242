package dev.apigw.node.dataplane.httpapi;

import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * An HTTP API's own answer, as AWS words it: {@code {"message":"Not Found"}} and the like. HTTP APIs have no gateway
 * responses to customise, so this is the whole rendering.
 */
final class HttpApiError extends RuntimeException {
  private final int status;
  private final Map<String, String> headers;

  HttpApiError(int status, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.headers = headers;
  }

  HttpApiError(int status, String message) {
    this(status, message, Map.of());
  }

  static HttpApiError notFound() {
    return new HttpApiError(404, "Not Found");
  }

  static HttpApiError unauthorized(Map<String, String> headers) {
    return new HttpApiError(401, "Unauthorized", headers);
  }

  static HttpApiError forbidden(Map<String, String> headers) {
    return new HttpApiError(403, "Forbidden", headers);
  }

  static HttpApiError internal() {
    return new HttpApiError(500, "Internal Server Error");
  }

  int status() {
    return status;
  }

  /** A shared step's {@link GatewayError} (throttling, body limits, backend failures) in HTTP API words. */
  static HttpApiError of(GatewayError g) {
    String type = g.responseType();
    if (ResponseTypes.THROTTLED.equals(type) || ResponseTypes.QUOTA_EXCEEDED.equals(type)) {
      return new HttpApiError(429, "Too Many Requests", g.headers());
    }
    if (ResponseTypes.REQUEST_TOO_LARGE.equals(type)) {
      return new HttpApiError(413, "Request Entity Too Large");
    }
    if (ResponseTypes.INTEGRATION_TIMEOUT.equals(type)) {
      return new HttpApiError(503, "Service Unavailable");
    }
    if (g.status() == 400) {
      return new HttpApiError(400, "Bad Request");
    }
    if (g.status() == 403) {
      return forbidden(Map.of()); // an AWS_IAM refusal: HTTP APIs do not say why
    }
    return internal();
  }

  HttpResponse response() {
    String body = "{\"message\":\"" + getMessage().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    List<HttpHeader> extra = headers.entrySet().stream()
        .map(e -> (HttpHeader) RawHeader.create(e.getKey(), e.getValue())).toList();
    return HttpResponse.create().withStatus(status).addHeaders(extra)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body));
  }
}
