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
    var socket = testKit.spawn(SocketActor.create(queue, Duration.ofMinutes(10), Duration.ofMinutes(10),
        self -> registrations.incrementAndGet()));
    TestProbe<WebSocketSession.Reply> replies = testKit.createTestProbe(WebSocketSession.Reply.class);

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
  void closesAnIdleSocketAndReRegistersPeriodically() {
    var pair = Source.<Message>queue(2).preMaterialize(testKit.system());
    AtomicInteger registrations = new AtomicInteger();
    var done = pair.second().runWith(org.apache.pekko.stream.javadsl.Sink.ignore(), testKit.system());
    testKit.spawn(SocketActor.create(pair.first(), Duration.ofMillis(300), Duration.ofMillis(50),
        self -> registrations.incrementAndGet()));
    // The outbound stream completes when the idle timeout closes the socket.
    done.toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
    assertThat(registrations.get()).isPositive();
  }
}
