package dev.apigw.protocol.restapi;

import dev.apigw.protocol.CborSerializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP method on a resource, with its method responses and integration.
 *
 * @param httpMethod GET, POST, ..., or ANY
 * @param authorizationType NONE, AWS_IAM, CUSTOM or COGNITO_USER_POOLS
 * @param authorizerId the authorizer, for CUSTOM and COGNITO_USER_POOLS
 * @param apiKeyRequired whether callers must send an API key
 * @param operationName a friendly operation name
 * @param requestParameters request parameter ({@code method.request.querystring.x}) to required flag
 * @param requestModels content type to model name
 * @param requestValidatorId the request validator, or null
 * @param authorizationScopes OAuth scopes for COGNITO_USER_POOLS
 * @param methodResponses status code to method response
 * @param integration the backend, or null until one is put
 */
public record Method(
    String httpMethod,
    String authorizationType,
    String authorizerId,
    boolean apiKeyRequired,
    String operationName,
    Map<String, Boolean> requestParameters,
    Map<String, String> requestModels,
    String requestValidatorId,
    List<String> authorizationScopes,
    Map<String, MethodResponse> methodResponses,
    Integration integration)
    implements CborSerializable {
  public Method {
    requestParameters = requestParameters == null ? Map.of() : Map.copyOf(requestParameters);
    requestModels = requestModels == null ? Map.of() : Map.copyOf(requestModels);
    authorizationScopes = authorizationScopes == null ? List.of() : List.copyOf(authorizationScopes);
    methodResponses = methodResponses == null ? Map.of() : Map.copyOf(methodResponses);
  }

  public Method withIntegration(Integration next) {
    return new Method(httpMethod, authorizationType, authorizerId, apiKeyRequired, operationName, requestParameters,
        requestModels, requestValidatorId, authorizationScopes, methodResponses, next);
  }

  public Method withMethodResponse(MethodResponse response) {
    var next = new HashMap<>(methodResponses);
    next.put(response.statusCode(), response);
    return withMethodResponses(next);
  }

  public Method withoutMethodResponse(String statusCode) {
    var next = new HashMap<>(methodResponses);
    next.remove(statusCode);
    return withMethodResponses(next);
  }

  private Method withMethodResponses(Map<String, MethodResponse> responses) {
    return new Method(httpMethod, authorizationType, authorizerId, apiKeyRequired, operationName, requestParameters,
        requestModels, requestValidatorId, authorizationScopes, responses, integration);
  }
}
