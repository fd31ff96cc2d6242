package dev.apigw.node.dataplane.edge;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open connections, per client and in total, and admits a new one only while both are under their limits.
 * A client is an IPv4 address or an IPv6 /64 (one host usually holds a whole /64). Thread-safe.
 */
public final class ConnectionGate {
  private final int maxTotal;
  private final int maxPerClient;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, Integer> perClient = new ConcurrentHashMap<>();

  public ConnectionGate(int maxTotal, int maxPerClient) {
    this.maxTotal = maxTotal;
    this.maxPerClient = maxPerClient;
  }

  /** One admitted connection; {@link #release()} once it closed (more calls do nothing). */
  public final class Lease {
    private final InetAddress client;
    private final AtomicBoolean released = new AtomicBoolean();

    private Lease(InetAddress client) {
      this.client = client;
    }

    public void release() {
      if (released.compareAndSet(false, true)) {
        perClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
        total.decrementAndGet();
      }
    }
  }

  /** Why a connection was refused. */
  public enum Refusal { TOTAL, PER_CLIENT }

  /** The outcome of {@link #admit}: a lease, or the limit that refused it. */
  public record Admission(Optional<Lease> lease, Refusal refusal) {}

  /** Admits a connection from {@code address} if both limits allow it. */
  public Admission admit(InetAddress address) {
    if (total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      return new Admission(Optional.empty(), Refusal.TOTAL);
    }
    InetAddress client = clientOf(address);
    boolean[] admitted = {false};
    perClient.compute(client, (k, n) -> {
      int open = n == null ? 0 : n;
      if (open >= maxPerClient) {
        return n;
      }
      admitted[0] = true;
      return open + 1;
    });
    if (!admitted[0]) {
      total.decrementAndGet();
      return new Admission(Optional.empty(), Refusal.PER_CLIENT);
    }
    return new Admission(Optional.of(new Lease(client)), null);
  }

  /** Open connections of all clients. */
  public int open() {
    return total.get();
  }

  /** Open connections of {@code address}'s client. */
  public int open(InetAddress address) {
    return perClient.getOrDefault(clientOf(address), 0);
  }

  static InetAddress clientOf(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
      Arrays.fill(prefix, 8, 16, (byte) 0);
      try {
        return InetAddress.getByAddress(prefix);
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    return address;
  }
}
