package dev.apigw.node.controlplane.restapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.http.Json;
import dev.apigw.persistence.history.JournalHistory.Entry;
import dev.apigw.persistence.restapi.RestApiEntity;
import dev.apigw.protocol.PatchOperation;
import dev.apigw.protocol.restapi.Stage;
import java.util.List;
import java.util.stream.Collectors;

/** Renders an API's journal: the change log, each stage's timeline, and a stage as of an instant. */
final class HistoryJson {
  private HistoryJson() {}

  static ObjectNode history(String apiId, List<Entry<RestApiEntity.Event>> entries, String stageFilter) {
    ObjectNode out = Json.object();
    out.put("restApiId", apiId);
    ArrayNode events = out.putArray("events");
    ObjectNode timelines = out.putObject("stages");
    for (Entry<RestApiEntity.Event> entry : entries) {
      RestApiEntity.Event e = entry.event();
      String stage = stageOf(e);
      if (stageFilter != null && !stageFilter.equals(stage)) {
        continue;
      }
      ObjectNode item = events.addObject();
      item.put("sequenceNr", entry.sequenceNr());
      item.put("at", e.at().toString());
      DefinitionJson.putIfPresent(item, "by", e.by());
      item.put("type", e.getClass().getSimpleName());
      item.put("description", describe(e));
      if (stage != null) {
        Stage after = stageAfter(e);
        ArrayNode line = timelines.has(stage) ? (ArrayNode) timelines.get(stage) : timelines.putArray(stage);
        ObjectNode point = line.addObject();
        point.put("at", e.at().toString());
        DefinitionJson.putIfPresent(point, "by", e.by());
        point.put("type", e.getClass().getSimpleName());
        if (after != null) {
          point.put("deploymentId", after.deploymentId());
        }
      }
    }
    return out;
  }

  static String describe(RestApiEntity.Event e) {
    if (e instanceof RestApiEntity.Created c) {
      return "created REST API '" + c.api().name() + "'";
    }
    if (e instanceof RestApiEntity.RestApiUpdated c) {
      return "updated the REST API's settings: "
          + c.operations().stream().map(HistoryJson::describe).collect(Collectors.joining(", "));
    }
    if (e instanceof RestApiEntity.Deleted) {
      return "deleted the REST API";
    }
    if (e instanceof RestApiEntity.DefinitionChanged c) {
      return c.change().describe();
    }
    if (e instanceof RestApiEntity.DeploymentCreated c) {
      return "created deployment " + c.deployment().id()
          + (c.deployment().description() == null ? "" : " (" + c.deployment().description() + ")");
    }
    if (e instanceof RestApiEntity.DeploymentDescribed c) {
      return "described deployment " + c.deploymentId() + (c.description() == null ? "" : " (" + c.description() + ")");
    }
    if (e instanceof RestApiEntity.DeploymentDeleted c) {
      return "deleted deployment " + c.deploymentId();
    }
    if (e instanceof RestApiEntity.StageCreated c) {
      return "created stage " + c.stage().stageName() + " serving deployment " + c.stage().deploymentId();
    }
    if (e instanceof RestApiEntity.StageUpdated c) {
      return "updated stage " + c.stage().stageName() + ": "
          + c.operations().stream().map(HistoryJson::describe).collect(Collectors.joining(", "));
    }
    if (e instanceof RestApiEntity.StageDeleted c) {
      return "deleted stage " + c.stageName();
    }
    if (e instanceof RestApiEntity.StageRestored c) {
      return "rolled stage " + c.stage().stageName() + " back to its state at " + c.asOf()
          + " (deployment " + c.stage().deploymentId() + ")";
    }
    return e.getClass().getSimpleName();
  }

  private static String describe(PatchOperation op) {
    return op.op() + " " + (op.from() == null ? "" : op.from() + " -> ") + op.path()
        + (op.value() == null ? "" : "=" + op.value());
  }

  private static String stageOf(RestApiEntity.Event e) {
    if (e instanceof RestApiEntity.StageDeleted d) {
      return d.stageName();
    }
    Stage s = stageAfter(e);
    return s == null ? null : s.stageName();
  }

  private static Stage stageAfter(RestApiEntity.Event e) {
    if (e instanceof RestApiEntity.StageCreated c) {
      return c.stage();
    }
    if (e instanceof RestApiEntity.StageUpdated c) {
      return c.stage();
    }
    if (e instanceof RestApiEntity.StageRestored c) {
      return c.stage();
    }
    return null;
  }
}
