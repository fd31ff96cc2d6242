package dev.apigw.node.controlplane.restapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.persistence.changes.CacheFlushes;
import dev.apigw.persistence.restapi.RestApiEntity;
import dev.apigw.persistence.restapi.RestApis;
import dev.apigw.protocol.Ids;
import dev.apigw.protocol.PatchOperation;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ValidationErrors;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.restapi.CanarySettings;
import dev.apigw.protocol.restapi.Deployment;
import dev.apigw.protocol.restapi.Stage;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.Done;

/** Deployments and stages of one API. */
public final class StageService {
  private final RestApis apis;
  private final Clock clock;
  private final Consumer<CacheFlushes.Flush> flushes;

  private final Function<String, CompletionStage<?>> clientCertificate;

  /**
   * @param flushes tells every node's data plane to flush a stage's cache
   * @param clientCertificate the account's client certificate with this id, or AWS's 404
   */
  public StageService(RestApis apis, Clock clock, Consumer<CacheFlushes.Flush> flushes,
      Function<String, CompletionStage<?>> clientCertificate) {
    this.apis = apis;
    this.clock = clock;
    this.flushes = flushes;
    this.clientCertificate = clientCertificate;
  }

  /**
   * FlushStageCache ({@code RESPONSES}) and FlushStageAuthorizersCache ({@code AUTHORIZERS}): every node drops the
   * stage's entries; completes once the flush is sent (at most once per node, like AWS's asynchronous 202).
   */
  public CompletionStage<Done> flush(String apiId, String stageName, CacheFlushes.What what) {
    return stage(apiId, stageName).thenApply(s -> {
      flushes.accept(new CacheFlushes.Flush(what, apiId, stageName));
      return Done.getInstance();
    });
  }

  /** CreateDeployment: {@code description}, optional {@code stageName}, {@code stageDescription}, {@code variables}. */
  public CompletionStage<Deployment> createDeployment(String apiId, JsonNode body, String by) {
    CanarySettings canary = deploymentCanary(body.get("canarySettings"));
    String stageName = JsonFields.string(body, "stageName");
    if (stageName != null && stageName.isEmpty()) {
      // AWS takes an empty stageName as none (Terraform's aws_api_gateway_deployment sends "" without stage_name).
      stageName = null;
    }
    String description = JsonFields.string(body, "description");
    String stageDescription = JsonFields.string(body, "stageDescription");
    Map<String, String> variables = JsonFields.stringMap(body, "variables");
    String stage = stageName;
    return apis.ask(apiId, r -> new RestApiEntity.CreateDeployment(
        Ids.newId(), description, stage, stageDescription, variables, canary, now(), by, r));
  }

  /** CreateDeployment's {@code canarySettings} (AWS's DeploymentCanarySettings), or null. */
  private static CanarySettings deploymentCanary(JsonNode c) {
    if (c == null || c.isNull()) {
      return null;
    }
    if (!c.isObject()) {
      throw new BadRequestException("canarySettings: expected an object");
    }
    JsonNode pct = c.get("percentTraffic");
    if (pct != null && !pct.isNull() && !pct.isNumber()) {
      throw new BadRequestException("Invalid value for percentTraffic: " + pct + " (expected: a number)");
    }
    return new CanarySettings(pct == null || pct.isNull() ? 0.0 : pct.asDouble(), null,
        JsonFields.stringMap(c, "stageVariableOverrides"), JsonFields.bool(c, "useStageCache", false));
  }

  public CompletionStage<List<Deployment>> deployments(String apiId) {
    return apis.inspect(apiId).thenApply(RestApiEntity.Active::deploymentsByDate);
  }

  public CompletionStage<Deployment> deployment(String apiId, String deploymentId) {
    return apis.inspect(apiId).thenApply(a -> {
      Deployment d = a.deployments().get(deploymentId);
      if (d == null) {
        throw new NotFoundException("Invalid Deployment identifier specified");
      }
      return d;
    });
  }

