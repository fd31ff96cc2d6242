package dev.apigw.node.dataplane.authorizers;

import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.sigv4.SigV4Directives;
import dev.apigw.node.sigv4.SigV4Result;
import dev.apigw.node.sigv4.SigV4Verifier;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * {@code AWS_IAM} authorization of REST methods and WebSocket {@code $connect}: the request must carry a valid SigV4
 * signature (header or query string) for service {@code execute-api} in the gateway's region, made with one of the
 * data plane's key pairs ({@code gateway.auth.invoke-credentials}, or the management pairs while that is unset), whose
 * allow list ({@link InvokePermissions}) covers the method's ARN.
 *
 * <p>Answers as API Gateway does: no signature is 403 {@code Missing Authentication Token}
 * ({@code MISSING_AUTHENTICATION_TOKEN}); a wrong, incomplete or expired signature, or an unknown key, is 403 with
 * SigV4's message and error type ({@code INVALID_SIGNATURE}, e.g. {@code UnrecognizedClientException}); a known key
 * outside its allow list is 403 {@code {"Message":"User: ... is not authorized to perform: execute-api:Invoke on
 * resource: ..."}} ({@code ACCESS_DENIED}, {@code AccessDeniedException}).
 */
public final class IamAuthorization {
  private static final String MISSING = "MissingAuthenticationTokenException";

  private final SigV4Verifier verifier;
  private final InvokePermissions permissions;
  private final String region;

  /**
   * @param verifier a verifier for service {@code execute-api} with the data plane's key pairs
   * @param permissions what each of those keys may invoke
   * @param region the gateway's region, in method ARNs
   */
  public IamAuthorization(SigV4Verifier verifier, InvokePermissions permissions, String region) {
    this.verifier = verifier;
    this.permissions = permissions;
    this.region = region;
  }

  /** {@link #authorize(HttpRequest, String)} for the method {@code inv} calls: {@code http} is its strict request. */
  public String authorize(HttpRequest http, Invocation inv) {
    return authorize(http, methodArn(region, inv));
  }

  /** {@code arn:aws:execute-api:region:account:apiId/stage/VERB/path} with the request's own path, as AWS has it. */
  static String methodArn(String region, Invocation inv) {
    String path = inv.address().path();
    return InvokePermissions.arn(region, String.valueOf(inv.context().get("accountId")), inv.address().apiId(),
        inv.address().stage(), inv.request().httpMethod() + "/" + (path.startsWith("/") ? path.substring(1) : path));
  }

  /**
   * The access key that signed {@code request} (whose entity must be strict: the signature covers the body), once its
   * allow list lets it invoke {@code resourceArn}.
   *
   * @throws GatewayError when the signature does not hold or the key may not invoke {@code resourceArn}
   */
  public String authorize(HttpRequest request, String resourceArn) {
    String accessKeyId = verify(request);
    permissions.denial(accessKeyId, InvokePermissions.INVOKE, resourceArn).ifPresent(message -> {
      throw new GatewayError(ResponseTypes.ACCESS_DENIED, message)
          .withHeaders(Map.of(AwsErrors.ERROR_TYPE, "AccessDeniedException"))
          .withMessageField("Message");
    });
    return accessKeyId;
  }

  private String verify(HttpRequest request) {
    SigV4Result result = verifier.verify(SigV4Directives.signedRequest(request));
    if (result instanceof SigV4Result.Accepted accepted) {
      return accepted.accessKeyId();
    }
    var rejected = (SigV4Result.Rejected) result;
    if (MISSING.equals(rejected.errorType())) {
      throw new GatewayError(ResponseTypes.MISSING_AUTHENTICATION_TOKEN,
          ResponseTypes.defaultMessage(ResponseTypes.MISSING_AUTHENTICATION_TOKEN));
    }
    throw new GatewayError(ResponseTypes.INVALID_SIGNATURE, rejected.message())
        .withHeaders(Map.of(AwsErrors.ERROR_TYPE, rejected.errorType()));
  }
}
