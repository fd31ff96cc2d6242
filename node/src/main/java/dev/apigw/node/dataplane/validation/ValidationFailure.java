package dev.apigw.node.dataplane.validation;

import java.util.List;

/**
 * Why a request validator refused a request: the gateway response to send and the texts that
 * {@code $context.error.message} and {@code $context.error.validationErrorString} expand to.
 *
 * @param responseType {@value #BAD_REQUEST_PARAMETERS} or {@value #BAD_REQUEST_BODY}
 * @param message AWS's client-facing message, e.g. {@code Invalid request body}
 * @param validationErrorString AWS's detail, e.g. {@code [object has missing required properties (["name"])]}
 */
public record ValidationFailure(String responseType, String message, String validationErrorString) {

  /** Gateway response type for missing required request parameters. */
  public static final String BAD_REQUEST_PARAMETERS = "BAD_REQUEST_PARAMETERS";

  /** Gateway response type for a body that does not match its model. */
  public static final String BAD_REQUEST_BODY = "BAD_REQUEST_BODY";

  /** AWS's message for a body that does not match its model. */
  public static final String INVALID_REQUEST_BODY = "Invalid request body";

  /** Required parameters are missing or blank; {@code names} in the order AWS lists them. */
  public static ValidationFailure missingParameters(List<String> names) {
    String message = "Missing required request parameters: [" + String.join(", ", names) + "]";
    return new ValidationFailure(BAD_REQUEST_PARAMETERS, message, message);
  }

  /** The body does not match its model; {@code details} are AWS-style schema messages. */
  public static ValidationFailure invalidBody(List<String> details) {
    return new ValidationFailure(BAD_REQUEST_BODY, INVALID_REQUEST_BODY, "[" + String.join(", ", details) + "]");
  }
}
