package dev.apigw.node.dispatch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.pattern.Patterns;
import org.junit.jupiter.api.Test;

/**
 * Pekko IO's selector on a dispatcher that runs other work too. With one fork-join worker and the selector loop run as
 * an ordinary task, the worker sits in {@code select()} (up to 10 s) while the sockets are quiet and nothing else runs:
 * an actor's answer waits for the select to time out. With the loop run as a managed block the pool adds a worker
 * for the duration, and answers come at once.
 */
class SelectorAwareExecutorTest {
  private static Config oneWorkerSharedWithTheSelector() {
    return ConfigFactory.parseString("""
        pekko.loglevel = WARNING
        pekko.actor.provider = local
        pekko.io.tcp.selector-dispatcher = "pekko.actor.default-dispatcher"
        pekko.actor.default-dispatcher {
          executor = "dev.apigw.node.dispatch.SelectorAwareForkJoinConfigurator"
          fork-join-executor { parallelism-min = 1, parallelism-max = 1 }
        }
        """).withFallback(ConfigFactory.defaultReference()).resolve();
  }

  @Test
  void actorsAnswerWhileTheSelectorWaitsForQuietSockets() throws Exception {
    ActorSystem system = ActorSystem.create("selector-aware", oneWorkerSharedWithTheSelector());
    try {
      ServerBinding binding = Http.get(system).newServerAt("127.0.0.1", 0)
          .bindSync(request -> HttpResponse.create())
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      var echo = system.actorOf(Props.create(Echo.class));
      for (int i = 0; i < 10; i++) {
        Thread.sleep(100); // the sockets are quiet: the selector loop is (back) in select()
        long start = System.nanoTime();
        Object answer = Patterns.ask(echo, "ping", Duration.ofSeconds(15)).toCompletableFuture().get(15, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 1_000, "answer " + i + " (" + answer + ") took " + millis + " ms");
      }
      binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** Answers every message with itself. */
  static final class Echo extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(message -> getSender().tell(message, getSelf())).build();
    }
  }
}
