package dev.apigw.node.dataplane.pipeline;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * Throttles in AWS's order (key and method, key, method, stage default, account) and the usage plan's quota; over a
 * limit is 429 ({@code THROTTLED} or {@code QUOTA_EXCEEDED}).
 */
final class ApplyUsageLimits implements RestStep {
  private final UsageCheck usage;

  ApplyUsageLimits(UsageCheck usage) {
    this.usage = usage;
  }

  @Override
  public CompletionStage<HttpResponse> apply(RestExchange ex) {
    return usage.check(ex.address.apiId(), ex.stage.stage(), ex.resource.path(), ex.request.httpMethod(), ex.apiKey)
        .thenApply(v -> null);
  }
}
