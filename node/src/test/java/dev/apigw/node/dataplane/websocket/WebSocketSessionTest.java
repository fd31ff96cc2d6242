package dev.apigw.node.dataplane.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session entity on its own, with a probe as the socket. Messages are serialized on every send (as
 * between nodes), so the CBOR binding of commands, replies and the socket's protocol is checked too.
 */
class WebSocketSessionTest {
  private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.parseString(
          "pekko.actor.provider = local\npekko.actor.serialize-messages = on")
      .withFallback(ConfigFactory.load()));
  private static final Instant CONNECTED = Instant.parse("2026-11-29T10:00:00Z");

  private TestProbe<SocketActor.Command> socket;
  private TestProbe<WebSocketSession.Reply> replies;
  private ActorRef<WebSocketSession.Command> session;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void register() {
    socket = testKit.createTestProbe(SocketActor.Command.class);
    replies = testKit.createTestProbe(WebSocketSession.Reply.class);
    session = testKit.spawn(WebSocketSession.create("c1"));
    TestProbe<Done> registered = testKit.createTestProbe(Done.class);
    session.tell(new WebSocketSession.Register("api", "prod", socket.ref(), CONNECTED, "10.0.0.1", "curl",
        registered.ref()));
    registered.expectMessage(Done.getInstance());
  }

  @Test
  void forwardsPostsAndDisconnectsToTheSocket() {
    session.tell(new WebSocketSession.Post("api", "prod", "hello", replies.ref()));
    var send = socket.expectMessageClass(SocketActor.Send.class);
    assertThat(send.data()).isEqualTo("hello");
    session.tell(new WebSocketSession.Post(null, "prod", "no host", replies.ref()));
    assertThat(socket.expectMessageClass(SocketActor.Send.class).data()).isEqualTo("no host");

    session.tell(new WebSocketSession.Disconnect("api", "prod", replies.ref()));
    socket.expectMessageClass(SocketActor.Close.class);
  }

  @Test
  void describesTheConnectionWithItsLastActivity() {
    Instant later = CONNECTED.plusSeconds(30);
    session.tell(new WebSocketSession.Touch(later));
    session.tell(new WebSocketSession.Describe("api", "prod", replies.ref()));
    assertThat(replies.expectMessageClass(WebSocketSession.Info.class))
        .isEqualTo(new WebSocketSession.Info(CONNECTED, "10.0.0.1", "curl", later));
  }

  @Test
  void anotherStageOrApiSeesNoConnection() {
    session.tell(new WebSocketSession.Post("api", "dev", "x", replies.ref()));
    replies.expectMessageClass(WebSocketSession.Gone.class);
    session.tell(new WebSocketSession.Describe("other", "prod", replies.ref()));
    replies.expectMessageClass(WebSocketSession.Gone.class);
    session.tell(new WebSocketSession.Disconnect("other", "prod", replies.ref()));
    replies.expectMessageClass(WebSocketSession.Gone.class);
    socket.expectNoMessage();
  }

  @Test
  void stopsWhenUnregistered() {
    TestProbe<Object> watcher = testKit.createTestProbe();
    session.tell(new WebSocketSession.Unregister());
    watcher.expectTerminated(session);
  }

  @Test
  void stopsWhenTheSocketDies() {
    TestProbe<Object> watcher = testKit.createTestProbe();
    socket.stop();
    watcher.expectTerminated(session);
  }

  @Test
  void anUnknownConnectionIsGone() {
    var fresh = testKit.spawn(WebSocketSession.create("c2"));
    fresh.tell(new WebSocketSession.Post("api", "prod", "x", replies.ref()));
    replies.expectMessageClass(WebSocketSession.Gone.class);
  }
}
