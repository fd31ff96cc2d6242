package dev.apigw.node.http;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import dev.apigw.protocol.errors.ApiGatewayException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.scaladsl.model.EntityStreamException;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.http.scaladsl.model.IllegalRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS's error responses: body {@code {"message": ...}}, header {@code x-amzn-ErrorType}, and the
 * status that goes with the type.
 */
public final class AwsErrors {
  private static final Logger log = LoggerFactory.getLogger(AwsErrors.class);

  /** Header AWS uses to name the error type. */
  public static final String ERROR_TYPE = "x-amzn-ErrorType";

  private AwsErrors() {}

  /** An error response with AWS's body and type header; a null message renders as JSON null. */
  public static HttpResponse error(int status, String errorType, String message) {
    return error(status, errorType, "message", message);
  }

  /** As {@link #error(int, String, String)} with the message in {@code field}: IAM denials answer {@code Message}. */
  public static HttpResponse error(int status, String errorType, String field, String message) {
    var body = Json.object();
    if (message == null) {
      body.putNull(field);
    } else {
      body.put(field, message);
    }
    return HttpResponse.create()
        .withStatus(status)
        .addHeader(RawHeader.create(ERROR_TYPE, errorType))
        .withEntity(Json.entity(body));
  }

  /** AWS's 503: the request was not (or may not have been) carried out, and the caller may retry it. */
  public static HttpResponse serviceUnavailable(String message) {
    return error(StatusCodes.SERVICE_UNAVAILABLE.intValue(), "ServiceUnavailableException", message);
  }

  /** The response for a failure anywhere in a request, after unwrapping async wrappers. */
  public static HttpResponse of(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof ApiGatewayException e) {
      return error(e.status(), e.errorType(), e.getMessage());
    }
    if (t instanceof EntityStreamSizeException e) {
      return error(
          StatusCodes.PAYLOAD_TOO_LARGE.intValue(),
          "PayloadTooLargeException",
          "Request body is larger than the limit of " + e.limit() + " bytes");
    }
    if (t instanceof IllegalRequestException e) {
      // Raised by Pekko for requests it refuses to read, e.g. a body over the limit.
      int status = e.status().intValue();
      String type = status == 413 ? "PayloadTooLargeException" : "BadRequestException";
      return error(status, type, e.info().formatPretty());
    }
    if (t instanceof DriverTimeoutException || t instanceof AllNodesFailedException
        || t instanceof QueryConsistencyException || t instanceof UnavailableException) {
      // Read straight from Cassandra (the history's journal queries) while it is down or short of replicas.
      log.warn("Cassandra did not answer: {}", t.toString());
      return serviceUnavailable("The configuration store (Cassandra) does not answer; retry the request");
    }
    if (t instanceof TimeoutException) {
      // Timeouts mean the journal or an entity did not answer in time: the write may not have
      // happened, and the caller may retry.
      log.warn("Request timed out: {}", t.toString());
      return serviceUnavailable("The service is unavailable; retry the request");
    }
    log.error("Unexpected failure", t);
    return error(500, "InternalFailure", "The request processing has failed because of an unknown error");
  }

  /** Strips {@link CompletionException} and {@link ExecutionException} layers. */
  public static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /**
   * Whether {@code failure} says a body was over its limit: the server's {@code EntityStreamSizeException}, or the
   * {@code EntityStreamException} ("Request too large") that {@code toStrict(timeout, maxBytes)} fails with.
   */
  public static boolean isBodyTooLarge(Throwable failure) {
    Throwable t = unwrap(failure);
    return t instanceof EntityStreamSizeException
        || (t instanceof EntityStreamException e && e.getMessage() != null && e.getMessage().startsWith("Request too large"));
  }
}
