package dev.apigw.protocol.errors;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.apigw.protocol.CborSerializable;

/**
 * A failure that the management API reports to its caller in AWS's shape: the subclass's simple
 * name is the {@code x-amzn-ErrorType}, {@link #status()} the HTTP status.
 *
 * <p>They travel inside {@code StatusReply.error} between nodes, so they are {@link
 * CborSerializable}: only the message is written, and each subclass has a {@code JsonCreator}.
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.NONE,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public abstract class ApiGatewayException extends RuntimeException implements CborSerializable {
  protected ApiGatewayException(String message) {
    super(message, null, false, false);
  }

  /** What AWS puts in the body's {@code message}; also the one serialized field. */
  @JsonProperty("message")
  public String message() {
    return getMessage();
  }

  /** The HTTP status AWS uses for this error. */
  public abstract int status();

  /** The value of {@code x-amzn-ErrorType}. */
  public String errorType() {
    return getClass().getSimpleName();
  }
}
