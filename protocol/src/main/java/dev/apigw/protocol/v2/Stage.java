package dev.apigw.protocol.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.apigw.protocol.CborSerializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stage of an apigatewayv2 API: which deployment it serves and with which settings. As a partial
 * update (UpdateStage), null fields mean "unchanged"; {@code routeSettings} merge by route key.
 *
 * @param stageName 1-128 of {@code [A-Za-z0-9_-]}
 * @param deploymentId the deployment served, or null before the first one
 * @param description optional
 * @param stageVariables stage variables
 * @param defaultRouteSettings settings of every route
 * @param routeSettings route key to that route's settings
 * @param tags tags on the stage
 * @param createdDate when created
 * @param lastUpdatedDate when last changed
 * @param autoDeploy whether every change of an HTTP API deploys to this stage at once, or null (false)
 * @param accessLogSettings where and how requests are logged, or null
 * @param apiGatewayManaged whether quick create made it, or null
 * @param lastDeploymentStatusMessage what the last automatic deployment said, or null
 */
public record Stage(
    String stageName,
    String deploymentId,
    String description,
    Map<String, String> stageVariables,
    RouteSettings defaultRouteSettings,
    Map<String, RouteSettings> routeSettings,
    Map<String, String> tags,
    Instant createdDate,
    Instant lastUpdatedDate,
    Boolean autoDeploy,
    AccessLogSettings accessLogSettings,
    Boolean apiGatewayManaged,
    String lastDeploymentStatusMessage)
    implements CborSerializable {
  @JsonCreator
  public Stage {
    stageVariables = Maps.copyOrNull(stageVariables);
    routeSettings = Maps.copyOrNull(routeSettings);
    tags = Maps.copyOrNull(tags);
  }

  /** A stage without the HTTP-only fields (every WebSocket stage). */
  public Stage(String stageName, String deploymentId, String description, Map<String, String> stageVariables,
      RouteSettings defaultRouteSettings, Map<String, RouteSettings> routeSettings, Map<String, String> tags,
      Instant createdDate, Instant lastUpdatedDate) {
    this(stageName, deploymentId, description, stageVariables, defaultRouteSettings, routeSettings, tags, createdDate,
        lastUpdatedDate, null, null, null, null);
  }

  /** Whether changes of the API deploy to this stage at once. */
  public boolean autoDeploys() {
    return Boolean.TRUE.equals(autoDeploy);
  }

  /** This stage with the set fields of {@code changes}, updated at {@code at}. */
  public Stage withChanges(Stage changes, Instant at) {
    Map<String, RouteSettings> routes = new LinkedHashMap<>(Maps.copy(routeSettings));
    if (changes.routeSettings() != null) {
      changes.routeSettings().forEach(
          (key, s) -> routes.put(key, routes.getOrDefault(key, RouteSettings.none()).withChanges(s)));
    }
    RouteSettings defaults = defaultRouteSettings == null ? RouteSettings.none() : defaultRouteSettings;
    return new Stage(
        stageName,
        Maps.pick(changes.deploymentId(), deploymentId),
        Maps.pick(changes.description(), description),
        Maps.pick(changes.stageVariables(), stageVariables),
        changes.defaultRouteSettings() == null ? defaultRouteSettings : defaults.withChanges(changes.defaultRouteSettings()),
        routes,
        Maps.pick(changes.tags(), tags),
        createdDate,
        at,
        Maps.pick(changes.autoDeploy(), autoDeploy),
        Maps.pick(changes.accessLogSettings(), accessLogSettings),
        apiGatewayManaged,
        lastDeploymentStatusMessage);
  }

  /** This stage with {@code tags} as its whole tags (TagResource, UntagResource); nothing it serves changes. */
  public Stage withTags(Map<String, String> tags) {
    return new Stage(stageName, deploymentId, description, stageVariables, defaultRouteSettings, routeSettings, tags,
        createdDate, lastUpdatedDate, autoDeploy, accessLogSettings, apiGatewayManaged, lastDeploymentStatusMessage);
  }

  /** This stage serving {@code id} from {@code at}. */
  public Stage withDeploymentId(String id, Instant at) {
    return new Stage(stageName, id, description, stageVariables, defaultRouteSettings, routeSettings, tags, createdDate, at,
        autoDeploy, accessLogSettings, apiGatewayManaged, lastDeploymentStatusMessage);
  }

  /** This stage serving {@code id} from {@code at} because the API changed (auto-deploy), with {@code message}. */
  public Stage withAutoDeployment(String id, Instant at, String message) {
    return new Stage(stageName, id, description, stageVariables, defaultRouteSettings, routeSettings, tags, createdDate, at,
        autoDeploy, accessLogSettings, apiGatewayManaged, message);
  }
}
