package dev.apigw.node.bootstrap;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * Pekko Management readiness check ({@code /ready}): true once this node's servers are bound, its journal answered
 * and management writes are accepted ({@link NodeReadiness}). Cluster membership is checked by Pekko's own check
 * beside this one.
 */
public final class GatewayReadiness implements Supplier<CompletionStage<Boolean>> {
  private final NodeReadiness readiness;

  /** Pekko Management instantiates checks reflectively with the classic system. */
  public GatewayReadiness(ActorSystem system) {
    this.readiness = NodeReadiness.get(Adapter.toTyped(system));
  }

  @Override
  public CompletionStage<Boolean> get() {
    return CompletableFuture.completedFuture(readiness.isReady());
  }
}
