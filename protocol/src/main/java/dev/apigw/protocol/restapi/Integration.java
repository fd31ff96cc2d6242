package dev.apigw.protocol.restapi;

import dev.apigw.protocol.CborSerializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A method's backend: where and how a request is sent.
 *
 * @param type HTTP, HTTP_PROXY, MOCK, AWS or AWS_PROXY
 * @param httpMethod the backend method (required except for MOCK)
 * @param uri the backend URI (required except for MOCK)
 * @param connectionType INTERNET or VPC_LINK
 * @param connectionId the VPC link id, when VPC_LINK
 * @param credentials role ARN for AWS integrations
 * @param requestParameters integration request parameter to mapping expression
 * @param requestTemplates content type to VTL template
 * @param passthroughBehavior WHEN_NO_MATCH, WHEN_NO_TEMPLATES or NEVER
 * @param contentHandling CONVERT_TO_BINARY, CONVERT_TO_TEXT or null
 * @param timeoutInMillis 50 to 29000
 * @param cacheNamespace cache namespace (defaults to the resource id)
 * @param cacheKeyParameters request parameters that form the cache key
 * @param integrationResponses status code to integration response
 */
public record Integration(
    String type,
    String httpMethod,
    String uri,
    String connectionType,
    String connectionId,
    String credentials,
    Map<String, String> requestParameters,
    Map<String, String> requestTemplates,
    String passthroughBehavior,
    String contentHandling,
    int timeoutInMillis,
    String cacheNamespace,
    List<String> cacheKeyParameters,
    Map<String, IntegrationResponse> integrationResponses)
    implements CborSerializable {
  public Integration {
    requestParameters = requestParameters == null ? Map.of() : Map.copyOf(requestParameters);
    requestTemplates = requestTemplates == null ? Map.of() : Map.copyOf(requestTemplates);
    cacheKeyParameters = cacheKeyParameters == null ? List.of() : List.copyOf(cacheKeyParameters);
    integrationResponses = integrationResponses == null ? Map.of() : Map.copyOf(integrationResponses);
  }

  public Integration withResponse(IntegrationResponse response) {
    var next = new HashMap<>(integrationResponses);
    next.put(response.statusCode(), response);
    return withResponses(next);
  }

  public Integration withoutResponse(String statusCode) {
    var next = new HashMap<>(integrationResponses);
    next.remove(statusCode);
    return withResponses(next);
  }

  private Integration withResponses(Map<String, IntegrationResponse> responses) {
    return new Integration(type, httpMethod, uri, connectionType, connectionId, credentials, requestParameters,
        requestTemplates, passthroughBehavior, contentHandling, timeoutInMillis, cacheNamespace, cacheKeyParameters,
        responses);
  }
}
