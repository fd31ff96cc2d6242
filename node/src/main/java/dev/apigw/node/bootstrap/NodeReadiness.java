package dev.apigw.node.bootstrap;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * What this node has finished starting, as one extension per actor system: the readiness check
 * reads it, the guardian writes it. Ready means management writes are accepted too: the journal health probe, which
 * management writes are refused by while it fails, must have succeeded. Once ready, a node stays ready: during a
 * Cassandra outage it keeps serving its snapshots (writes answer 503 at once), so it must not leave a load balancer.
 */
public final class NodeReadiness implements Extension {
  private final AtomicBoolean serversBound = new AtomicBoolean();
  private final AtomicBoolean journalAnswered = new AtomicBoolean();
  private final AtomicBoolean stagesLoaded = new AtomicBoolean();
  private volatile BooleanSupplier writesAccepted = () -> false;
  private volatile boolean ready;

  /** Both HTTP servers are bound. */
  public void markServersBound() {
    serversBound.set(true);
  }

  /** An entity recovered from the journal and answered. */
  public void markJournalAnswered() {
    journalAnswered.set(true);
  }

  /** Whether management writes are accepted (the journal health probe answered and answers); until set, never. */
  public void watchWrites(BooleanSupplier accepted) {
    writesAccepted = accepted;
  }

  /** The data plane loaded every API that existed when the node started. */
  public void markStagesLoaded() {
    stagesLoaded.set(true);
  }

  /**
   * Whether the node can serve: servers bound, an entity recovered from the journal, every stage loaded and
   * management writes accepted; true from then on.
   */
  public boolean isReady() {
    if (!ready && serversBound.get() && journalAnswered.get() && stagesLoaded.get() && writesAccepted.getAsBoolean()) {
      ready = true;
    }
    return ready;
  }

  /** The extension's id. */
  public static final ExtensionId<NodeReadiness> ID =
      new ExtensionId<>() {
        @Override
        public NodeReadiness createExtension(ActorSystem<?> system) {
          return new NodeReadiness();
        }
      };

  /** This system's instance. */
  public static NodeReadiness get(ActorSystem<?> system) {
    return ID.apply(system);
  }
}
