package dev.apigw.node.dataplane.pipeline;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/** A body whose declared length is over the payload limit (AWS: 10 MB) is refused with 413 before any work. */
final class RefuseOversizedBody implements RestStep {
  private final long maxBodyBytes;

  RefuseOversizedBody(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public CompletionStage<HttpResponse> apply(RestExchange ex) {
    var declared = ex.http.entity().getContentLengthOption();
    if (declared.isPresent() && declared.getAsLong() > maxBodyBytes) {
      throw GatewayErrors.tooLarge();
    }
    return CONTINUE;
  }
}
