package dev.apigw.node.dataplane.edge;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import org.apache.pekko.Done;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.io.Inet;
import org.apache.pekko.io.Tcp;
import org.apache.pekko.io.TcpMessage;

/**
 * Listens on one port with Pekko IO directly and keeps the listener supplied with credit for {@link #CREDIT}
 * connections, so that it accepts whatever is queued in one go; Pekko Streams' {@code Tcp.bind} asks for one
 * connection at a time and waits for it to travel through its stream before asking for the next, which under a
 * reconnect flood left everyone's new connection waiting in the kernel's accept queue. Every accepted connection's
 * actor goes to {@code onConnected}, which starts its stream or answers false to have it closed at once. Pull mode
 * (as Pekko Streams binds): a connection reads only when its stream asks. A classic actor: Pekko IO speaks only to
 * those.
 */
final class Acceptor extends AbstractActor {
  /** Asks the acceptor to unbind; {@code done} completes once the port is closed. */
  record Unbind(CompletableFuture<Done> done) {}

  private final InetSocketAddress endpoint;
  private final int backlog;
  private final Iterable<Inet.SocketOption> options;
  private final CompletableFuture<InetSocketAddress> bound;
  private final BiPredicate<ActorRef, Tcp.Connected> onConnected;
  /** Connections the listener may accept before it hears from this actor again. */
  static final int CREDIT = 64;

  private ActorRef listener;
  private int acceptedSinceCredit;
  private CompletableFuture<Done> unbound;

  private Acceptor(InetSocketAddress endpoint, int backlog, Iterable<Inet.SocketOption> options,
      CompletableFuture<InetSocketAddress> bound, BiPredicate<ActorRef, Tcp.Connected> onConnected) {
    this.endpoint = endpoint;
    this.backlog = backlog;
    this.options = options;
    this.bound = bound;
    this.onConnected = onConnected;
  }

  static Props props(InetSocketAddress endpoint, int backlog, Iterable<Inet.SocketOption> options,
      CompletableFuture<InetSocketAddress> bound, BiPredicate<ActorRef, Tcp.Connected> onConnected) {
    return Props.create(Acceptor.class, () -> new Acceptor(endpoint, backlog, options, bound, onConnected));
  }

  @Override
  public void preStart() {
    Tcp.get(getContext().getSystem()).manager()
        .tell(TcpMessage.bind(getSelf(), endpoint, backlog, options, true), getSelf());
  }

  @Override
  public void postStop() {
    bound.completeExceptionally(new IllegalStateException("The acceptor for " + endpoint + " stopped before it bound"));
    if (unbound != null) {
      unbound.complete(Done.getInstance());
    }
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(Tcp.Connected.class, connected -> {
          // Topped up at half way, so the listener never runs dry while connections queue (the credit is replaced).
          if (++acceptedSinceCredit >= CREDIT / 2 && listener != null) {
            acceptedSinceCredit = 0;
            listener.tell(TcpMessage.resumeAccepting(CREDIT), getSelf());
          }
          if (!onConnected.test(getSender(), connected)) {
            // Closed with this actor as the sender, which ignores the answer (no dead letters).
            getSender().tell(TcpMessage.close(), getSelf());
          }
        })
        .match(Tcp.Bound.class, b -> {
          listener = getSender();
          listener.tell(TcpMessage.resumeAccepting(CREDIT), getSelf());
          bound.complete(b.localAddress());
        })
        .match(Tcp.CommandFailed.class, failed -> {
          bound.completeExceptionally(
              new IllegalStateException("Bind failed on " + endpoint + failed.causedByString()));
          getContext().stop(getSelf());
        })
        .match(Unbind.class, request -> {
          unbound = request.done();
          if (listener == null) {
            getContext().stop(getSelf());
          } else {
            listener.tell(TcpMessage.unbind(), getSelf());
          }
        })
        .match(Tcp.Unbound.class, u -> getContext().stop(getSelf()))
        // What closed connections answer: nothing to do.
        .match(Tcp.ConnectionClosed.class, closed -> {})
        .build();
  }
}
