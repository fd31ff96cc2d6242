package dev.apigw.node.controlplane.v2api;

import dev.apigw.persistence.history.JournalHistory;
import dev.apigw.persistence.v2.ApiEntity;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.v2.Deployment;
import dev.apigw.protocol.v2.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * Beyond AWS, as for REST APIs (the REST control plane's HistoryService): a WebSocket or HTTP API's change history from its journal,
 * what each stage served at an instant, and rolling a stage back to it.
 */
public final class V2HistoryService {
  private final JournalHistory history;
  private final V2ApiService apis;

  public V2HistoryService(JournalHistory history, V2ApiService apis) {
    this.history = history;
    this.apis = apis;
  }

  /** A stage as it was, and the deployment it served then (null before its first one). */
  public record StageAsOf(Instant at, Stage stage, Deployment deployment) {}

  /** Every journal entry of an existing API (404 for an unknown or deleted one). */
  public CompletionStage<List<JournalHistory.Entry<ApiEntity.Event>>> events(String apiId) {
    // The entity check gives AWS's 404 for unknown ids before the journal is read.
    return apis.getApi(apiId).thenCompose(api -> history.events(ApiEntity.ENTITY_KEY, apiId, ApiEntity.Event.class));
  }

  /** Every stage as it was at {@code at}, by name. */
  public CompletionStage<Map<String, StageAsOf>> stagesAt(String apiId, Instant at) {
    return events(apiId).thenApply(entries -> {
      ApiEntity.State state = JournalHistory.stateAt(
          (ApiEntity.State) new ApiEntity.Empty(apiId), entries, at, ApiEntity.Event::at, ApiEntity.State::apply);
      if (!(state instanceof ApiEntity.Active active)) {
        throw new BadRequestException("The API did not exist at " + at);
      }
      Map<String, StageAsOf> out = new TreeMap<>();
      active.stages().forEach((name, s) -> out.put(name,
          new StageAsOf(at, s, s.deploymentId() == null ? null : active.deployments().get(s.deploymentId()))));
      return out;
    });
  }

  /** Puts {@code stageName} back to how it was at {@code at}, as a new event. */
  public CompletionStage<Stage> rollback(String apiId, String stageName, Instant at, String by) {
    return stagesAt(apiId, at).thenCompose(stages -> {
      StageAsOf then = stages.get(stageName);
      if (then == null) {
        throw new NotFoundException("Stage " + stageName + " did not exist at " + at);
      }
      return apis.ask(apiId, r -> new ApiEntity.RestoreStage(then.stage(), at, apis.now(), by, r));
    });
  }
}
