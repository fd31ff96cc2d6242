package dev.apigw.protocol.errors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The requested resource does not exist. HTTP 404. */
public final class NotFoundException extends ApiGatewayException {
  @JsonCreator
  public NotFoundException(@JsonProperty("message") String message) {
    super(message);
  }

  @Override
  public int status() {
    return 404;
  }
}
