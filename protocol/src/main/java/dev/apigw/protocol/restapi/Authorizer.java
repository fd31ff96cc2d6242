package dev.apigw.protocol.restapi;

import dev.apigw.protocol.CborSerializable;
import java.util.List;

/**
 * An authorizer's configuration (evaluation is the data plane's job).
 *
 * @param id 10 lowercase alphanumerics
 * @param name unique per API
 * @param type TOKEN, REQUEST or COGNITO_USER_POOLS
 * @param authorizerUri the Lambda invocation URI (TOKEN, REQUEST)
 * @param authorizerCredentials role ARN to invoke it, optional
 * @param identitySource e.g. {@code method.request.header.Authorization}
 * @param identityValidationExpression regex the token must match (TOKEN), optional
 * @param authorizerResultTtlInSeconds cache TTL, 0-3600
 * @param providerARNs Cognito user pool ARNs (COGNITO_USER_POOLS)
 * @param authType free-form label
 */
public record Authorizer(
    String id,
    String name,
    String type,
    String authorizerUri,
    String authorizerCredentials,
    String identitySource,
    String identityValidationExpression,
    int authorizerResultTtlInSeconds,
    List<String> providerARNs,
    String authType)
    implements CborSerializable {
  public Authorizer {
    providerARNs = providerARNs == null ? List.of() : List.copyOf(providerARNs);
  }
}
