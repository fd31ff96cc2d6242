package dev.apigw.node.dataplane.pipeline;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/** Writes the usage plan check and the method request to the execution log, once admitted and the body read. */
final class LogMethodRequest implements RestStep {
  @Override
  public CompletionStage<HttpResponse> apply(RestExchange ex) {
    ex.executionLog.methodRequest(ex);
    return CONTINUE;
  }
}
