package dev.apigw.protocol.v2;

import dev.apigw.protocol.CborSerializable;
import dev.apigw.protocol.v2.Maps;
import dev.apigw.protocol.v2.RouteSettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stage of a WebSocket API: which deployment it serves and with which settings. As a partial
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
    Instant lastUpdatedDate)
    implements CborSerializable {
  public Stage {
    stageVariables = Maps.copyOrNull(stageVariables);
    routeSettings = Maps.copyOrNull(routeSettings);
    tags = Maps.copyOrNull(tags);
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
        at);
  }

  /** This stage serving {@code id} from {@code at}. */
  public Stage withDeploymentId(String id, Instant at) {
    return new Stage(stageName, id, description, stageVariables, defaultRouteSettings, routeSettings, tags, createdDate, at);
  }
}
