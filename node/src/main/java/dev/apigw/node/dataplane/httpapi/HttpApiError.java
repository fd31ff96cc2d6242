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
  private final String responseType;
  private final String integrationError;

  private HttpApiError(int status, String message, Map<String, String> headers, String responseType,
      String integrationError) {
    super(message, null, false, false);
    this.status = status;
    this.headers = headers;
    this.responseType = responseType == null ? typeOf(status) : responseType;
    this.integrationError = integrationError;
  }

  HttpApiError(int status, String message, Map<String, String> headers) {
    this(status, message, headers, null, null);
  }

  HttpApiError(int status, String message) {
    this(status, message, Map.of());
  }

  /** A 500 because the integration failed, {@code why} for {@code $context.integrationErrorMessage}. */
  static HttpApiError integrationFailure(String why) {
    return new HttpApiError(500, "Internal Server Error", Map.of(), ResponseTypes.INTEGRATION_FAILURE, why);
  }

  /** A 503 because the integration did not answer in time. */
  static HttpApiError integrationTimeout(String why) {
    return new HttpApiError(503, "Service Unavailable", Map.of(), ResponseTypes.INTEGRATION_TIMEOUT, why);
  }

  /**
   * The gateway response type ({@code $context.error.responseType}) of an answer with {@code status}: HTTP APIs
   * cannot customise gateway responses, so this only names the refusal, with the REST API types of the same meaning
   * and {@code DEFAULT_4XX}/{@code DEFAULT_5XX} for the rest (a missing route, a malformed request or answer).
   */
  private static String typeOf(int status) {
    return switch (status) {
      case 401 -> ResponseTypes.UNAUTHORIZED;
      case 403 -> ResponseTypes.ACCESS_DENIED;
      case 413 -> ResponseTypes.REQUEST_TOO_LARGE;
      case 429 -> ResponseTypes.THROTTLED;
      case 503 -> ResponseTypes.INTEGRATION_TIMEOUT;
      default -> status >= 500 ? ResponseTypes.DEFAULT_5XX : ResponseTypes.DEFAULT_4XX;
    };
  }

  /** {@code $context.error.responseType}. */
  String responseType() {
    return responseType;
  }

  /** {@code $context.integrationErrorMessage}: why the integration failed, or null when it did not. */
  String integrationError() {
    return integrationError;
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
      return integrationTimeout(g.getMessage());
    }
    if (ResponseTypes.INTEGRATION_FAILURE.equals(type)) {
      return integrationFailure("The integration endpoint could not be reached or did not answer");
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
