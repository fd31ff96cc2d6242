package dev.apigw.node.dataplane.edge;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.io.Tcp;

/**
 * Stands for Pekko IO's TCP manager to the outgoing connection stages of client connections' own backend
 * connections ({@link ExchangeStage}), which send their {@code Connect} when the client connection's stream starts,
 * before any request says where to: it holds each {@code Connect} (its remote address an unresolved placeholder
 * naming a token) until the client connection's stage resolves the token to the backend's address, then passes it on
 * to the manager with the stage's actor as sender, so the connection is the stage's. A token forgotten unresolved
 * (the client connection ended without using it) fails the stage's {@code Connect}, which stops it.
 */
final class LazyConnector extends AbstractActor {
  /** Resolve {@code token}'s {@code Connect} to {@code address} (unresolved: the manager looks it up). */
  record Resolve(String token, InetSocketAddress address) {}

  /** The client connection ended without resolving {@code token}. */
  record Forget(String token) {}

  private final ActorRef manager;
  /** Connects waiting for their address, by token. */
  private final Map<String, Pending> waiting = new HashMap<>();
  /** Resolutions or forgets that arrived before their Connect (null address: forgotten), by token. */
  private final Map<String, Decision> early = new HashMap<>();

  private record Pending(Tcp.Connect connect, ActorRef stage) {}

  private record Decision(InetSocketAddress address) {}

  static Props props(ActorRef manager) {
    return Props.create(LazyConnector.class, () -> new LazyConnector(manager));
  }

  private LazyConnector(ActorRef manager) {
    this.manager = manager;
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(Tcp.Connect.class, connect -> {
          String token = connect.remoteAddress().getHostString();
          Decision decided = early.remove(token);
          if (decided == null) {
            waiting.put(token, new Pending(connect, getSender()));
          } else {
            decide(new Pending(connect, getSender()), decided.address());
          }
        })
        .match(Resolve.class, resolve -> settle(resolve.token(), resolve.address()))
        .match(Forget.class, forget -> settle(forget.token(), null))
        .build();
  }

  private void settle(String token, InetSocketAddress address) {
    Pending pending = waiting.remove(token);
    if (pending == null) {
      early.put(token, new Decision(address));
    } else {
      decide(pending, address);
    }
  }

  private void decide(Pending pending, InetSocketAddress address) {
    Tcp.Connect connect = pending.connect();
    if (address == null) {
      pending.stage().tell(new Tcp.CommandFailed(connect), self());
    } else {
      manager.tell(new Tcp.Connect(address, connect.localAddress(), connect.options(), connect.timeout(),
          connect.pullMode()), pending.stage());
    }
  }
}
