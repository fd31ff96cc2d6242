package dev.apigw.node.dataplane.integration.lambda;

import java.net.URI;

/**
 * The Lambda endpoint could not be reached, or the connection failed before a complete answer:
 * refused, unknown host, TLS failure, closed mid-response.
 */
public final class LambdaUnreachableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param endpoint the Lambda endpoint that was called
   * @param cause the transport failure
   */
  public LambdaUnreachableException(URI endpoint, Throwable cause) {
    super("Lambda endpoint " + endpoint + " could not be reached: " + cause.getMessage(), cause);
  }
}
