package dev.apigw.node.dataplane.httpapi;

import dev.apigw.node.dataplane.http.HttpApiSnapshot;
import dev.apigw.node.dataplane.http.HttpApiSnapshot.LiveHttpApi;
import dev.apigw.node.dataplane.http.HttpApiSnapshot.LiveHttpStage;
import dev.apigw.node.dataplane.request.MethodRequest;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * Picks the stage as AWS does: a first path segment that names a stage selects it (the rest is the path); otherwise
 * the {@code $default} stage serves the whole path; otherwise 404 {@code Not Found}. A disabled execute-api endpoint
 * answers 403 {@code Forbidden}, as for REST and WebSocket APIs (only custom domains reach the API then).
 */
final class ResolveHttpStage implements HttpStep {
  @Override
  public CompletionStage<HttpResponse> apply(HttpExchange ex) {
    LiveHttpApi api = ex.api;
    if (Boolean.TRUE.equals(api.api().disableExecuteApiEndpoint()) && !ex.address.customDomain()) {
      throw HttpApiError.forbidden(java.util.Map.of());
    }
    String named = ex.address.stage();
    LiveHttpStage stage = named == null ? null : api.stages().get(named);
    if (stage != null && !HttpApiSnapshot.DEFAULT_STAGE.equals(named)) {
      ex.stage = stage;
      ex.stageName = named;
      ex.path = ex.address.path();
      ex.rawPath = "/" + named + (ex.path.equals("/") ? "" : ex.path);
    } else {
      stage = api.stages().get(HttpApiSnapshot.DEFAULT_STAGE);
      if (stage == null) {
        throw HttpApiError.notFound();
      }
      ex.stage = stage;
      ex.stageName = HttpApiSnapshot.DEFAULT_STAGE;
      ex.path = HttpApiSnapshot.DEFAULT_STAGE.equals(named) ? ex.address.path()
          : named == null ? "/" : "/" + named + (ex.address.path().equals("/") ? "" : ex.address.path());
      ex.rawPath = ex.path;
    }
    ex.request = MethodRequest.of(ex.http, ex.path);
    return CONTINUE;
  }
}
