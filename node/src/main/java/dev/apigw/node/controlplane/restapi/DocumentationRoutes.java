package dev.apigw.node.controlplane.restapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.controlplane.common.PatchOperation;
import dev.apigw.node.controlplane.common.PatchOperations;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ValidationErrors;
import dev.apigw.protocol.restapi.DefinitionChange;
import dev.apigw.protocol.restapi.Documentation;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /restapis/{id}/documentation/parts} and {@code /documentation/versions}: documentation parts (CRUD and
 * ImportDocumentationParts) and versions (snapshots of the parts). Directives only.
 */
public final class DocumentationRoutes extends ControlPlaneDirectives {
  private final DefinitionService service;
  private final StageService stages;
  private final Clock clock;

  public DocumentationRoutes(DefinitionService service, StageService stages, Clock clock) {
    this.service = service;
    this.stages = stages;
    this.clock = clock;
  }

  public Route route(String by) {
    return pathPrefix("restapis", () -> pathPrefix(PathMatchers.segment(), apiId -> pathPrefix("documentation",
        () -> concat(parts(apiId, by), versions(apiId, by)))));
  }

  private Route parts(String apiId, String by) {
    return pathPrefix("parts", () -> concat(
        pathEndOrSingleSlash(() -> concat(
            post(() -> jsonBody(body -> {
              var part = DocumentationRequests.part(body);
              return respondJson(service.change(apiId, new DefinitionChange.DocumentationPartPut(part, true), by),
                  StatusCodes.CREATED, d -> DocumentationRequests.render(d.documentationPart(part.id())));
            })),
            get(() -> listParts(apiId)),
            put(() -> parameterOptional("mode", mode -> bodyBytes(body -> {
              boolean overwrite = checkedMode(mode);
              var imported = service.definition(apiId).thenCompose(d -> {
                var parts = DocumentationRequests.imported(body, d.documentation());
                return service.change(apiId, new DefinitionChange.DocumentationPartsImported(parts, overwrite), by)
                    .thenApply(after -> parts);
              });
              return respondJson(imported, StatusCodes.OK, parts -> {
                ObjectNode out = Json.object();
                var ids = out.putArray("ids");
                parts.forEach(p -> ids.add(p.id()));
                out.putArray("warnings");
                return out;
              });
            }))))),
        path(PathMatchers.segment(), partId -> concat(
            get(() -> respondJson(service.definition(apiId), StatusCodes.OK,
                d -> DocumentationRequests.render(d.documentationPart(partId)))),
            patch(() -> jsonBody(body -> respondJson(service.definition(apiId).thenCompose(d -> {
              var next = DocumentationRequests.patch(d.documentationPart(partId), PatchOperations.parse(body));
              return service.change(apiId, new DefinitionChange.DocumentationPartPut(next, false), by);
            }), StatusCodes.OK, d -> DocumentationRequests.render(d.documentationPart(partId))))),
            delete(() -> respondEmpty(service.change(apiId, new DefinitionChange.DocumentationPartDeleted(partId), by),
                StatusCodes.ACCEPTED))))));
  }

  private Route listParts(String apiId) {
    return parameterOptional("type", type -> parameterOptional("name", name -> parameterOptional("path", path ->
        parameterOptional("position", position -> parameterOptional("limit", limit ->
            respondJson(service.definition(apiId), StatusCodes.OK, d -> {
              List<Documentation.Part> matching = d.documentation().partsInOrder().stream()
                  .filter(p -> type.map(t -> t.equals(p.location().type())).orElse(true))
                  .filter(p -> name.map(n -> p.location().name() != null && p.location().name().contains(n)).orElse(true))
                  .filter(p -> path.map(x -> x.equals(p.location().path())).orElse(true))
                  .toList();
              var page = Paging.page(matching, Documentation.Part::id, position.orElse(null), Paging.limit(limit));
              ObjectNode out = Json.object();
              var items = out.putArray("item");
              page.items().forEach(p -> items.add(DocumentationRequests.render(p)));
              DefinitionJson.putIfPresent(out, "position", page.position());
              return out;
            }))))));
  }

  private Route versions(String apiId, String by) {
    return pathPrefix("versions", () -> concat(
        pathEndOrSingleSlash(() -> concat(
            post(() -> jsonBody(body -> {
              String version = JsonFields.string(body, "documentationVersion");
              if (version == null || version.isBlank()) {
                throw new BadRequestException("Documentation version identifier must be specified");
              }
              String stageName = JsonFields.string(body, "stageName");
              var change = new DefinitionChange.DocumentationVersionPut(version,
                  clock.instant().truncatedTo(ChronoUnit.SECONDS), JsonFields.string(body, "description"), true);
              // With stageName the new version is also published on that stage (which must exist beforehand).
              var created = stageName == null ? service.change(apiId, change, by)
                  : stages.stage(apiId, stageName).thenCompose(s -> service.change(apiId, change, by))
                      .thenCompose(d -> stages.updateStage(apiId, stageName, List.of(new dev.apigw.protocol.PatchOperation(
                          "replace", "/documentationVersion", version, null)), by).thenApply(s -> d));
              return respondJson(created, StatusCodes.CREATED,
                  d -> DocumentationRequests.render(d.documentationVersion(version)));
            })),
            get(() -> parameterOptional("position", position -> parameterOptional("limit", limit ->
                respondJson(service.definition(apiId), StatusCodes.OK, d -> {
                  var all = d.documentation().versions().values().stream()
                      .sorted(Comparator.comparing(Documentation.Version::version)).toList();
                  var page = Paging.page(all, Documentation.Version::version, position.orElse(null), Paging.limit(limit));
                  ObjectNode out = Json.object();
                  var items = out.putArray("item");
                  page.items().forEach(v -> items.add(DocumentationRequests.render(v)));
                  DefinitionJson.putIfPresent(out, "position", page.position());
                  return out;
                })))))),
        path(PathMatchers.segment(), version -> concat(
            get(() -> respondJson(service.definition(apiId), StatusCodes.OK,
                d -> DocumentationRequests.render(d.documentationVersion(version)))),
            patch(() -> jsonBody(body -> respondJson(service.definition(apiId).thenCompose(d -> {
              var current = d.documentationVersion(version);
              String description = current.description();
              for (PatchOperation op : PatchOperations.parse(body)) {
                if (!op.is(PatchOperation.Op.REPLACE, "/description")) {
                  throw op.unsupported(List.of("/description"));
                }
                description = op.value();
              }
              return service.change(apiId, new DefinitionChange.DocumentationVersionPut(version, current.createdDate(),
                  description, false), by);
            }), StatusCodes.OK, d -> DocumentationRequests.render(d.documentationVersion(version))))),
            delete(() -> respondEmpty(service.change(apiId, new DefinitionChange.DocumentationVersionDeleted(version), by),
                StatusCodes.ACCEPTED))))));
  }

  private static boolean checkedMode(Optional<String> mode) {
    String m = mode.orElse("merge");
    ValidationErrors.of("ImportDocumentationParts").oneOf("mode", m, List.of("merge", "overwrite")).throwIfAny();
    return m.equals("overwrite");
  }
}
