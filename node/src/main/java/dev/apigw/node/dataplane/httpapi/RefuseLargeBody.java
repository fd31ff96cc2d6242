package dev.apigw.node.dataplane.httpapi;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * A declared body over the payload limit (10 MB, as at AWS) is refused at once with 413; a chunked one that grows
 * over it fails while it streams, with the same answer.
 */
final class RefuseLargeBody implements HttpStep {
  private final long maxBodyBytes;

  RefuseLargeBody(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public CompletionStage<HttpResponse> apply(HttpExchange ex) {
    var length = ex.http.entity().getContentLengthOption();
    if (length.isPresent() && length.getAsLong() > maxBodyBytes) {
      throw new HttpApiError(413, "Request Entity Too Large");
    }
    return CONTINUE;
  }
}
