package dev.apigw.node.dataplane.websocket;

import dev.apigw.protocol.CborSerializable;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;

/**
 * The local end of one WebSocket connection on the node that accepted it: feeds the bounded
 * outbound queue of the socket's flow (so {@code @connections} from any node reaches the client
 * through the session), closes it on request or after the idle timeout, and stops when the
 * socket closed.
 */
public final class SocketActor {
  private SocketActor() {}

  /** What the socket does; {@link Send} and {@link Close} come from the session, maybe from another node. */
  public sealed interface Command extends CborSerializable {}

  /** Send {@code data} to the client as a text frame. */
  public record Send(String data, ActorRef<WebSocketSession.Reply> replyTo) implements Command {}

  /** Close the socket. */
  public record Close(ActorRef<WebSocketSession.Reply> replyTo) implements Command {}

  /** The client sent a message: the idle timer starts over. */
  public record Touched() implements Command {}

  /** The socket's flow ended; nothing more can be sent. */
  public record Closed() implements Command {}

  private record IdleTimeout() implements Command {}

  private record Refresh() implements Command {}

  /**
   * @param register (re)registers this socket (given its ref) with its session; run every {@code refreshInterval},
   *     because a session is soft state that is lost when its shard moves to another node
   */
  public static Behavior<Command> create(BoundedSourceQueue<Message> queue, Duration idleTimeout,
      Duration refreshInterval, Consumer<ActorRef<Command>> register) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startSingleTimer("idle", new IdleTimeout(), idleTimeout);
      timers.startTimerWithFixedDelay("refresh", new Refresh(), refreshInterval);
      return Behaviors.receive(Command.class)
          .onMessage(Send.class, s -> {
            QueueOfferResult result = queue.offer(TextMessage.create(s.data()));
            if (result == QueueOfferResult.enqueued()) {
              s.replyTo().tell(new WebSocketSession.Delivered());
            } else if (result == QueueOfferResult.dropped()) {
              s.replyTo().tell(new WebSocketSession.LimitExceeded());
            } else {
              s.replyTo().tell(new WebSocketSession.Gone());
            }
            return Behaviors.same();
          })
          .onMessage(Close.class, c -> {
            queue.complete();
            c.replyTo().tell(new WebSocketSession.Delivered());
            return Behaviors.same();
          })
          .onMessage(Touched.class, t -> {
            timers.startSingleTimer("idle", new IdleTimeout(), idleTimeout);
            return Behaviors.same();
          })
          .onMessage(IdleTimeout.class, t -> {
            // Completing the outbound side closes the socket (close frame 1000); the flow then reports Closed.
            queue.complete();
            return Behaviors.same();
          })
          .onMessage(Refresh.class, r -> {
            register.accept(ctx.getSelf());
            return Behaviors.same();
          })
          .onMessage(Closed.class, c -> Behaviors.stopped())
          .build();
    }));
  }
}
