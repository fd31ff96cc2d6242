package dev.apigw.protocol.errors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The request is invalid. HTTP 400. */
public final class BadRequestException extends ApiGatewayException {
  @JsonCreator
  public BadRequestException(@JsonProperty("message") String message) {
    super(message);
  }

  @Override
  public int status() {
    return 400;
  }
}
