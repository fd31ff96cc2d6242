package dev.apigw.node.dataplane.http;

import dev.apigw.protocol.v2.Cors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * An HTTP API's CORS configuration, compiled once: the gateway answers preflight requests itself (204, whatever the
 * routes and authorizers say), adds the configured headers to every response of a request with an allowed {@code
 * Origin}, and drops the {@code Access-Control-*} headers the backend sent, as AWS does.
 */
public final class CorsPolicy {
  private final boolean anyOrigin;
  private final List<String> origins;
  private final String allowMethods;
  private final String allowHeaders;
  private final String exposeHeaders;
  private final String maxAge;
  private final boolean credentials;

  private CorsPolicy(Cors cors) {
    List<String> o = cors.allowOrigins() == null ? List.of() : cors.allowOrigins();
    this.anyOrigin = o.contains("*");
    this.origins = o.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    this.allowMethods = join(cors.allowMethods());
    this.allowHeaders = join(cors.allowHeaders());
    this.exposeHeaders = join(cors.exposeHeaders());
    this.maxAge = cors.maxAge() == null ? null : cors.maxAge().toString();
    this.credentials = Boolean.TRUE.equals(cors.allowCredentials());
  }

  /** The policy of an API's configuration, or null when it has none. */
  public static CorsPolicy of(Cors cors) {
    return cors == null ? null : new CorsPolicy(cors);
  }

  private static String join(List<String> values) {
    return values == null || values.isEmpty() ? null : String.join(",", values);
  }

  /** Whether {@code http} is a CORS preflight: OPTIONS with {@code Origin} and {@code Access-Control-Request-Method}. */
  public static boolean isPreflight(HttpRequest http) {
    return http.method().equals(HttpMethods.OPTIONS) && http.getHeader("origin").isPresent()
        && http.getHeader("access-control-request-method").isPresent();
  }

  /** The gateway's answer to a preflight: 204, with the CORS headers when the origin is allowed. */
  public HttpResponse preflight(HttpRequest http) {
    String origin = http.getHeader("origin").map(HttpHeader::value).orElse("");
    List<HttpHeader> headers = new ArrayList<>();
    allowedOrigin(origin).ifPresent(allowed -> {
      headers.add(RawHeader.create("access-control-allow-origin", allowed));
      add(headers, "access-control-allow-methods", allowMethods);
      add(headers, "access-control-allow-headers", allowHeaders);
      add(headers, "access-control-max-age", maxAge);
      if (credentials) {
        headers.add(RawHeader.create("access-control-allow-credentials", "true"));
      }
    });
    return HttpResponse.create().withStatus(StatusCodes.NO_CONTENT).addHeaders(headers);
  }

  /**
   * {@code response} without the backend's {@code Access-Control-*} headers and, when {@code origin} (the request's,
   * or null) is allowed, with the configured ones.
   */
  public HttpResponse apply(HttpResponse response, String origin) {
    List<HttpHeader> kept = new ArrayList<>();
    boolean dropped = false;
    for (HttpHeader h : response.getHeaders()) {
      if (h.lowercaseName().startsWith("access-control-")) {
        dropped = true;
      } else {
        kept.add(h);
      }
    }
    Optional<String> allowed = origin == null ? Optional.empty() : allowedOrigin(origin);
    if (allowed.isEmpty()) {
      return dropped ? response.withHeaders(kept) : response;
    }
    kept.add(RawHeader.create("access-control-allow-origin", allowed.get()));
    add(kept, "access-control-expose-headers", exposeHeaders);
    if (credentials) {
      kept.add(RawHeader.create("access-control-allow-credentials", "true"));
    }
    return response.withHeaders(kept);
  }

  private Optional<String> allowedOrigin(String origin) {
    if (anyOrigin && !credentials) {
      return Optional.of("*");
    }
    if (anyOrigin || origins.contains(origin.toLowerCase(Locale.ROOT))) {
      return Optional.of(origin);
    }
    return Optional.empty();
  }

  private static void add(List<HttpHeader> headers, String name, String value) {
    if (value != null) {
      headers.add(RawHeader.create(name, value));
    }
  }
}
