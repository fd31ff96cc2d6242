package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.throttle.ApiKeyCheck;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * AWS's API key check for {@code apiKeyRequired} methods: an enabled key in a usage plan of the stage, else 403. The
 * key is the {@code x-api-key} header, or the Lambda authorizer's {@code usageIdentifierKey} when the API's
 * {@code apiKeySource} is {@code AUTHORIZER}. The admitted key shows in {@code $context.identity.apiKey}/{@code apiKeyId}.
 */
final class RequireApiKey implements RestStep {
  private final KeyAdmission apiKeys;

  RequireApiKey(KeyAdmission apiKeys) {
    this.apiKeys = apiKeys;
  }

  @Override
  public CompletionStage<HttpResponse> apply(RestExchange ex) {
    if (!ex.method.method().apiKeyRequired()) {
      return CONTINUE;
    }
    String value = "AUTHORIZER".equals(ex.api.api().apiKeySource())
        ? (ex.authorized == null ? null : ex.authorized.usageIdentifierKey())
        : ex.http.getHeader(ApiKeyCheck.HEADER).map(HttpHeader::value).orElse(null); // not the method request's map
    ex.admittedWith(apiKeys.admit(value, ex.address.apiId(), ex.address.stage()));
    return CONTINUE;
  }
}
