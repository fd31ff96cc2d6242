package dev.apigw.node.controlplane.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.restapi.RestApiJson;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.protocol.errors.BadRequestException;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /restapis?mode=import} (ImportRestApi), {@code PUT /restapis/{id}} (PutRestApi) and
 * {@code GET /restapis/{id}/stages/{stage}/exports/{type}} (GetExport). Directives only. The import
 * route must come before CreateRestApi: it only matches when {@code mode} is present, so plain
 * CreateRestApi calls fall through unchanged.
 */
public final class OpenApiRoutes extends ControlPlaneDirectives {
  private final ImportService imports;
  private final ExportService exports;

  public OpenApiRoutes(ImportService imports, ExportService exports) {
    this.imports = imports;
    this.exports = exports;
  }

  public Route route(String by) {
    return pathPrefix("restapis", () -> concat(
        pathEndOrSingleSlash(() -> post(() -> parameter("mode", mode -> importApi(mode, by)))),
        pathPrefix(PathMatchers.segment(), apiId -> concat(
            pathEnd(() -> put(() -> rawBody(body -> parameterMap(query -> respondJson(
                imports.putApi(apiId, body, query, by), StatusCodes.OK, OpenApiRoutes::render))))),
            pathPrefix("stages", () -> path(PathMatchers.segment().slash("exports").slash(PathMatchers.segment()),
                (stage, type) -> get(() -> export(apiId, stage, type))))))));
  }

  private Route importApi(String mode, String by) {
    if (!mode.equals("import")) {
      throw new BadRequestException("Invalid mode: " + mode + " (expected: import)");
    }
    return rawBody(body -> parameterMap(query -> respondJson(
        imports.importApi(body, query, by), StatusCodes.CREATED, OpenApiRoutes::render)));
  }

  private Route export(String apiId, String stage, String type) {
    return parameterMap(query -> optionalHeaderValueByName("Accept", accept -> onComplete(
        exports.export(apiId, stage, type, query, accept.orElse(null)),
        outcome -> outcome.isSuccess()
            ? complete(outcome.get().response())
            : complete(AwsErrors.of(outcome.failed().get())))));
  }

  /** The raw request body; the authentication directive has made the entity strict already. */
  private Route rawBody(Function<byte[], Route> inner) {
    return extractRequestEntity(entity -> inner.apply(((HttpEntity.Strict) entity).getData().toArray()));
  }

  private static ObjectNode render(ImportService.Imported imported) {
    ObjectNode out = RestApiJson.render(imported.api());
    if (!imported.warnings().isEmpty()) {
      imported.warnings().forEach(out.putArray("warnings")::add);
    }
    return out;
  }
}
