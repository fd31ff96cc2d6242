package dev.apigw.node.controlplane.restapi;

import dev.apigw.node.controlplane.common.Instants;
import dev.apigw.persistence.history.JournalHistory;
import dev.apigw.persistence.restapi.RestApiEntity;
import dev.apigw.persistence.restapi.RestApis;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.restapi.Deployment;
import dev.apigw.protocol.restapi.Stage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Beyond AWS: an API's change history from its journal, what a stage served at an instant, and rollback. */
public final class HistoryService {
  private final JournalHistory history;
  private final RestApis apis;
  private final Clock clock;

  public HistoryService(JournalHistory history, RestApis apis, Clock clock) {
    this.history = history;
    this.apis = apis;
    this.clock = clock;
  }

  /** A stage as it was, and the deployment it served then. */
  public record StageAsOf(Instant at, Stage stage, Deployment deployment) {}

  /** Every journal entry of an existing API (404 for an unknown one). */
  public CompletionStage<List<JournalHistory.Entry<RestApiEntity.Event>>> events(String apiId) {
    // The entity check gives AWS's 404 for unknown ids before the journal is read.
    return apis.ask(apiId, RestApiEntity.Get::new).thenCompose(api -> history.events(RestApiEntity.ENTITY_KEY, apiId, RestApiEntity.Event.class));
  }

  /** Every stage as it was at {@code at}, by name. */
  public CompletionStage<Map<String, StageAsOf>> stagesAt(String apiId, Instant at) {
    return events(apiId).thenApply(entries -> {
      RestApiEntity.State state = JournalHistory.stateAt(
          (RestApiEntity.State) new RestApiEntity.Empty(apiId), entries, at, RestApiEntity.Event::at, RestApiEntity.State::apply);
      if (!(state instanceof RestApiEntity.Active active)) {
        throw new BadRequestException("The REST API did not exist at " + at);
      }
      Map<String, StageAsOf> out = new java.util.TreeMap<>();
      active.stages().forEach((name, s) -> out.put(name, new StageAsOf(at, s, active.deployments().get(s.deploymentId()))));
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
      return apis.ask(apiId, r -> new RestApiEntity.RestoreStage(then.stage(), at, clock.instant(), by, r));
    });
  }

  /** Parses an ISO-8601 instant from a query or body, or 400. */
  public static Instant instant(String raw) {
    return Instants.parse(raw);
  }
}
