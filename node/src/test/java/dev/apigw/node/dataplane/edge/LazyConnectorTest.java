package dev.apigw.node.dataplane.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.io.Tcp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.immutable.List$;
import scala.concurrent.duration.FiniteDuration;

/** The connector that holds own backend connections' Connects until their address is known. */
class LazyConnectorTest {
  private static final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private final TestProbe<Object> manager = kit.createTestProbe();
  private final TestProbe<Object> stage = kit.createTestProbe();
  private static final AtomicInteger CONNECTORS = new AtomicInteger();
  // A system actor, as the data plane makes it: a typed system takes no classic actors from outside its guardian.
  private final ActorRef connector = ((ExtendedActorSystem) Adapter.toClassic(kit.system()))
      .systemActorOf(LazyConnector.props(Adapter.toClassic(manager.ref())), "connector-" + CONNECTORS.incrementAndGet());

  private static Tcp.Connect connect(String token) {
    return new Tcp.Connect(InetSocketAddress.createUnresolved(token, 1), Option.empty(), List$.MODULE$.empty(),
        Option.apply(FiniteDuration.apply(3, "s")), true);
  }

  @Test
  void aResolvedConnectGoesToTheManagerWithTheAddressAndTheStagesOptions() {
    connector.tell(connect("t1"), Adapter.toClassic(stage.ref()));
    manager.expectNoMessage(java.time.Duration.ofMillis(100));
    connector.tell(new LazyConnector.Resolve("t1", InetSocketAddress.createUnresolved("backend", 8080)),
        ActorRef.noSender());
    Tcp.Connect sent = manager.expectMessageClass(Tcp.Connect.class);
    assertThat(sent.remoteAddress().getHostString()).isEqualTo("backend");
    assertThat(sent.remoteAddress().getPort()).isEqualTo(8080);
    assertThat(sent.timeout()).isEqualTo(Option.apply(FiniteDuration.apply(3, "s")));
    assertThat(sent.pullMode()).isTrue();
  }

  @Test
  void aForgottenConnectFailsSoTheStageStops() {
    Tcp.Connect waiting = connect("t2");
    connector.tell(waiting, Adapter.toClassic(stage.ref()));
    connector.tell(new LazyConnector.Forget("t2"), ActorRef.noSender());
    Tcp.CommandFailed failed = stage.expectMessageClass(Tcp.CommandFailed.class);
    assertThat(failed.cmd()).isEqualTo(waiting);
    manager.expectNoMessage(java.time.Duration.ofMillis(100));
  }

  @Test
  void anAddressKnownBeforeTheConnectIsUsedWhenItComes() {
    connector.tell(new LazyConnector.Resolve("t3", InetSocketAddress.createUnresolved("early", 81)), ActorRef.noSender());
    connector.tell(connect("t3"), Adapter.toClassic(stage.ref()));
    assertThat(manager.expectMessageClass(Tcp.Connect.class).remoteAddress().getHostString()).isEqualTo("early");
  }
}
