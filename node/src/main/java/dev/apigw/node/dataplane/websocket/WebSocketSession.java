package dev.apigw.node.dataplane.websocket;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.apigw.protocol.CborSerializable;
import java.time.Instant;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One WebSocket connection, sharded by its connectionId, so that {@code @connections} on any node
 * finds the node that holds the socket. Registered by that node on connect; it keeps the socket's
 * local actor and the connection's metadata, forwards posts and disconnects to the socket, and
 * stops when the socket closes (unregistered, or the socket actor died with its node).
 *
 * <p>Soft state, like AWS's: not persisted, and never passivated while the connection lives.
 */
public final class WebSocketSession {
  private WebSocketSession() {}

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "WebSocketSession");

  /** What the session does. */
  public sealed interface Command extends CborSerializable {}

  /** The accepting node registers its socket; answered once the session can serve {@code @connections}. */
  public record Register(String apiId, String stage, ActorRef<SocketActor.Command> socket, Instant connectedAt,
      String sourceIp, String userAgent, ActorRef<Done> replyTo) implements Command {}

  /** The client sent a message at {@code at}. */
  public record Touch(Instant at) implements Command {}

  /** The socket closed. */
  public record Unregister() implements Command {}

  /** {@code POST @connections/{id}}: send {@code data} to the client. */
  public record Post(String apiId, String stage, String data, ActorRef<Reply> replyTo) implements Command {}

  /** {@code GET @connections/{id}}. */
  public record Describe(String apiId, String stage, ActorRef<Reply> replyTo) implements Command {}

  /** {@code DELETE @connections/{id}}: close the socket. */
  public record Disconnect(String apiId, String stage, ActorRef<Reply> replyTo) implements Command {}

  private record SocketTerminated() implements Command {}

  /** What {@code @connections} calls are answered. */
  public sealed interface Reply extends CborSerializable {}

  /** Queued for the client (or, for Disconnect, closing). */
  public record Delivered() implements Reply {}

  /** No such connection (never existed, closed, or belongs to another API or stage). */
  public record Gone() implements Reply {}

  /** The client's outbound buffer is full. */
  public record LimitExceeded() implements Reply {}

  /** The connection's metadata. */
  public record Info(Instant connectedAt, String sourceIp, String userAgent, Instant lastActiveAt) implements Reply {}

  /** A live connection's state; immutable. */
  private record Connection(String apiId, String stage, ActorRef<SocketActor.Command> socket, Instant connectedAt,
      String sourceIp, String userAgent, Instant lastActiveAt) {
    Connection withLastActiveAt(Instant at) {
      return new Connection(apiId, stage, socket, connectedAt, sourceIp, userAgent, at);
    }

    /** A call names this connection only with its own API (when the call names one) and stage. */
    boolean addressedBy(String callApiId, String callStage) {
      return (callApiId == null || callApiId.equals(apiId)) && (callStage == null || callStage.equals(stage));
    }
  }

  /**
   * Registers the entity with sharding on this node, without passivation (an idle session is a live connection)
   * and with its own number of shards ({@code gateway.websocket.session-shards}).
   */
  public static void init(ActorSystem<?> system) {
    Config config = system.settings().config();
    Config sharding = ConfigFactory.parseMap(Map.of("number-of-shards", config.getInt("gateway.websocket.session-shards")))
        .withFallback(config.getConfig("pekko.cluster.sharding"));
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId()))
        .withSettings(ClusterShardingSettings.fromConfig(sharding).withNoPassivationStrategy()));
  }

  public static Behavior<Command> create(String connectionId) {
    return unregistered();
  }

  private static Behavior<Command> unregistered() {
    return Behaviors.receive(Command.class)
        .onMessage(Register.class, r -> {
          r.replyTo().tell(Done.getInstance());
          return registered(new Connection(r.apiId(), r.stage(), r.socket(), r.connectedAt(), r.sourceIp(),
              r.userAgent(), r.connectedAt()));
        })
        .onMessage(Post.class, p -> gone(p.replyTo()))
        .onMessage(Describe.class, d -> gone(d.replyTo()))
        .onMessage(Disconnect.class, d -> gone(d.replyTo()))
        .onMessage(Touch.class, t -> Behaviors.same())
        .onMessage(Unregister.class, u -> Behaviors.stopped())
        .onMessage(SocketTerminated.class, t -> Behaviors.stopped())
        .build();
  }

  private static Behavior<Command> gone(ActorRef<Reply> replyTo) {
    replyTo.tell(new Gone());
    // Nothing to keep: an unknown id must not hold a shard slot.
    return Behaviors.stopped();
  }

  private static Behavior<Command> registered(Connection c) {
    return Behaviors.setup(ctx -> {
      // The socket's node may die without unregistering; its actor's death ends the session.
      ctx.watchWith(c.socket(), new SocketTerminated());
      return connected(c);
    });
  }

  private static Behavior<Command> connected(Connection c) {
    return Behaviors.receive(Command.class)
        .onMessage(Touch.class, t -> connected(c.withLastActiveAt(t.at())))
        .onMessage(Post.class, p -> {
          if (!c.addressedBy(p.apiId(), p.stage())) {
            p.replyTo().tell(new Gone());
          } else {
            c.socket().tell(new SocketActor.Send(p.data(), p.replyTo()));
          }
          return Behaviors.same();
        })
        .onMessage(Describe.class, d -> {
          d.replyTo().tell(c.addressedBy(d.apiId(), d.stage())
              ? new Info(c.connectedAt(), c.sourceIp(), c.userAgent(), c.lastActiveAt()) : new Gone());
          return Behaviors.same();
        })
        .onMessage(Disconnect.class, d -> {
          if (!c.addressedBy(d.apiId(), d.stage())) {
            d.replyTo().tell(new Gone());
          } else {
            c.socket().tell(new SocketActor.Close(d.replyTo()));
          }
          return Behaviors.same();
        })
        .onMessage(Register.class, r -> {
          r.replyTo().tell(Done.getInstance()); // a retried registration
          return Behaviors.same();
        })
        .onMessage(Unregister.class, u -> Behaviors.stopped())
        .onMessage(SocketTerminated.class, t -> Behaviors.stopped())
        .onSignal(Terminated.class, t -> Behaviors.stopped())
        .build();
  }
}
