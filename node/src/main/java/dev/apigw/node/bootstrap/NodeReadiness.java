package dev.apigw.node.bootstrap;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * What this node has finished starting, as one extension per actor system: the readiness check
 * reads it, the guardian writes it.
 */
public final class NodeReadiness implements Extension {
  private final AtomicBoolean serversBound = new AtomicBoolean();
  private final AtomicBoolean journalAnswered = new AtomicBoolean();
  private final AtomicBoolean stagesLoaded = new AtomicBoolean();

  /** Both HTTP servers are bound. */
  public void markServersBound() {
    serversBound.set(true);
  }

  /** An entity recovered from the journal and answered. */
  public void markJournalAnswered() {
    journalAnswered.set(true);
  }

  /** The data plane loaded every API that existed when the node started. */
  public void markStagesLoaded() {
    stagesLoaded.set(true);
  }

  /** Whether the node can serve: servers bound, the journal reachable and every stage loaded. */
  public boolean isReady() {
    return serversBound.get() && journalAnswered.get() && stagesLoaded.get();
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
