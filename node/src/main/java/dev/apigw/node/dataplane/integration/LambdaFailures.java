package dev.apigw.node.dataplane.integration;

import dev.apigw.node.dataplane.integration.lambda.LambdaServiceException;
import dev.apigw.node.dataplane.integration.lambda.LambdaUnreachableException;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.http.AwsErrors;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a failed Lambda invocation reaches the client, as AWS answers it. */
final class LambdaFailures {
  private static final Logger log = LoggerFactory.getLogger(LambdaFailures.class);

  private LambdaFailures() {}

  /** The gateway error for {@code failure}: 504 on timeout, 500 for a configuration problem, else 502. */
  static GatewayError map(Throwable failure, String uri) {
    Throwable t = AwsErrors.unwrap(failure);
    if (t instanceof GatewayError g) {
      return g;
    }
    if (t instanceof TimeoutException) {
      return new GatewayError(ResponseTypes.INTEGRATION_TIMEOUT, ResponseTypes.defaultMessage(ResponseTypes.INTEGRATION_TIMEOUT));
    }
    log.warn("Lambda invocation of {} failed: {}", uri, t.toString());
    if (t instanceof LambdaServiceException e && (e.status() == 403 || e.status() == 404 || e.status() == 400)) {
      // Unknown function, no permission, bad request: AWS's "Execution failed due to configuration error".
      return new GatewayError(ResponseTypes.API_CONFIGURATION_ERROR, ResponseTypes.INTERNAL_SERVER_ERROR);
    }
    if (t instanceof LambdaUnreachableException || t instanceof LambdaServiceException) {
      return new GatewayError(ResponseTypes.INTEGRATION_FAILURE, 502, ResponseTypes.INTERNAL_SERVER_ERROR, null);
    }
    return new GatewayError(ResponseTypes.DEFAULT_5XX, 502, ResponseTypes.INTERNAL_SERVER_ERROR, null);
  }

  /** AWS's answer to a function that failed or returned a malformed proxy response. */
  static GatewayError malformed() {
    return new GatewayError(ResponseTypes.DEFAULT_5XX, 502, ResponseTypes.INTERNAL_SERVER_ERROR, null);
  }
}
