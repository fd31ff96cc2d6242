package dev.apigw.node.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Pekko's Java API hands out Scala-backed futures whose non-async callbacks (thenApply,
 * whenComplete, ...) run on {@code ForkJoinPool.commonPool()}: a thread hop per callback, and on a
 * one-CPU machine a new thread per callback (the JDK falls back to thread-per-task). Wrapping
 * them in a plain {@link CompletableFuture} runs the continuations on the Pekko thread that
 * completed the future, which is what the non-blocking data plane wants. Every ask on the data
 * plane's request path goes through here (a thread start per {@code @connections} call capped it
 * at ~800 calls/s); the launchers set the common pool's parallelism to 2 for the control plane's.
 */
public final class PekkoFutures {
  /** Runs a callback on the thread that completed the future; callbacks must not block. */
  public static final Executor SAME_THREAD = Runnable::run;

  private PekkoFutures() {}

  /** A plain future completed, on the completing thread, like {@code stage}. */
  public static <T> CompletableFuture<T> plain(CompletionStage<T> stage) {
    CompletableFuture<T> plain = new CompletableFuture<>();
    stage.whenCompleteAsync((value, failure) -> {
      if (failure != null) {
        plain.completeExceptionally(failure);
      } else {
        plain.complete(value);
      }
    }, SAME_THREAD);
    return plain;
  }
}
