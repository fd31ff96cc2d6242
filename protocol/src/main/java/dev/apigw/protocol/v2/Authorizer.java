package dev.apigw.protocol.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.apigw.protocol.CborSerializable;
import java.util.List;

/**
 * An authorizer's configuration: a REQUEST (Lambda) authorizer, which the data plane runs for a WebSocket API's
 * {@code $connect} or an HTTP API's CUSTOM routes, or (HTTP APIs) a JWT authorizer. As a partial update
 * (UpdateAuthorizer), null fields mean "unchanged".
 *
 * @param authorizerId 7 lowercase alphanumerics
 * @param name 1-128 characters
 * @param authorizerType REQUEST or (HTTP APIs) JWT
 * @param authorizerUri the Lambda function's invocation URI (REQUEST)
 * @param authorizerCredentialsArn optional
 * @param identitySource e.g. {@code route.request.header.Auth} (WebSocket), {@code $request.header.Authorization} (HTTP)
 * @param identityValidationExpression optional
 * @param authorizerResultTtlInSeconds optional, 0-3600
 * @param jwtConfiguration a JWT authorizer's issuer and audiences, or null
 * @param authorizerPayloadFormatVersion an HTTP API REQUEST authorizer's payload version, {@code 1.0} or {@code 2.0}
 * @param enableSimpleResponses whether an HTTP API REQUEST authorizer (payload 2.0) answers {@code {"isAuthorized"}}
 */
public record Authorizer(
    String authorizerId,
    String name,
    String authorizerType,
    String authorizerUri,
    String authorizerCredentialsArn,
    List<String> identitySource,
    String identityValidationExpression,
    Integer authorizerResultTtlInSeconds,
    JwtConfiguration jwtConfiguration,
    String authorizerPayloadFormatVersion,
    Boolean enableSimpleResponses)
    implements CborSerializable {
  @JsonCreator
  public Authorizer {
    identitySource = identitySource == null ? List.of() : List.copyOf(identitySource);
  }

  /** An authorizer without the HTTP-only fields (every WebSocket authorizer). */
  public Authorizer(String authorizerId, String name, String authorizerType, String authorizerUri,
      String authorizerCredentialsArn, List<String> identitySource, String identityValidationExpression,
      Integer authorizerResultTtlInSeconds) {
    this(authorizerId, name, authorizerType, authorizerUri, authorizerCredentialsArn, identitySource,
        identityValidationExpression, authorizerResultTtlInSeconds, null, null, null);
  }

  /**
   * This authorizer with the set fields of {@code changes} (an empty {@code identitySource} means "unchanged"); the
   * id never changes.
   */
  public Authorizer withChanges(Authorizer changes) {
    return new Authorizer(
        authorizerId,
        Maps.pick(changes.name(), name),
        Maps.pick(changes.authorizerType(), authorizerType),
        Maps.pick(changes.authorizerUri(), authorizerUri),
        Maps.pick(changes.authorizerCredentialsArn(), authorizerCredentialsArn),
        changes.identitySource().isEmpty() ? identitySource : changes.identitySource(),
        Maps.pick(changes.identityValidationExpression(), identityValidationExpression),
        Maps.pick(changes.authorizerResultTtlInSeconds(), authorizerResultTtlInSeconds),
        Maps.pick(changes.jwtConfiguration(), jwtConfiguration),
        Maps.pick(changes.authorizerPayloadFormatVersion(), authorizerPayloadFormatVersion),
        Maps.pick(changes.enableSimpleResponses(), enableSimpleResponses));
  }
}
