package dev.apigw.protocol.v2;

import dev.apigw.protocol.CborSerializable;
import java.util.List;

/**
 * A REQUEST (Lambda) authorizer's configuration; the data plane runs it for {@code $connect}.
 *
 * @param authorizerId 7 lowercase alphanumerics
 * @param name 1-128 characters
 * @param authorizerType REQUEST
 * @param authorizerUri the Lambda function's invocation URI
 * @param authorizerCredentialsArn optional
 * @param identitySource e.g. {@code route.request.header.Auth}, {@code route.request.querystring.token}
 * @param identityValidationExpression optional
 * @param authorizerResultTtlInSeconds optional, 0-3600
 */
public record Authorizer(
    String authorizerId,
    String name,
    String authorizerType,
    String authorizerUri,
    String authorizerCredentialsArn,
    List<String> identitySource,
    String identityValidationExpression,
    Integer authorizerResultTtlInSeconds)
    implements CborSerializable {
  public Authorizer {
    identitySource = identitySource == null ? List.of() : List.copyOf(identitySource);
  }
}
