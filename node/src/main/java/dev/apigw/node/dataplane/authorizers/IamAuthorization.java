package dev.apigw.node.dataplane.authorizers;

import dev.apigw.node.sigv4.SigV4Directives;
import dev.apigw.node.sigv4.SigV4Result;
import dev.apigw.node.sigv4.SigV4Verifier;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.http.AwsErrors;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * {@code AWS_IAM} authorization of REST methods: the request must carry a valid SigV4 signature (header or query
 * string) for service {@code execute-api}, made with one of the gateway's key pairs ({@code gateway.credentials}).
 * There is no IAM policy store here: a valid signature with a known key is allowed to invoke every method.
 *
 * <p>Answers as API Gateway does: no signature is 403 {@code Missing Authentication Token}
 * ({@code MISSING_AUTHENTICATION_TOKEN}); a wrong, incomplete or expired signature, or an unknown key, is 403 with
 * SigV4's message and error type ({@code INVALID_SIGNATURE}, e.g. {@code UnrecognizedClientException}).
 */
public final class IamAuthorization {
  private static final String MISSING = "MissingAuthenticationTokenException";

  private final SigV4Verifier verifier;

  /** @param verifier a verifier for service {@code execute-api} */
  public IamAuthorization(SigV4Verifier verifier) {
    this.verifier = verifier;
  }

  /**
   * The access key that signed {@code request}, whose entity must be strict (the signature covers the body).
   *
   * @throws GatewayError when the signature does not hold
   */
  public String verify(HttpRequest request) {
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
