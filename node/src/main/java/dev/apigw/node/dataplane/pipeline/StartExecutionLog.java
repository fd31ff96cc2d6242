package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.observability.ExecutionLogWriter;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/** Gives the request the execution log its stage asks for its method: none (the default) unless INFO or ERROR. */
final class StartExecutionLog implements RestStep {
  private final ExecutionLogWriter writer;

  StartExecutionLog(ExecutionLogWriter writer) {
    this.writer = writer;
  }

  @Override
  public CompletionStage<HttpResponse> apply(RestExchange ex) {
    ex.executionLog = StageExecutionLog.start(ex, writer);
    return CONTINUE;
  }
}
