package dev.apigw.protocol.v2;

import dev.apigw.protocol.CborSerializable;
import dev.apigw.protocol.v2.Maps;
import java.util.Map;

/**
 * What a route answers the client (two-way routes); WebSocket APIs support only the key {@code $default}.
 *
 * @param routeResponseId 7 lowercase alphanumerics
 * @param routeResponseKey {@code $default}
 * @param modelSelectionExpression optional
 * @param responseModels content type to model name
 * @param responseParameters parameter name to whether it is required
 */
public record RouteResponse(
    String routeResponseId,
    String routeResponseKey,
    String modelSelectionExpression,
    Map<String, String> responseModels,
    Map<String, Boolean> responseParameters)
    implements CborSerializable {
  public RouteResponse {
    responseModels = Maps.copy(responseModels);
    responseParameters = Maps.copy(responseParameters);
  }
}
