package dev.apigw.node.controlplane.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apigw.persistence.restapi.RestApis;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.restapi.Deployment;
import dev.apigw.protocol.restapi.Documentation;
import dev.apigw.protocol.restapi.Stage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * GetExport: the definition of a stage's deployment (the frozen one, not the API's current
 * definition) as an OpenAPI 3.0 ({@code oas30}) or Swagger 2.0 ({@code swagger}) document, in JSON
 * or YAML.
 */
public final class ExportService {
  private static final ContentType.NonBinary YAML = MediaTypes.applicationWithFixedCharset(
      "yaml", org.apache.pekko.http.javadsl.model.HttpCharsets.UTF_8).toContentType();

  private final RestApis apis;
  private final String region;

  public ExportService(RestApis apis, String region) {
    this.apis = apis;
    this.region = region;
  }

  /** An exported document and how to send it. */
  public record Exported(byte[] body, boolean yaml, String fileName) {
    public HttpResponse response() {
      return HttpResponse.create()
          .withEntity(HttpEntities.create(yaml ? YAML : ContentTypes.APPLICATION_JSON, body))
          .addHeader(RawHeader.create("Content-Disposition", "attachment; filename=\"" + fileName + "\""));
    }
  }

  public CompletionStage<Exported> export(String apiId, String stageName, String exportType, Map<String, String> query,
      String accept) {
    if (!exportType.equals("oas30") && !exportType.equals("swagger")) {
      return CompletableFuture.failedFuture(new BadRequestException(
          "Invalid export type: " + exportType + " (expected: oas30 or swagger)"));
    }
    ExportExtensions ext;
    boolean yaml;
    try {
      ext = ExportExtensions.parse(query.get("extensions"));
      yaml = yaml(accept);
    } catch (BadRequestException e) {
      return CompletableFuture.failedFuture(e);
    }
    return apis.inspect(apiId).thenApply(active -> {
      Stage stage = active.stages().get(stageName);
      if (stage == null) {
        throw new NotFoundException("Invalid Stage identifier specified");
      }
      Deployment deployment = active.deployments().get(stage.deploymentId());
      if (deployment == null) {
        throw new NotFoundException("Invalid Deployment identifier specified");
      }
      // Documentation versions belong to the API, not to a deployment: the stage names the one it publishes.
      Documentation.Version documentation = stage.documentationVersion() == null ? null
          : active.definition().documentation().versions().get(stage.documentationVersion());
      ExportSource source = new ExportSource(active.api(), deployment, stageName, region, documentation);
      Object document;
      ObjectMapper mapper;
      if (exportType.equals("oas30")) {
        document = Oas30Writer.write(source, ext);
        mapper = yaml ? io.swagger.v3.core.util.Yaml.mapper() : io.swagger.v3.core.util.Json.mapper();
      } else {
        document = Swagger2Writer.write(source, ext);
        mapper = yaml ? io.swagger.util.Yaml.mapper() : io.swagger.util.Json.mapper();
      }
      try {
        byte[] body = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        String fileName = (exportType.equals("oas30") ? "oas30" : "swagger") + "_" + deployment.id()
            + (yaml ? ".yaml" : ".json");
        return new Exported(body, yaml, fileName);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("An export document did not serialize", e);
      }
    });
  }

  /** JSON unless the caller asks for YAML; other types are AWS's 400. */
  private static boolean yaml(String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    String a = accept.toLowerCase();
    if (a.contains("application/yaml")) {
      return true;
    }
    if (a.contains("application/json") || a.contains("*/*")) {
      return false;
    }
    throw new BadRequestException("Invalid Accept header: " + accept + " (expected: application/json or application/yaml)");
  }
}
