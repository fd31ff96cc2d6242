package dev.apigw.node.dispatch;

import com.typesafe.config.Config;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;
import org.apache.pekko.dispatch.ForkJoinExecutorConfigurator;

/**
 * Pekko's fork-join executor (configured by the dispatcher's {@code fork-join-executor} section, as usual), with Pekko
 * IO's selector loop run as a managed block so that the pool knows the worker waiting in {@code select()} is not
 * running its tasks ({@link SelectorAwareExecutor}). Named as a dispatcher's {@code executor}.
 */
public final class SelectorAwareForkJoinConfigurator extends ExecutorServiceConfigurator {
  private final ForkJoinExecutorConfigurator forkJoin;

  public SelectorAwareForkJoinConfigurator(Config config, DispatcherPrerequisites prerequisites) {
    super(config, prerequisites);
    this.forkJoin = new ForkJoinExecutorConfigurator(config.getConfig("fork-join-executor"), prerequisites);
  }

  @Override
  public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
    ExecutorServiceFactory pool = forkJoin.createExecutorServiceFactory(id, threadFactory);
    return () -> new SelectorAwareExecutor(pool.createExecutorService());
  }
}
