package dev.apigw.protocol.errors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A request field violates its enum or pattern constraint; AWS's message is "1 validation error detected: Value
 * ... at '...' failed to satisfy constraint: ...". HTTP 400.
 */
public final class ValidationException extends ApiGatewayException {
  @JsonCreator
  public ValidationException(@JsonProperty("message") String message) {
    super(message);
  }

  @Override
  public int status() {
    return 400;
  }
}
