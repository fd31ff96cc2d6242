package dev.apigw.node.dataplane.integration.lambda;

/**
 * A function's result is not a valid Lambda proxy response; AWS answers the client 502 {@code
 * {"message": "Internal server error"}} and logs "Malformed Lambda proxy response".
 */
public final class MalformedLambdaResponseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what was wrong and what was expected */
  public MalformedLambdaResponseException(String message) {
    super("Malformed Lambda proxy response: " + message);
  }

  /**
   * @param message what was wrong and what was expected
   * @param cause the parser's failure
   */
  public MalformedLambdaResponseException(String message, Throwable cause) {
    super("Malformed Lambda proxy response: " + message, cause);
  }
}
