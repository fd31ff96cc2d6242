package dev.apigw.persistence.history;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Reads any sharded entity's journal through Pekko Persistence Query (REST APIs and apigatewayv2 APIs alike) and
 * replays it: every change in order, and the entity's state as it was at any instant. Nothing here writes.
 */
public final class JournalHistory {

  /** One journal entry: its sequence number and the event. */
  public record Entry<E>(long sequenceNr, E event) {}

  private final ActorSystem<?> system;
  private final CurrentEventsByPersistenceIdQuery journal;

  /** {@code readJournalPluginId}: e.g. {@code pekko.persistence.cassandra.query}. */
  public JournalHistory(ActorSystem<?> system, String readJournalPluginId) {
    this.system = system;
    this.journal = PersistenceQuery.get(Adapter.toClassic(system))
        .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, readJournalPluginId);
  }

  /** Every event of entity {@code entityId} of type {@code key}, oldest first; empty for an unknown id. */
  public <E> CompletionStage<List<Entry<E>>> events(EntityTypeKey<?> key, String entityId, Class<E> eventType) {
    String persistenceId = PersistenceId.of(key.name(), entityId).id();
    return journal.currentEventsByPersistenceId(persistenceId, 0L, Long.MAX_VALUE)
        .map(envelope -> new Entry<>(envelope.sequenceNr(), eventType.cast(envelope.event())))
        .runWith(Sink.seq(), system);
  }

  /**
   * The state after every event that happened at or before {@code at}, starting from {@code empty}; {@code when}
   * says when an event happened, {@code apply} is the entity's own event handler.
   */
  public static <S, E> S stateAt(S empty, List<Entry<E>> entries, Instant at, Function<E, Instant> when,
      BiFunction<S, E, S> apply) {
    S state = empty;
    for (Entry<E> entry : entries) {
      if (when.apply(entry.event()).isAfter(at)) {
        break;
      }
      state = apply.apply(state, entry.event());
    }
    return state;
  }
}
