package dev.apigw.node.controlplane.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.restapi.CreateRestApiRequest;
import dev.apigw.node.controlplane.restapi.RestApiService;
import dev.apigw.node.http.Json;
import dev.apigw.persistence.restapi.RestApiEntity;
import dev.apigw.persistence.restapi.RestApis;
import dev.apigw.protocol.Ids;
import dev.apigw.protocol.PatchOperation;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ValidationErrors;
import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.DefinitionChange;
import dev.apigw.protocol.restapi.RestApi;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * ImportRestApi and PutRestApi: read the document into a whole definition in memory, check it, and
 * persist it as one {@link DefinitionChange.DefinitionReplaced} (so the history shows one event per
 * import); API settings go through CreateRestApi / UpdateRestApi.
 */
public final class ImportService {
  private final RestApiService restApis;
  private final RestApis apis;
  private final Clock clock;

  public ImportService(RestApiService restApis, RestApis apis, Clock clock) {
    this.restApis = restApis;
    this.apis = apis;
    this.clock = clock;
  }

  /** The API after an import, and what the import skipped. */
  public record Imported(RestApi api, List<String> warnings) {}

  /** ImportRestApi: a new API from {@code document}; {@code query} holds failonwarnings and AWS's import parameters. */
  public CompletionStage<Imported> importApi(byte[] document, Map<String, String> query, String by) {
    ImportOptions options = ImportOptions.from(query);
    OpenApiDocument doc = OpenApiDocument.parse(document);
    // Ids first, so the whole definition is built and checked before anything is persisted.
    String apiId = Ids.newId();
    String rootId = Ids.newId();
    OpenApiReader.Result result = OpenApiReader.read(doc, ApiDefinition.empty(rootId), apiId, options);
    CreateRestApiRequest request = CreateRestApiRequest.parse(createBody(result.settings(), options));
    return restApis.create(request, by, apiId, rootId)
        .thenCompose(api -> replace(apiId, result.definition(), "import", by)
            .thenApply(d -> new Imported(api, result.warnings())));
  }

  /** PutRestApi: {@code mode=overwrite} replaces the definition (keeping the root id), {@code merge} (default) adds to it. */
  public CompletionStage<Imported> putApi(String apiId, byte[] document, Map<String, String> query, String by) {
    String mode = query.getOrDefault("mode", "merge");
    ValidationErrors.of("PutRestApi").oneOf("mode", mode, List.of("merge", "overwrite")).throwIfAny();
    ImportOptions options = ImportOptions.from(query);
    OpenApiDocument doc = OpenApiDocument.parse(document);
    return apis.inspect(apiId).thenCompose(active -> {
      ApiDefinition base = mode.equals("overwrite")
          ? ApiDefinition.empty(active.definition().rootResourceId())
          : active.definition();
      OpenApiReader.Result result = OpenApiReader.read(doc, base, apiId, options);
      List<PatchOperation> ops = settingsPatch(active.api(), result.settings(), mode.equals("overwrite"));
      return replace(apiId, result.definition(), "put-rest-api " + mode, by)
          .thenCompose(d -> ops.isEmpty() ? restApis.get(apiId) : restApis.update(apiId, ops, by))
          .thenApply(api -> new Imported(api, result.warnings()));
    });
  }

  private CompletionStage<ApiDefinition> replace(String apiId, ApiDefinition definition, String source, String by) {
    return apis.ask(apiId, r -> new RestApiEntity.ChangeDefinition(
        new DefinitionChange.DefinitionReplaced(definition, source), clock.instant(), by, r));
  }

  /** A CreateRestApi body, so the imported settings pass the same checks as CreateRestApi's. */
  private static ObjectNode createBody(ApiSettings s, ImportOptions options) {
    if (s.name() == null || s.name().isBlank()) {
      throw new BadRequestException("Invalid OpenAPI input: info.title is required (it names the REST API)");
    }
    ObjectNode body = Json.object();
    body.put("name", s.name());
    body.put("description", s.description());
    body.put("version", s.version());
    if (s.binaryMediaTypes() != null) {
      s.binaryMediaTypes().forEach(body.putArray("binaryMediaTypes")::add);
    }
    if (s.minimumCompressionSize() != null) {
      body.put("minimumCompressionSize", s.minimumCompressionSize());
    }
    body.put("apiKeySource", s.apiKeySource());
    body.putObject("endpointConfiguration").putArray("types").add(options.endpointType());
    if (s.disableExecuteApiEndpoint() != null) {
      body.put("disableExecuteApiEndpoint", s.disableExecuteApiEndpoint());
    }
    body.put("policy", s.policy());
    return body;
  }

  /** UpdateRestApi operations for the settings the document declares and that differ from the API's. */
  static List<PatchOperation> settingsPatch(RestApi api, ApiSettings s, boolean overwrite) {
    List<PatchOperation> ops = new ArrayList<>();
    if (s.binaryMediaTypes() != null) {
      for (String type : s.binaryMediaTypes()) {
        if (!api.binaryMediaTypes().contains(type)) {
          ops.add(new PatchOperation("add", "/binaryMediaTypes/" + escape(type), null, null));
        }
      }
      if (overwrite) {
        for (String type : api.binaryMediaTypes()) {
          if (!s.binaryMediaTypes().contains(type)) {
            ops.add(new PatchOperation("remove", "/binaryMediaTypes/" + escape(type), null, null));
          }
        }
      }
    }
    if (s.apiKeySource() != null && !s.apiKeySource().equals(api.apiKeySource())) {
      ops.add(new PatchOperation("replace", "/apiKeySource", s.apiKeySource(), null));
    }
    if (s.minimumCompressionSize() != null && !s.minimumCompressionSize().equals(api.minimumCompressionSize())) {
      ops.add(new PatchOperation("replace", "/minimumCompressionSize", s.minimumCompressionSize().toString(), null));
    }
    if (s.policy() != null && !s.policy().equals(api.policy())) {
      ops.add(new PatchOperation("replace", "/policy", s.policy(), null));
    }
    if (s.disableExecuteApiEndpoint() != null && s.disableExecuteApiEndpoint() != api.disableExecuteApiEndpoint()) {
      ops.add(new PatchOperation("replace", "/disableExecuteApiEndpoint", s.disableExecuteApiEndpoint().toString(), null));
    }
    if (overwrite && s.description() != null && !Objects.equals(s.description(), api.description())) {
      ops.add(new PatchOperation("replace", "/description", s.description(), null));
    }
    if (overwrite && s.version() != null && !Objects.equals(s.version(), api.version())) {
      ops.add(new PatchOperation("replace", "/version", s.version(), null));
    }
    return ops;
  }

  private static String escape(String mediaType) {
    return mediaType.replace("~", "~0").replace("/", "~1");
  }
}
