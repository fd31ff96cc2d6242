package dev.apigw.node.controlplane.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.Json;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /restapis/{id}/stages/{stage}/sdks/{sdkType}} (GetSdk: the zip as {@code application/octet-stream} with
 * {@code Content-Disposition: attachment; filename="..."}, as AWS sends it), {@code GET /sdktypes} (GetSdkTypes) and
 * {@code GET /sdktypes/{id}} (GetSdkType). Directives only.
 */
public final class SdkRoutes extends ControlPlaneDirectives {
  private final SdkService service;

  public SdkRoutes(SdkService service) {
    this.service = service;
  }

  public Route route() {
    return concat(
        pathPrefix("restapis", () -> pathPrefix(PathMatchers.segment(), apiId -> path(PathMatchers.segment("stages")
            .slash(PathMatchers.segment()).slash("sdks").slash(PathMatchers.segment()), (stage, sdkType) ->
            get(() -> parameterMap(parameters -> onComplete(service.sdk(apiId, stage, sdkType, parameters),
                outcome -> outcome.isSuccess()
                    ? complete(HttpResponse.create()
                        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, outcome.get().zip()))
                        .addHeader(RawHeader.create("Content-Disposition",
                            "attachment; filename=\"" + outcome.get().fileName() + "\"")))
                    : complete(AwsErrors.of(outcome.failed().get())))))))),
        pathPrefix("sdktypes", () -> concat(
            pathEndOrSingleSlash(() -> get(() -> respondJson(CompletableFuture.completedFuture(SdkTypes.ALL),
                StatusCodes.OK, types -> {
                  ObjectNode json = Json.object();
                  ArrayNode items = json.putArray("item");
                  types.forEach(t -> items.add(render(t)));
                  return json;
                }))),
            path(PathMatchers.segment(), id -> get(() -> respondJson(
                CompletableFuture.supplyAsync(() -> SdkTypes.get(id), Runnable::run), StatusCodes.OK,
                SdkRoutes::render))))));
  }

  private static JsonNode render(SdkType type) {
    ObjectNode json = Json.object();
    json.put("id", type.id());
    json.put("friendlyName", type.friendlyName());
    json.put("description", type.description());
    ArrayNode properties = json.putArray("configurationProperties");
    for (SdkType.Property p : type.configurationProperties()) {
      ObjectNode property = properties.addObject();
      property.put("name", p.name());
      property.put("friendlyName", p.friendlyName());
      property.put("description", p.description());
      property.put("required", p.required());
      if (p.defaultValue() != null) {
        property.put("defaultValue", p.defaultValue());
      }
    }
    return json;
  }
}
