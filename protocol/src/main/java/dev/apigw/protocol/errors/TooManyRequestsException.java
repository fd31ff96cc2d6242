package dev.apigw.protocol.errors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The request was throttled. HTTP 429. */
public final class TooManyRequestsException extends ApiGatewayException {
  @JsonCreator
  public TooManyRequestsException(@JsonProperty("message") String message) {
    super(message);
  }

  @Override
  public int status() {
    return 429;
  }
}
