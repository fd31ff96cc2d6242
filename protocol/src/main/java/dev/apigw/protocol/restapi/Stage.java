package dev.apigw.protocol.restapi;

import dev.apigw.protocol.CborSerializable;
import java.time.Instant;
import java.util.Map;

/**
 * A named, addressable snapshot pointer: which deployment a stage serves and with which settings.
 *
 * @param stageName 1-128 of {@code [A-Za-z0-9_-]}
 * @param deploymentId the deployment served
 * @param description optional
 * @param createdDate when created
 * @param lastUpdatedDate when last changed
 * @param variables stage variables
 * @param methodSettings {@code *}/{@code *} or {@code resource/path/METHOD} to settings
 * @param cacheClusterEnabled whether the stage cache is on
 * @param cacheClusterSize cache size in GB as AWS names it ({@code 0.5} ... {@code 237}), or null
 * @param tracingEnabled X-Ray style tracing flag
 * @param accessLogSettings access logging, or null
 * @param canarySettings the canary, or null
 * @param tags tags on the stage
 * @param clientCertificateId the account's client certificate the stage presents to backends, or null
 * @param documentationVersion the documentation version published on the stage (what GetExport includes), or null
 */
public record Stage(
    String stageName,
    String deploymentId,
    String description,
    Instant createdDate,
    Instant lastUpdatedDate,
    Map<String, String> variables,
    Map<String, MethodSetting> methodSettings,
    boolean cacheClusterEnabled,
    String cacheClusterSize,
    boolean tracingEnabled,
    AccessLogSettings accessLogSettings,
    CanarySettings canarySettings,
    Map<String, String> tags,
    String clientCertificateId,
    String documentationVersion)
    implements CborSerializable {
  public Stage {
    variables = variables == null ? Map.of() : Map.copyOf(variables);
    methodSettings = methodSettings == null ? Map.of() : Map.copyOf(methodSettings);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** A stage without a client certificate. */
  public Stage(String stageName, String deploymentId, String description, Instant createdDate, Instant lastUpdatedDate,
      Map<String, String> variables, Map<String, MethodSetting> methodSettings, boolean cacheClusterEnabled,
      String cacheClusterSize, boolean tracingEnabled, AccessLogSettings accessLogSettings, CanarySettings canarySettings,
      Map<String, String> tags) {
    this(stageName, deploymentId, description, createdDate, lastUpdatedDate, variables, methodSettings,
        cacheClusterEnabled, cacheClusterSize, tracingEnabled, accessLogSettings, canarySettings, tags, null, null);
  }

  /** A stage without a documentation version. */
  public Stage(String stageName, String deploymentId, String description, Instant createdDate, Instant lastUpdatedDate,
      Map<String, String> variables, Map<String, MethodSetting> methodSettings, boolean cacheClusterEnabled,
      String cacheClusterSize, boolean tracingEnabled, AccessLogSettings accessLogSettings, CanarySettings canarySettings,
      Map<String, String> tags, String clientCertificateId) {
    this(stageName, deploymentId, description, createdDate, lastUpdatedDate, variables, methodSettings,
        cacheClusterEnabled, cacheClusterSize, tracingEnabled, accessLogSettings, canarySettings, tags,
        clientCertificateId, null);
  }

  public Stage withDeploymentId(String id, Instant at) {
    return new Stage(stageName, id, description, createdDate, at, variables, methodSettings, cacheClusterEnabled,
        cacheClusterSize, tracingEnabled, accessLogSettings, canarySettings, tags, clientCertificateId,
        documentationVersion);
  }

  public Stage withTags(Map<String, String> next, Instant at) {
    return new Stage(stageName, deploymentId, description, createdDate, at, variables, methodSettings, cacheClusterEnabled,
        cacheClusterSize, tracingEnabled, accessLogSettings, canarySettings, next, clientCertificateId,
        documentationVersion);
  }

  public Stage withCanary(CanarySettings next, Instant at) {
    return new Stage(stageName, deploymentId, description, createdDate, at, variables, methodSettings, cacheClusterEnabled,
        cacheClusterSize, tracingEnabled, accessLogSettings, next, tags, clientCertificateId,
        documentationVersion);
  }

  public Stage withLastUpdatedDate(Instant at) {
    return withDeploymentId(deploymentId, at);
  }
}
