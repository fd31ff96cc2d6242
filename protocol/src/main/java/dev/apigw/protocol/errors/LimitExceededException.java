package dev.apigw.protocol.errors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A service limit was exceeded. HTTP 429. */
public final class LimitExceededException extends ApiGatewayException {
  @JsonCreator
  public LimitExceededException(@JsonProperty("message") String message) {
    super(message);
  }

  @Override
  public int status() {
    return 429;
  }
}
