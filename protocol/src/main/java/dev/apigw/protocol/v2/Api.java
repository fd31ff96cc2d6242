package dev.apigw.protocol.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.apigw.protocol.CborSerializable;
import java.time.Instant;
import java.util.Map;

/**
 * An apigatewayv2 API's own settings, for both protocol types ({@code WEBSOCKET}, {@code HTTP}). As a partial update
 * (UpdateApi), null fields mean "unchanged".
 *
 * @param apiId 10 lowercase alphanumerics
 * @param name 1-128 characters
 * @param description optional
 * @param routeSelectionExpression how a message selects its route, e.g. {@code $request.body.action}
 * @param apiKeySelectionExpression where the API key is, default {@code $request.header.x-api-key}
 * @param disableExecuteApiEndpoint whether the default endpoint is off
 * @param version optional
 * @param tags tags on the API
 * @param createdDate when created
 * @param protocolType {@code WEBSOCKET} or {@code HTTP}; fixed at creation (journals written before it existed hold
 *     WebSocket APIs only, so a missing value reads as {@code WEBSOCKET})
 * @param corsConfiguration an HTTP API's CORS configuration, or null
 * @param ipAddressType {@code ipv4} or {@code dualstack}, the IP address types that may invoke the API; null (every
 *     API created before the field existed, and a partial update that leaves it) reads as {@code ipv4}, AWS's default
 */
public record Api(
    String apiId,
    String name,
    String description,
    String routeSelectionExpression,
    String apiKeySelectionExpression,
    Boolean disableExecuteApiEndpoint,
    String version,
    Map<String, String> tags,
    Instant createdDate,
    String protocolType,
    Cors corsConfiguration,
    String ipAddressType)
    implements CborSerializable {
  /** The protocol type of every API before HTTP APIs. */
  public static final String WEBSOCKET = "WEBSOCKET";

  /** The protocol type of HTTP APIs. */
  public static final String HTTP = "HTTP";

  /** The IP address type of an API that was not given one (AWS's default for HTTP and WebSocket APIs). */
  public static final String IPV4 = "ipv4";

  /** The IP address type that admits IPv4 and IPv6 callers. */
  public static final String DUALSTACK = "dualstack";

  @JsonCreator
  public Api {
    tags = Maps.copyOrNull(tags);
    protocolType = protocolType == null ? WEBSOCKET : protocolType;
  }

  /** An API with the default IP address type (null: {@code ipv4}). */
  public Api(String apiId, String name, String description, String routeSelectionExpression,
      String apiKeySelectionExpression, Boolean disableExecuteApiEndpoint, String version, Map<String, String> tags,
      Instant createdDate, String protocolType, Cors corsConfiguration) {
    this(apiId, name, description, routeSelectionExpression, apiKeySelectionExpression, disableExecuteApiEndpoint,
        version, tags, createdDate, protocolType, corsConfiguration, null);
  }

  /** An API without CORS configuration (every WebSocket API). */
  public Api(String apiId, String name, String description, String routeSelectionExpression,
      String apiKeySelectionExpression, Boolean disableExecuteApiEndpoint, String version, Map<String, String> tags,
      Instant createdDate, String protocolType) {
    this(apiId, name, description, routeSelectionExpression, apiKeySelectionExpression, disableExecuteApiEndpoint,
        version, tags, createdDate, protocolType, null);
  }

  /** The IP address type as AWS reports it: {@code ipv4} unless set. */
  public String ipAddressTypeOrDefault() {
    return ipAddressType == null ? IPV4 : ipAddressType;
  }

  /** Whether this is an HTTP API. */
  public boolean isHttp() {
    return HTTP.equals(protocolType);
  }

  /** This API with {@code cors} as its whole CORS configuration (null: none, as DeleteCorsConfiguration). */
  public Api withCors(Cors cors) {
    return new Api(apiId, name, description, routeSelectionExpression, apiKeySelectionExpression,
        disableExecuteApiEndpoint, version, tags, createdDate, protocolType, cors, ipAddressType);
  }

  /** This API with {@code tags} as its whole tags (TagResource, UntagResource). */
  public Api withTags(Map<String, String> tags) {
    return new Api(apiId, name, description, routeSelectionExpression, apiKeySelectionExpression,
        disableExecuteApiEndpoint, version, tags, createdDate, protocolType, corsConfiguration, ipAddressType);
  }

  /** This API with the set fields of {@code changes}; the id and creation date never change. */
  public Api withChanges(Api changes) {
    return new Api(
        apiId,
        Maps.pick(changes.name(), name),
        Maps.pick(changes.description(), description),
        Maps.pick(changes.routeSelectionExpression(), routeSelectionExpression),
        Maps.pick(changes.apiKeySelectionExpression(), apiKeySelectionExpression),
        Maps.pick(changes.disableExecuteApiEndpoint(), disableExecuteApiEndpoint),
        Maps.pick(changes.version(), version),
        Maps.pick(changes.tags(), tags),
        createdDate,
        protocolType,
        Maps.pick(changes.corsConfiguration(), corsConfiguration),
        Maps.pick(changes.ipAddressType(), ipAddressType));
  }
}
