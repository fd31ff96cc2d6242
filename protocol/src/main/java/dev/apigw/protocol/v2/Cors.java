package dev.apigw.protocol.v2;

import dev.apigw.protocol.CborSerializable;
import java.util.List;

/**
 * An HTTP API's CORS configuration (apigatewayv2's {@code Cors}): with one, the data plane answers preflight requests
 * itself and adds these headers to responses of requests with an {@code Origin}. Null fields are unset.
 *
 * @param allowCredentials whether credentials are allowed (never with the origin {@code *})
 * @param allowHeaders allowed request headers
 * @param allowMethods allowed methods, or {@code *}
 * @param allowOrigins allowed origins, or {@code *}
 * @param exposeHeaders headers exposed to the browser
 * @param maxAge seconds a preflight may be cached, -1 to 86400
 */
public record Cors(
    Boolean allowCredentials,
    List<String> allowHeaders,
    List<String> allowMethods,
    List<String> allowOrigins,
    List<String> exposeHeaders,
    Integer maxAge)
    implements CborSerializable {
  public Cors {
    allowHeaders = allowHeaders == null ? null : List.copyOf(allowHeaders);
    allowMethods = allowMethods == null ? null : List.copyOf(allowMethods);
    allowOrigins = allowOrigins == null ? null : List.copyOf(allowOrigins);
    exposeHeaders = exposeHeaders == null ? null : List.copyOf(exposeHeaders);
  }
}
