package dev.apigw.node.controlplane.v2api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.http.Json;
import dev.apigw.persistence.history.JournalHistory.Entry;
import dev.apigw.persistence.v2.ApiEntity;
import dev.apigw.protocol.v2.Deployment;
import dev.apigw.protocol.v2.Route;
import dev.apigw.protocol.v2.Stage;
import java.util.List;
import java.util.Map;

/** Renders a v2 API's journal like a REST API's: the change log, each stage's timeline, and stages as of an instant. */
final class V2HistoryJson {
  private V2HistoryJson() {}

  static ObjectNode history(String apiId, List<Entry<ApiEntity.Event>> entries, String stageFilter) {
    ObjectNode out = Json.object();
    out.put("apiId", apiId);
    ArrayNode events = out.putArray("events");
    ObjectNode timelines = out.putObject("stages");
    for (Entry<ApiEntity.Event> entry : entries) {
      ApiEntity.Event e = entry.event();
      String stage = stageOf(e);
      if (stageFilter != null && !stageFilter.equals(stage)) {
        continue;
      }
      ObjectNode item = events.addObject();
      item.put("sequenceNr", entry.sequenceNr());
      item.put("at", e.at().toString());
      putIfPresent(item, "by", e.by());
      item.put("type", e.getClass().getSimpleName());
      item.put("description", describe(e));
      if (stage != null) {
        Stage after = stageAfter(e);
        ArrayNode line = timelines.has(stage) ? (ArrayNode) timelines.get(stage) : timelines.putArray(stage);
        ObjectNode point = line.addObject();
        point.put("at", e.at().toString());
        putIfPresent(point, "by", e.by());
        point.put("type", e.getClass().getSimpleName());
        if (after != null) {
          putIfPresent(point, "deploymentId", after.deploymentId());
        }
      }
    }
    return out;
  }

  /** {@code GET ...history?at=}: each stage (or the one asked for) and the deployment it served, with its routes. */
  static ObjectNode stagesAt(String apiId, String at, Map<String, V2HistoryService.StageAsOf> stages, String stageFilter) {
    ObjectNode out = Json.object();
    out.put("apiId", apiId);
    out.put("at", at);
    ObjectNode items = out.putObject("stages");
    stages.forEach((name, asOf) -> {
      if (stageFilter == null || stageFilter.equals(name)) {
        ObjectNode item = items.putObject(name);
        item.set("stage", V2ApiJson.stage(asOf.stage()));
        if (asOf.deployment() != null) {
          ObjectNode deployment = V2ApiJson.deployment(asOf.deployment());
          ArrayNode routes = deployment.putArray("routeKeys");
          asOf.deployment().definition().routes().values().stream().map(Route::routeKey).sorted().forEach(routes::add);
          item.set("deployment", deployment);
        }
      }
    });
    return out;
  }

  static String describe(ApiEntity.Event e) {
    if (e instanceof ApiEntity.ApiCreated c) {
      return "created " + c.api().protocolType() + " API '" + c.api().name() + "'";
    }
    if (e instanceof ApiEntity.ApiUpdated) {
      return "updated the API's settings";
    }
    if (e instanceof ApiEntity.ApiDeleted) {
      return "deleted the API";
    }
    if (e instanceof ApiEntity.RouteCreated c) {
      return "created route " + c.route().routeId() + " '" + c.route().routeKey() + "'";
    }
    if (e instanceof ApiEntity.RouteUpdated c) {
      return "updated route " + c.route().routeId() + " '" + c.route().routeKey() + "'";
    }
    if (e instanceof ApiEntity.RouteDeleted c) {
      return "deleted route " + c.routeId();
    }
    if (e instanceof ApiEntity.RouteResponseCreated c) {
      return "created response " + c.response().routeResponseId() + " of route " + c.routeId();
    }
    if (e instanceof ApiEntity.RouteResponseDeleted c) {
      return "deleted response " + c.routeResponseId() + " of route " + c.routeId();
    }
    if (e instanceof ApiEntity.IntegrationCreated c) {
      return "created integration " + c.integration().integrationId() + " (" + c.integration().integrationType() + ")";
    }
    if (e instanceof ApiEntity.IntegrationUpdated c) {
      return "updated integration " + c.integration().integrationId();
    }
    if (e instanceof ApiEntity.IntegrationDeleted c) {
      return "deleted integration " + c.integrationId();
    }
    if (e instanceof ApiEntity.IntegrationResponseCreated c) {
      return "created response " + c.response().integrationResponseId() + " of integration " + c.integrationId();
    }
    if (e instanceof ApiEntity.IntegrationResponseDeleted c) {
      return "deleted response " + c.integrationResponseId() + " of integration " + c.integrationId();
    }
    if (e instanceof ApiEntity.AuthorizerCreated c) {
      return "created authorizer " + c.authorizer().authorizerId() + " '" + c.authorizer().name() + "'";
    }
    if (e instanceof ApiEntity.AuthorizerUpdated c) {
      return "updated authorizer " + c.authorizer().authorizerId();
    }
    if (e instanceof ApiEntity.AuthorizerDeleted c) {
      return "deleted authorizer " + c.authorizerId();
    }
    if (e instanceof ApiEntity.DeploymentCreated c) {
      Deployment d = c.deployment();
      return "created deployment " + d.deploymentId() + (d.description() == null ? "" : " (" + d.description() + ")");
    }
    if (e instanceof ApiEntity.DeploymentDeleted c) {
      return "deleted deployment " + c.deploymentId();
    }
    if (e instanceof ApiEntity.StageCreated c) {
      return "created stage " + c.stage().stageName()
          + (c.stage().deploymentId() == null ? "" : " serving deployment " + c.stage().deploymentId());
    }
    if (e instanceof ApiEntity.StageUpdated c) {
      return "updated stage " + c.stage().stageName()
          + (c.stage().deploymentId() == null ? "" : " (serving deployment " + c.stage().deploymentId() + ")");
    }
    if (e instanceof ApiEntity.StageDeleted c) {
      return "deleted stage " + c.stageName();
    }
    if (e instanceof ApiEntity.StageRestored c) {
      return "rolled stage " + c.stage().stageName() + " back to its state at " + c.asOf()
          + " (deployment " + c.stage().deploymentId() + ")"
          + (c.stage().autoDeploys() ? "; auto-deploy stays on: the next change of the API deploys again" : "");
    }
    return e.getClass().getSimpleName();
  }

  private static String stageOf(ApiEntity.Event e) {
    if (e instanceof ApiEntity.StageDeleted d) {
      return d.stageName();
    }
    Stage s = stageAfter(e);
    return s == null ? null : s.stageName();
  }

  private static Stage stageAfter(ApiEntity.Event e) {
    if (e instanceof ApiEntity.StageCreated c) {
      return c.stage();
    }
    if (e instanceof ApiEntity.StageUpdated c) {
      return c.stage();
    }
    if (e instanceof ApiEntity.StageRestored c) {
      return c.stage();
    }
    return null;
  }

  private static void putIfPresent(ObjectNode out, String field, String value) {
    if (value != null) {
      out.put(field, value);
    }
  }
}
