package dev.apigw.node.dataplane.responses;

import java.util.Map;

/**
 * A request ends in a gateway response of {@code responseType} (e.g. {@code BAD_REQUEST_BODY})
 * instead of reaching, or after, the integration.
 */
public final class GatewayError extends RuntimeException {
  private final String responseType;
  private final int status;
  private final String validationErrorString;
  private final Map<String, String> headers;
  private final String messageField;

  /** With the type's default status. */
  public GatewayError(String responseType, String message) {
    this(responseType, ResponseTypes.defaultStatus(responseType), message, null);
  }

  /**
   * @param responseType the gateway response type
   * @param status the status when the type has no status of its own (DEFAULT_4XX/5XX)
   * @param message what {@code $context.error.message} holds
   * @param validationErrorString what {@code $context.error.validationErrorString} holds, or null
   */
  public GatewayError(String responseType, int status, String message, String validationErrorString) {
    this(responseType, status, message, validationErrorString, Map.of());
  }

  private GatewayError(String responseType, int status, String message, String validationErrorString,
      Map<String, String> headers, String messageField) {
    super(message, null, false, false);
    this.responseType = responseType;
    this.status = status;
    this.validationErrorString = validationErrorString;
    this.headers = Map.copyOf(headers);
    this.messageField = messageField;
  }

  private GatewayError(String responseType, int status, String message, String validationErrorString,
      Map<String, String> headers) {
    this(responseType, status, message, validationErrorString, headers, "message");
  }

  /** The same error with response headers of its own (e.g. {@code Retry-After} on a 429). */
  public GatewayError withHeaders(Map<String, String> headers) {
    return new GatewayError(responseType, status, getMessage(), validationErrorString, headers, messageField);
  }

  /**
   * The same error whose default body names its message {@code field}: AWS's IAM denials answer {@code
   * {"Message": ...}}, not {@code {"message": ...}}. A customised gateway response renders as usual.
   */
  public GatewayError withMessageField(String field) {
    return new GatewayError(responseType, status, getMessage(), validationErrorString, headers, field);
  }

  /** The field the default body puts the message in: {@code message}, or {@code Message} for IAM denials. */
  public String messageField() {
    return messageField;
  }

  /** Headers the response carries besides the gateway response's own; a gateway response's mapping wins. */
  public Map<String, String> headers() {
    return headers;
  }

  public String responseType() {
    return responseType;
  }

  public int status() {
    return status;
  }

  public String validationErrorString() {
    return validationErrorString;
  }
}
