package dev.apigw.node.dataplane.websocket;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket's local actor against a real bounded queue that nobody reads yet (a client that does not keep
 * up): posts fill the buffer, then are refused; a closed socket is gone.
 */
class SocketActorTest {
  private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.parseString(
          "pekko.actor.provider = local\npekko.actor.serialize-messages = on")
      .withFallback(ConfigFactory.load()));

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void refusesPostsBeyondTheBufferAndAfterClose() {
    var queue = Source.<Message>queue(2).preMaterialize(testKit.system()).first();
    AtomicInteger registrations = new AtomicInteger();
    var socket = testKit.spawn(SocketActor.create(2, Duration.ofMinutes(10), Duration.ofHours(2),
        Duration.ofMinutes(10), () -> { }, self -> registrations.incrementAndGet()));
    TestProbe<WebSocketSession.Reply> replies = testKit.createTestProbe(WebSocketSession.Reply.class);
    socket.tell(new SocketActor.Attached(queue));

    // The queue holds 2; the stream stages behind it buffer a few more, but never without bound.
    int delivered = 0;
    WebSocketSession.Reply reply = null;
    for (int i = 0; i < 100 && !(reply instanceof WebSocketSession.LimitExceeded); i++) {
      socket.tell(new SocketActor.Send("message " + i, replies.ref()));
      reply = replies.receiveMessage();
      if (reply instanceof WebSocketSession.Delivered) {
        delivered++;
      }
    }
    assertThat(reply).isInstanceOf(WebSocketSession.LimitExceeded.class);
    assertThat(delivered).isBetween(2, 50);

    socket.tell(new SocketActor.Close(replies.ref()));
    replies.expectMessageClass(WebSocketSession.Delivered.class);
    socket.tell(new SocketActor.Send("late", replies.ref()));
    replies.expectMessageClass(WebSocketSession.Gone.class);
  }

  @Test
  void postsBeforeTheStreamAttachesWaitInABoundedStash() {
    var socket = testKit.spawn(SocketActor.create(2, Duration.ofMinutes(10), Duration.ofHours(2),
        Duration.ofMinutes(10), () -> { }, self -> { }));
    TestProbe<WebSocketSession.Reply> replies = testKit.createTestProbe(WebSocketSession.Reply.class);
    for (int i = 0; i < 3; i++) {
      socket.tell(new SocketActor.Send("early " + i, replies.ref()));
    }
    // Two fit the stash; the third is refused at once, the others are answered once the stream is there.
    replies.expectMessageClass(WebSocketSession.LimitExceeded.class);
    replies.expectNoMessage(Duration.ofMillis(200));
    var pair = Source.<Message>queue(2).preMaterialize(testKit.system());
    socket.tell(new SocketActor.Attached(pair.first()));
    replies.expectMessageClass(WebSocketSession.Delivered.class);
    replies.expectMessageClass(WebSocketSession.Delivered.class);
    var received = pair.second().take(2).map(m -> m.asTextMessage().getStrictText())
        .runWith(org.apache.pekko.stream.javadsl.Sink.seq(), testKit.system())
        .toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
    assertThat(received).containsExactly("early 0", "early 1");
  }

  @Test
  void closesAnIdleSocketAndReRegistersPeriodically() {
    var pair = Source.<Message>queue(2).preMaterialize(testKit.system());
    AtomicInteger registrations = new AtomicInteger();
    var done = pair.second().runWith(org.apache.pekko.stream.javadsl.Sink.ignore(), testKit.system());
    var socket = testKit.spawn(SocketActor.create(2, Duration.ofMillis(300), Duration.ofHours(2),
        Duration.ofMillis(50), () -> { }, self -> registrations.incrementAndGet()));
    socket.tell(new SocketActor.Attached(pair.first()));
    // The outbound stream completes when the idle timeout closes the socket.
    done.toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
    assertThat(registrations.get()).isPositive();
  }
}
