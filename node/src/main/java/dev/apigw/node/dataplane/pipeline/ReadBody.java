package dev.apigw.node.dataplane.pipeline;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * Reads the body into the method request (bounded in size and time), unless the integration streams it to the
 * backend and no validator needs it.
 */
final class ReadBody implements RestStep {
  private final BodyReader body;

  ReadBody(BodyReader body) {
    this.body = body;
  }

  @Override
  public CompletionStage<HttpResponse> apply(RestExchange ex) {
    // A data trace logs the body, so it is read then (bounded like any other).
    if (ex.method.integration().streamsRequestBody() && ex.method.validation().isEmpty()
        && !ex.executionLog.dataTrace()) {
      return CONTINUE;
    }
    return body.read(ex.http).thenApply(strict -> {
      ex.http = strict;
      // BodyReader answers with a strict entity.
      ex.request = ex.request.withBody(((HttpEntity.Strict) strict.entity()).getData().toArray());
      return null;
    });
  }
}
