package dev.apigw.node.dataplane.websocket;

import dev.apigw.protocol.CborSerializable;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;

/**
 * The local end of one WebSocket connection on the node that accepted it, and the only writer of
 * the socket's bounded outbound queue: {@code @connections} posts from any node (through the
 * session), route responses and error frames all go through it. It closes the socket on request
 * or after the idle timeout, and stops when the socket closed.
 *
 * <p>The actor exists before the socket's stream: it is registered with the session before the
 * upgrade is answered, and the stream hands it the queue ({@link Attached}) when it materializes.
 * Whatever arrives before that waits in a stash bounded like the queue.
 */
public final class SocketActor {
  private SocketActor() {}

  /** What the socket does; {@link Send} and {@link Close} come from the session, maybe from another node. */
  public sealed interface Command extends CborSerializable {}

  /** Send {@code data} to the client as a text frame. */
  public record Send(String data, ActorRef<WebSocketSession.Reply> replyTo) implements Command {}

  /** Close the socket. */
  public record Close(ActorRef<WebSocketSession.Reply> replyTo) implements Command {}

  /** This node's own frame for the client (route response, error frame); dropped when the buffer is full. */
  public record Push(String data) implements Command, NoSerializationVerificationNeeded {}

  /** The socket's stream materialized: its outbound queue. Local only. */
  public record Attached(BoundedSourceQueue<Message> queue) implements Command, NoSerializationVerificationNeeded {}

  /** Close the socket with an error (a message over the limits). Local only. */
  public record Fail(Throwable cause) implements Command, NoSerializationVerificationNeeded {}

  /** The client sent a message: the idle timer starts over. */
  public record Touched() implements Command {}

  /** The node is shutting down: close the socket. Local only. */
  public record GoingAway() implements Command, NoSerializationVerificationNeeded {}

  /** The socket's flow ended, or never started; nothing more can be sent. */
  public record Closed() implements Command {}

  private record IdleTimeout() implements Command {}

  private record MaxDurationReached() implements Command {}

  private record Refresh() implements Command {}

  /**
   * @param buffer how many messages may wait for the stream to attach (the outbound queue's size)
   * @param sent runs for each message queued towards the client (metrics)
   * @param register (re)registers this socket (given its ref) with its session; run every {@code refreshInterval},
   *     because a session is soft state that is lost when its shard moves to another node
   */
  public static Behavior<Command> create(int buffer, Duration idleTimeout, Duration maxDuration, Duration refreshInterval,
      Runnable sent, Consumer<ActorRef<Command>> register) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> Behaviors.withStash(buffer, stash -> {
      timers.startSingleTimer("idle", new IdleTimeout(), idleTimeout);
      timers.startSingleTimer("lifetime", new MaxDurationReached(), maxDuration);
      timers.startTimerWithFixedDelay("refresh", new Refresh(), refreshInterval);
      return detached(ctx, timers, stash, idleTimeout, sent, register);
    })));
  }

  private static Behavior<Command> detached(ActorContext<Command> ctx, TimerScheduler<Command> timers,
      StashBuffer<Command> stash, Duration idleTimeout, Runnable sent, Consumer<ActorRef<Command>> register) {
    return Behaviors.receive(Command.class)
        .onMessage(Attached.class,
            a -> stash.unstashAll(attached(ctx, timers, a.queue(), idleTimeout, sent, register)))
        .onMessage(Closed.class, c -> Behaviors.stopped())
        .onMessage(IdleTimeout.class, t -> Behaviors.stopped()) // the stream never started
        .onMessage(GoingAway.class, g -> Behaviors.stopped())
        .onMessage(MaxDurationReached.class, m -> Behaviors.stopped())
        .onMessage(Refresh.class, r -> {
          register.accept(ctx.getSelf());
          return Behaviors.same();
        })
        .onAnyMessage(m -> {
          if (stash.isFull()) {
            if (m instanceof Send s) {
              s.replyTo().tell(new WebSocketSession.LimitExceeded());
            }
          } else {
            stash.stash(m);
          }
          return Behaviors.same();
        })
        .build();
  }

  private static Behavior<Command> attached(ActorContext<Command> ctx, TimerScheduler<Command> timers,
      BoundedSourceQueue<Message> queue, Duration idleTimeout, Runnable sent, Consumer<ActorRef<Command>> register) {
    return Behaviors.receive(Command.class)
        .onMessage(Send.class, s -> {
          QueueOfferResult result = queue.offer(TextMessage.create(s.data()));
          if (result == QueueOfferResult.enqueued()) {
            sent.run();
            s.replyTo().tell(new WebSocketSession.Delivered());
          } else if (result == QueueOfferResult.dropped()) {
            s.replyTo().tell(new WebSocketSession.LimitExceeded());
          } else {
            s.replyTo().tell(new WebSocketSession.Gone());
          }
          return Behaviors.same();
        })
        .onMessage(Push.class, p -> {
          if (queue.offer(TextMessage.create(p.data())) == QueueOfferResult.enqueued()) {
            sent.run();
          }
          return Behaviors.same();
        })
        .onMessage(Close.class, c -> {
          queue.complete();
          c.replyTo().tell(new WebSocketSession.Delivered());
          return Behaviors.same();
        })
        .onMessage(Fail.class, f -> {
          // Failing the outbound side (not the inbound) makes Pekko send a close frame with an error code.
          queue.fail(f.cause());
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
        .onMessage(GoingAway.class, g -> {
          queue.complete(); // 1000, not AWS's 1001: Pekko HTTP's API cannot choose the close code
          return Behaviors.same();
        })
        .onMessage(MaxDurationReached.class, m -> {
          queue.complete();
          return Behaviors.same();
        })
        .onMessage(Refresh.class, r -> {
          register.accept(ctx.getSelf());
          return Behaviors.same();
        })
        .onMessage(Closed.class, c -> Behaviors.stopped())
        .onMessage(Attached.class, a -> Behaviors.same())
        .build();
  }
}
