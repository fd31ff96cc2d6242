package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.authorizers.Authorizers;
import dev.apigw.node.dataplane.authorizers.IamAuthorization;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.dataplane.snapshot.CompiledMethod;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The method's authorization: {@code AWS_IAM} (a SigV4 signature over the body, so the body is read first, by a data
 * plane key pair whose allow list covers the method ARN), a Lambda
 * or Cognito authorizer ({@code CUSTOM}, {@code COGNITO_USER_POOLS}), or none. Refusals are the authorizers' 401, 403
 * and 500; an authorization type this gateway does not know is refused loudly, never served open.
 */
final class Authorize implements RestStep {
  private static final Logger log = LoggerFactory.getLogger(Authorize.class);

  private final Authorizers authorizers;
  private final IamAuthorization iam;
  private final BodyReader body;

  Authorize(Authorizers authorizers, IamAuthorization iam, BodyReader body) {
    this.authorizers = authorizers;
    this.iam = iam;
    this.body = body;
  }

  @Override
  public CompletionStage<HttpResponse> apply(RestExchange ex) {
    CompiledMethod method = ex.method;
    String type = method.method().authorizationType();
    if ("AWS_IAM".equals(type)) {
      return body.read(ex.http).thenApply(strict -> {
        ex.http = strict;
        ex.callerSigned(iam.authorize(strict, ex.invocation()));
        return null;
      });
    }
    if (method.authorizer() != null) {
      ex.executionLog.authorizerStarted(ex, method.authorizer().authorizer().id());
      return authorizers.authorize(method.authorizer(), ex.invocation(), ex.deployment.id(),
          method.method().authorizationScopes()).thenApply(allowed -> {
            ex.authorizedBy(allowed);
            ex.executionLog.authorizerSucceeded();
            return null;
          });
    }
    if (type != null && !"NONE".equals(type)) {
      log.warn("authorizationType {} is not supported by this gateway; refusing the request", type);
      throw new GatewayError(ResponseTypes.AUTHORIZER_CONFIGURATION_ERROR, 500,
          "authorizationType " + type + " is not supported by this gateway", null);
    }
    return CONTINUE;
  }
}
