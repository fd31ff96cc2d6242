package dev.apigw.protocol.errors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The service is temporarily unavailable. HTTP 503. */
public final class ServiceUnavailableException extends ApiGatewayException {
  @JsonCreator
  public ServiceUnavailableException(@JsonProperty("message") String message) {
    super(message);
  }

  @Override
  public int status() {
    return 503;
  }
}
