package dev.apigw.persistence.restapi;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Reads a REST API's journal through Pekko Persistence Query and replays it: every change in
 * order, and the API's state as it was at any instant. Nothing here writes.
 */
public final class RestApiHistory {

  /** One journal entry: its sequence number and the event. */
  public record Entry(long sequenceNr, RestApiEntity.Event event) {}

  private final ActorSystem<?> system;
  private final CurrentEventsByPersistenceIdQuery journal;

  /** {@code readJournalPluginId}: e.g. {@code pekko.persistence.cassandra.query}. */
  public RestApiHistory(ActorSystem<?> system, String readJournalPluginId) {
    this.system = system;
    this.journal = PersistenceQuery.get(Adapter.toClassic(system))
        .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, readJournalPluginId);
  }

  /** Every event of the API, oldest first; empty for an unknown id. */
  public CompletionStage<List<Entry>> events(String apiId) {
    String persistenceId = PersistenceId.of(RestApiEntity.ENTITY_KEY.name(), apiId).id();
    return journal.currentEventsByPersistenceId(persistenceId, 0L, Long.MAX_VALUE)
        .map(envelope -> new Entry(envelope.sequenceNr(), (RestApiEntity.Event) envelope.event()))
        .runWith(Sink.seq(), system);
  }

  /** The state after every event that happened at or before {@code at}. */
  public static RestApiEntity.State stateAt(String apiId, List<Entry> entries, Instant at) {
    RestApiEntity.State state = new RestApiEntity.Empty(apiId);
    for (Entry entry : entries) {
      if (entry.event().at().isAfter(at)) {
        break;
      }
      state = state.apply(entry.event());
    }
    return state;
  }
}
