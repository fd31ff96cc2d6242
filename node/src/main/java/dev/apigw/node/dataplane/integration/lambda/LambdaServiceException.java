package dev.apigw.node.dataplane.integration.lambda;

/**
 * The Lambda service refused the invocation (it never reached the function, or the service
 * failed): a non-2xx answer such as 404 {@code ResourceNotFoundException} or 429 {@code
 * TooManyRequestsException}.
 */
public final class LambdaServiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String errorType;
  private final String serviceMessage;

  /**
   * @param status the HTTP status Lambda answered
   * @param errorType the {@code x-amzn-ErrorType}, e.g. {@code ResourceNotFoundException}
   * @param serviceMessage the {@code message} of Lambda's error body; may be empty
   */
  public LambdaServiceException(int status, String errorType, String serviceMessage) {
    super("Lambda answered " + status + " " + errorType + ": " + serviceMessage);
    this.status = status;
    this.errorType = errorType;
    this.serviceMessage = serviceMessage;
  }

  /** The HTTP status Lambda answered. */
  public int status() {
    return status;
  }

  /** Lambda's error type, e.g. {@code ResourceNotFoundException}. */
  public String errorType() {
    return errorType;
  }

  /** Lambda's error message as it sent it. */
  public String serviceMessage() {
    return serviceMessage;
  }
}
