package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.node.dataplane.snapshot.LiveApi;
import dev.apigw.node.dataplane.snapshot.LiveStage;
import java.util.concurrent.CompletionStage;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * Finds the API and stage the address names in the node-local snapshot, and whether the stage's canary serves this
 * request (then its deployment and stage variable overrides apply). AWS's answers: no API addressed or no stage is
 * 403 {@code Missing Authentication Token}, an unmapped custom-domain path 403 {@code Forbidden}, an unknown API 404,
 * an API with {@code disableExecuteApiEndpoint} addressed other than through a custom domain 403 {@code Forbidden}.
 */
final class ResolveStage implements RestStep {
  private final Function<String, LiveApi> apis;
  private final DoubleSupplier percent;

  /**
   * @param apis the REST APIs this node serves, by id
   * @param percent draws a number in [0, 100) per request for the canary split
   */
  ResolveStage(Function<String, LiveApi> apis, DoubleSupplier percent) {
    this.apis = apis;
    this.percent = percent;
  }

  @Override
  public CompletionStage<HttpResponse> apply(RestExchange ex) {
    if (ex.address == null) {
      throw GatewayErrors.missingAuthenticationToken();
    }
    if (ex.address == ApiAddress.UNMAPPED) {
      throw forbidden();
    }
    LiveApi api = apis.apply(ex.address.apiId());
    if (api == null) {
      throw new GatewayError(ResponseTypes.RESOURCE_NOT_FOUND,
          ResponseTypes.defaultMessage(ResponseTypes.RESOURCE_NOT_FOUND));
    }
    if (api.api().disableExecuteApiEndpoint() && !ex.address.customDomain()) {
      // Only its custom domains serve an API whose default endpoint is off.
      throw forbidden();
    }
    LiveStage stage = ex.address.stage() == null ? null : api.stages().get(ex.address.stage());
    if (stage == null) {
      throw GatewayErrors.missingAuthenticationToken();
    }
    boolean canary = stage.canary() != null && percent.getAsDouble() < stage.canaryPercent();
    ex.api = api;
    ex.stage = stage;
    ex.canary = canary;
    ex.deployment = canary ? stage.canary() : stage.deployment();
    ex.stageVariables = canary ? stage.canaryVariables() : stage.stage().variables();
    return CONTINUE;
  }

  private static GatewayError forbidden() {
    return new GatewayError(ResponseTypes.FORBIDDEN, ResponseTypes.defaultMessage(ResponseTypes.FORBIDDEN));
  }
}
