package dev.apigw.node.dataplane.request;

import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * What an integration tells a request's execution log (the {@code Endpoint request ...} and {@code Endpoint
 * response ...} lines). {@link #OFF} for a method that logs nothing: its calls cost a virtual call and nothing else.
 */
public interface ExecutionTrace {
  /** Logs nothing. */
  ExecutionTrace OFF = new ExecutionTrace() {};

  /** Whether anything is logged: lets a caller skip building what only the log reads. */
  default boolean enabled() {
    return false;
  }

  /** Whether the log takes headers and bodies ({@code dataTrace}): only then is a body worth keeping for it. */
  default boolean dataTrace() {
    return false;
  }

  /** The request the integration is about to send to {@code outgoing.getUri()}. */
  default void endpointRequest(HttpRequest outgoing) {}

  /**
   * The backend's response.
   *
   * @param body its body when it was read whole (non-proxy integrations), else null (streamed through)
   */
  default void endpointResponse(HttpResponse response, byte[] body) {}

  /** A request that is not an HTTP request of ours (a Lambda invocation): its URI as AWS shows it, and its body. */
  default void endpointRequest(String uri, byte[] body) {}

  /** The answer to {@link #endpointRequest(String, byte[])}. */
  default void endpointResponse(int status, byte[] body) {}
}
