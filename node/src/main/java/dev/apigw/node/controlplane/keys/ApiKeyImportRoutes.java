package dev.apigw.node.controlplane.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.errors.BadRequestException;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /apikeys?mode=import}: ImportApiKeys. It must come before CreateApiKey's route: it only matches when
 * {@code mode} is present. Directives only.
 */
public final class ApiKeyImportRoutes extends ControlPlaneDirectives {
  private final ApiKeyImport imports;

  public ApiKeyImportRoutes(ApiKeyImport imports) {
    this.imports = imports;
  }

  public Route route() {
    return pathPrefix("apikeys", () -> pathEndOrSingleSlash(() -> post(() -> parameter("mode", mode ->
        parameterOptional("format", format -> parameterOptional("failonwarnings", failOnWarnings -> bodyBytes(body -> {
          if (!mode.equals("import")) {
            throw new BadRequestException("Invalid mode: " + mode + " (expected: import)");
          }
          return respondJson(imports.importCsv(body, format.orElse(null), failOnWarnings.map("true"::equals).orElse(false)),
              StatusCodes.CREATED, imported -> {
                ObjectNode out = Json.object();
                var ids = out.putArray("ids");
                imported.ids().forEach(ids::add);
                var warnings = out.putArray("warnings");
                imported.warnings().forEach(warnings::add);
                return out;
              });
        })))))));
  }
}
