package dev.apigw.node.controlplane.restapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.restapi.Deployment;
import dev.apigw.protocol.restapi.MethodSetting;
import dev.apigw.protocol.restapi.Stage;
import java.util.List;

/** Renders deployments and stages in AWS's wire shape. */
final class StageJson {
  private StageJson() {}

  static ObjectNode deployment(Deployment d) {
    ObjectNode out = Json.object();
    out.put("id", d.id());
    DefinitionJson.putIfPresent(out, "description", d.description());
    out.put("createdDate", d.createdDate().getEpochSecond());
    ObjectNode summary = out.putObject("apiSummary");
    d.definition().resourcesByPath().forEach(r -> {
      if (!r.methods().isEmpty()) {
        ObjectNode methods = summary.putObject(r.path());
        r.methods().values().forEach(m -> methods.putObject(m.httpMethod())
            .put("authorizationType", m.authorizationType())
            .put("apiKeyRequired", m.apiKeyRequired()));
      }
    });
    return out;
  }

  /** The deployment with its frozen definition, in the shapes of GetResources (embed=methods) and the component lists. */
  static ObjectNode deploymentWithDefinition(Deployment d) {
    ObjectNode out = deployment(d);
    ObjectNode definition = out.putObject("definition");
    var resources = definition.putArray("resources");
    d.definition().resourcesByPath().forEach(r -> resources.add(DefinitionJson.resource(r, true)));
    ObjectNode authorizers = definition.putObject("authorizers");
    d.definition().authorizers().values().forEach(a -> authorizers.set(a.name(), ComponentJson.authorizer(a)));
    ObjectNode models = definition.putObject("models");
    d.definition().models().values().forEach(m -> models.set(m.name(), ComponentJson.model(m)));
    ObjectNode validators = definition.putObject("requestValidators");
    d.definition().requestValidators().values().forEach(v -> validators.set(v.name(), ComponentJson.validator(v)));
    ObjectNode responses = definition.putObject("gatewayResponses");
    d.definition().gatewayResponses().forEach((type, g) -> responses.set(type, ComponentJson.gatewayResponse(g, false)));
    return out;
  }

  static ObjectNode deployments(List<Deployment> deployments, String position) {
    ObjectNode out = Json.object();
    var items = out.putArray("item");
    deployments.forEach(d -> items.add(deployment(d)));
    DefinitionJson.putIfPresent(out, "position", position);
    return out;
  }

  static ObjectNode stage(Stage s) {
    ObjectNode out = Json.object();
    out.put("deploymentId", s.deploymentId());
    out.put("stageName", s.stageName());
    DefinitionJson.putIfPresent(out, "description", s.description());
    out.put("cacheClusterEnabled", s.cacheClusterEnabled());
    DefinitionJson.putIfPresent(out, "cacheClusterSize", s.cacheClusterSize());
    out.put("cacheClusterStatus", s.cacheClusterEnabled() ? "AVAILABLE" : "NOT_AVAILABLE");
    ObjectNode settings = out.putObject("methodSettings");
    s.methodSettings().forEach((key, m) -> settings.set(key, methodSetting(m)));
    DefinitionJson.putMap(out, "variables", s.variables());
    if (s.accessLogSettings() != null) {
      ObjectNode log = out.putObject("accessLogSettings");
      DefinitionJson.putIfPresent(log, "format", s.accessLogSettings().format());
      DefinitionJson.putIfPresent(log, "destinationArn", s.accessLogSettings().destinationArn());
    }
    if (s.canarySettings() != null) {
      ObjectNode canary = out.putObject("canarySettings");
      canary.put("percentTraffic", s.canarySettings().percentTraffic());
      DefinitionJson.putIfPresent(canary, "deploymentId", s.canarySettings().deploymentId());
      DefinitionJson.putMap(canary, "stageVariableOverrides", s.canarySettings().stageVariableOverrides());
      canary.put("useStageCache", s.canarySettings().useStageCache());
    }
    DefinitionJson.putIfPresent(out, "clientCertificateId", s.clientCertificateId());
    DefinitionJson.putIfPresent(out, "documentationVersion", s.documentationVersion());
    out.put("tracingEnabled", s.tracingEnabled());
    DefinitionJson.putMap(out, "tags", s.tags());
    out.put("createdDate", s.createdDate().getEpochSecond());
    out.put("lastUpdatedDate", s.lastUpdatedDate().getEpochSecond());
    return out;
  }

  static ObjectNode stages(List<Stage> stages) {
    ObjectNode out = Json.object();
    var items = out.putArray("item");
    stages.forEach(s -> items.add(stage(s)));
    return out;
  }

  private static ObjectNode methodSetting(MethodSetting m) {
    ObjectNode out = Json.object();
    if (m.metricsEnabled() != null) out.put("metricsEnabled", m.metricsEnabled());
    DefinitionJson.putIfPresent(out, "loggingLevel", m.loggingLevel());
    if (m.dataTraceEnabled() != null) out.put("dataTraceEnabled", m.dataTraceEnabled());
    if (m.throttlingBurstLimit() != null) out.put("throttlingBurstLimit", m.throttlingBurstLimit());
    if (m.throttlingRateLimit() != null) out.put("throttlingRateLimit", m.throttlingRateLimit());
    if (m.cachingEnabled() != null) out.put("cachingEnabled", m.cachingEnabled());
    if (m.cacheTtlInSeconds() != null) out.put("cacheTtlInSeconds", m.cacheTtlInSeconds());
    if (m.cacheDataEncrypted() != null) out.put("cacheDataEncrypted", m.cacheDataEncrypted());
    if (m.requireAuthorizationForCacheControl() != null) {
      out.put("requireAuthorizationForCacheControl", m.requireAuthorizationForCacheControl());
    }
    DefinitionJson.putIfPresent(out, "unauthorizedCacheControlHeaderStrategy", m.unauthorizedCacheControlHeaderStrategy());
    return out;
  }
}