  /** UpdateDeployment: only {@code replace /description}. */
  public CompletionStage<Deployment> updateDeployment(String apiId, String deploymentId,
      List<dev.apigw.node.controlplane.common.PatchOperation> ops, String by) {
    return deployment(apiId, deploymentId).thenCompose(d -> {
      String description = d.description();
      for (var op : ops) {
        if (!op.is(dev.apigw.node.controlplane.common.PatchOperation.Op.REPLACE, "/description")) {
          throw op.unsupported(List.of("/description"));
        }
        description = op.value();
      }
      String next = description;
      return apis.ask(apiId, r -> new RestApiEntity.UpdateDeployment(deploymentId, next, now(), by, r));
    });
  }

  public CompletionStage<Done> deleteDeployment(String apiId, String deploymentId, String by) {
    return apis.ask(apiId, r -> new RestApiEntity.DeleteDeployment(deploymentId, now(), by, r));
  }

  /**
   * CreateStage: {@code stageName}, {@code deploymentId} required; description, variables, cache, canary, tracing, tags,
   * documentation version.
   */
  public CompletionStage<Stage> createStage(String apiId, JsonNode body, String by) {
    String name = JsonFields.string(body, "stageName");
    String deploymentId = JsonFields.string(body, "deploymentId");
    if (name == null || deploymentId == null) {
      throw new BadRequestException("Stage name and deployment id are required");
    }
    // The model's order; AWS's recorded order for this enum was not found.
    ValidationErrors.of("CreateStage").oneOf("cacheClusterSize", JsonFields.string(body, "cacheClusterSize"),
        List.of("0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237")).throwIfAny();
    Instant at = now();
    CanarySettings canary = null;
    JsonNode c = body.get("canarySettings");
    if (c != null && !c.isNull()) {
      Double pct = c.hasNonNull("percentTraffic") ? c.get("percentTraffic").asDouble() : 0.0;
      if (pct < 0 || pct > 100) {
        throw new BadRequestException("Canary traffic percentage must be between 0.0 and 100.0: " + pct);
      }
      canary = new CanarySettings(pct, JsonFields.string(c, "deploymentId"), JsonFields.stringMap(c, "stageVariableOverrides"),
          JsonFields.bool(c, "useStageCache", false));
    }
    Stage stage = new Stage(name, deploymentId, JsonFields.string(body, "description"), at, at,
        JsonFields.stringMap(body, "variables"), Map.of(), JsonFields.bool(body, "cacheClusterEnabled", false),
        JsonFields.string(body, "cacheClusterSize"), JsonFields.bool(body, "tracingEnabled", false), null, canary,
        JsonFields.stringMap(body, "tags"), null, JsonFields.string(body, "documentationVersion"));
    return apis.ask(apiId, r -> new RestApiEntity.CreateStage(stage, by, r));
  }

  public CompletionStage<List<Stage>> stages(String apiId, String deploymentId) {
    return apis.inspect(apiId).thenApply(a -> a.stagesByName().stream()
        .filter(s -> deploymentId == null || deploymentId.equals(s.deploymentId()))
        .toList());
  }

  public CompletionStage<Stage> stage(String apiId, String stageName) {
    return apis.inspect(apiId).thenApply(a -> {
      Stage s = a.stages().get(stageName);
      if (s == null) {
        throw new NotFoundException("Invalid Stage identifier specified");
      }
      return s;
    });
  }

  /** UpdateStage; a {@code /clientCertificateId} must name one of the account's client certificates. */
  public CompletionStage<Stage> updateStage(String apiId, String stageName, List<PatchOperation> ops, String by) {
    CompletionStage<?> checked = CompletableFuture.completedFuture(null);
    for (PatchOperation op : ops) {
      if ("/clientCertificateId".equals(op.path()) && !"remove".equals(op.op()) && op.value() != null
          && !op.value().isEmpty()) {
        checked = checked.thenCompose(x -> clientCertificate.apply(op.value()));
      }
    }
    return checked.thenCompose(x -> apis.ask(apiId, r -> new RestApiEntity.UpdateStage(stageName, ops, now(), by, r)));
  }

  public CompletionStage<Done> deleteStage(String apiId, String stageName, String by) {
    return apis.ask(apiId, r -> new RestApiEntity.DeleteStage(stageName, now(), by, r));
  }

  private Instant now() {
    // Milliseconds: enough to tell changes apart in history, and what the journal keeps exactly.
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
