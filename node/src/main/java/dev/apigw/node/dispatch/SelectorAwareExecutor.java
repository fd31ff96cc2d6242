package dev.apigw.node.dispatch;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.dispatch.TaskInvocation;
import org.apache.pekko.util.SerializedSuspendableExecutionContext;

/**
 * A dispatcher's fork-join pool that may also run Pekko IO's selector loop ({@code pekko.io.tcp.selector-dispatcher}
 * naming this dispatcher). The loop's turns come as a {@link SerializedSuspendableExecutionContext} (Pekko uses it for
 * nothing else) and block in {@code select()} for up to 10 s while the sockets are quiet. A fork-join worker blocked
 * unannounced still counts as running: tasks it queued for itself just before are only taken by another worker if that
 * one happened to be awake, and otherwise wait for the select to end (seen as 10 s stalls of management calls). Each
 * turn therefore runs as a {@link ForkJoinPool.ManagedBlocker}: the pool wakes or adds a worker for the duration.
 */
final class SelectorAwareExecutor extends AbstractExecutorService {
  private final ExecutorService pool;

  SelectorAwareExecutor(ExecutorService pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(isSelectorTurn(task) ? new ManagedTurn(task) : task);
  }

  private static boolean isSelectorTurn(Runnable task) {
    return task instanceof TaskInvocation invocation
        && invocation.runnable() instanceof SerializedSuspendableExecutionContext;
  }

  @Override
  public void shutdown() {
    pool.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    return pool.shutdownNow();
  }

  @Override
  public boolean isShutdown() {
    return pool.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return pool.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return pool.awaitTermination(timeout, unit);
  }

  /** Runs one turn of the selector loop inside {@link ForkJoinPool#managedBlock}. */
  private static final class ManagedTurn implements Runnable, ForkJoinPool.ManagedBlocker {
    private final Runnable turn;

    ManagedTurn(Runnable turn) {
      this.turn = turn;
    }

    @Override
    public void run() {
      try {
        ForkJoinPool.managedBlock(this);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Runs the turn; true: no further blocking needed (managedBlock returns). */
    @Override
    public boolean block() {
      turn.run();
      return true;
    }

    /** Never before the turn ran: the pool compensates first. */
    @Override
    public boolean isReleasable() {
      return false;
    }
  }
}
