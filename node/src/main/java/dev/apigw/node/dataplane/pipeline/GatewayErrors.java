package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;

/** The refusals several steps answer with. */
final class GatewayErrors {
  private GatewayErrors() {}

  /** AWS's answer for anything it cannot route: 403 {@code Missing Authentication Token}. */
  static GatewayError missingAuthenticationToken() {
    return new GatewayError(ResponseTypes.MISSING_AUTHENTICATION_TOKEN,
        ResponseTypes.defaultMessage(ResponseTypes.MISSING_AUTHENTICATION_TOKEN));
  }

  /** 413 {@code Request Too Long}. */
  static GatewayError tooLarge() {
    return new GatewayError(ResponseTypes.REQUEST_TOO_LARGE, ResponseTypes.defaultMessage(ResponseTypes.REQUEST_TOO_LARGE));
  }
}
