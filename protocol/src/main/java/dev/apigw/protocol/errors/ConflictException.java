package dev.apigw.protocol.errors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The request conflicts with the current state of the resource. HTTP 409. */
public final class ConflictException extends ApiGatewayException {
  @JsonCreator
  public ConflictException(@JsonProperty("message") String message) {
    super(message);
  }

  @Override
  public int status() {
    return 409;
  }
}
