package dev.apigw.node.dataplane.integration;

import dev.apigw.node.dataplane.integration.aws.AssumeRoleException;
import dev.apigw.node.dataplane.integration.aws.AwsServiceUnreachableException;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.http.AwsErrors;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a failed AWS service call reaches the client, as AWS answers it; one log line each, no stack trace. */
final class AwsServiceFailures {
  private static final Logger log = LoggerFactory.getLogger(AwsServiceFailures.class);

  private AwsServiceFailures() {}

  /** 504 on timeout, 500 when the integration's role cannot be assumed (configuration), 502 when unreachable. */
  static GatewayError map(Throwable failure, String service) {
    Throwable t = AwsErrors.unwrap(failure);
    if (t instanceof GatewayError g) {
      return g;
    }
    if (t instanceof TimeoutException) {
      log.info("AWS integration: {}", t.getMessage());
      return new GatewayError(ResponseTypes.INTEGRATION_TIMEOUT, ResponseTypes.defaultMessage(ResponseTypes.INTEGRATION_TIMEOUT));
    }
    if (t instanceof AssumeRoleException) {
      log.warn("AWS integration with {}: {}", service, t.getMessage());
      return new GatewayError(ResponseTypes.API_CONFIGURATION_ERROR, ResponseTypes.INTERNAL_SERVER_ERROR);
    }
    if (t instanceof AwsServiceUnreachableException u) {
      log.warn("AWS integration: {} at {} is unreachable ({}); set GATEWAY_AWS_ENDPOINT_{} if it runs elsewhere",
          u.service(), u.endpoint(), u.getCause() == null ? "no detail" : u.getCause().toString(),
          u.service().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
      return new GatewayError(ResponseTypes.INTEGRATION_FAILURE, 502, ResponseTypes.INTERNAL_SERVER_ERROR, null);
    }
    if (t instanceof IllegalArgumentException) {
      log.warn("AWS integration with {}: {}", service, t.getMessage());
      return new GatewayError(ResponseTypes.API_CONFIGURATION_ERROR, ResponseTypes.INTERNAL_SERVER_ERROR);
    }
    log.warn("AWS integration with {} failed: {}", service, t.toString());
    return new GatewayError(ResponseTypes.DEFAULT_5XX, 502, ResponseTypes.INTERNAL_SERVER_ERROR, null);
  }
}
