package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.observability.ExecutionLogWriter;
import dev.apigw.node.dataplane.request.ExecutionTrace;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.snapshot.StageLogging;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * A request's execution log (the stage's {@code logging/loglevel}, AWS's CloudWatch group
 * {@code API-Gateway-Execution-Logs_{restApiId}/{stage}}). This base class logs nothing: it is every request's log
 * while its method's level is OFF, so the pipeline's calls cost nothing more than a virtual call.
 * {@link ExecutionLogRecorder} is the one that writes.
 */
class StageExecutionLog implements ExecutionTrace {
  static final StageExecutionLog OFF = new StageExecutionLog();

  StageExecutionLog() {}

  /** The log of {@code ex}, whose method just matched: {@link #OFF} unless its stage logs it. */
  static StageExecutionLog start(RestExchange ex, ExecutionLogWriter writer) {
    StageLogging logging = ex.stage.logging();
    if (logging.off()) {
      return OFF;
    }
    StageLogging.Method method = logging.method(ex.resource.path(), ex.method.method().httpMethod());
    return method.level() == StageLogging.Level.OFF ? OFF : ExecutionLogRecorder.stage(ex, method, writer);
  }

  /** The method's Lambda or Cognito authorizer {@code authorizerId} is about to run. */
  void authorizerStarted(RestExchange ex, String authorizerId) {}

  /** The authorizer allowed the request. */
  void authorizerSucceeded() {}

  /** The usage plan check and the method request, once the request is admitted and its body read. */
  void methodRequest(RestExchange ex) {}

  /** The request failed with {@code error}; {@code detail} says why when the caller knows more. */
  void failed(RestExchange ex, GatewayError error, String detail) {}

  /** The request is answered with {@code response}; the log is handed to the writer. */
  void completed(RestExchange ex, HttpResponse response) {}
}
