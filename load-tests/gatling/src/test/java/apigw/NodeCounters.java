package apigw;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Per-node request counters the simulations fill from an {@code exec} after each request and print
 * in their {@code after()} hook. Gatling's own report has the same numbers per request name (one
 * name per node); these exist so that one line at the end says it all.
 */
final class NodeCounters {

  /** Counters of one node (one base URL). */
  static final class Node {
    final String baseUrl;
    final LongAdder sent = new LongAdder();
    final LongAdder ok = new LongAdder();          // 2xx
    final LongAdder throttled = new LongAdder();   // 429
    final LongAdder otherStatus = new LongAdder(); // any other HTTP status
    final LongAdder noResponse = new LongAdder();  // connect/read errors, timeouts
    // Response times of answered requests in 1 ms buckets (the last bucket holds everything above).
    final AtomicLongArray millis = new AtomicLongArray(10_001);

    Node(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    long failed() {
      return otherStatus.sum() + noResponse.sum();
    }
  }

  final List<Node> nodes;

  NodeCounters(List<String> baseUrls) {
    List<Node> list = new ArrayList<>();
    for (String url : baseUrls) list.add(new Node(url));
    this.nodes = Collections.unmodifiableList(list);
  }

  /** Parses {@code -DbaseUrls=http://127.0.0.1:8080,http://127.0.0.2:8080}. */
  static List<String> baseUrls() {
    String value = System.getProperty("baseUrls", "http://127.0.0.1:8080");
    List<String> urls = Stream.of(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s).toList();
    if (urls.isEmpty()) throw new IllegalArgumentException("-DbaseUrls is empty");
    return urls;
  }

  static String required(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing -D" + name + " (see load-tests/README.md)");
    }
    return value.trim();
  }

  /**
   * Round-robin feeder over the nodes: each virtual user gets {@code node} (index), {@code base} and
   * {@code nodeName} (the request name in the report, e.g. "node 1 127.0.0.1:8080").
   *
   * <p>With {@code -DactiveNodesFile=<path>} only the base URLs listed in that file (one a line,
   * re-read every 100 ms) get new requests, the way a load balancer adds and drops targets: a script
   * can add a node that came up and drop one it stops while the simulation runs. A missing or empty
   * file means every node.
   */
  Iterator<Map<String, Object>> feeder() {
    java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
    Supplier<Map<String, Object>> supplier = () -> {
      List<Integer> active = activeNodes();
      int i = active.get((int) (next.getAndIncrement() % active.size()));
      return Map.of("node", i, "base", nodes.get(i).baseUrl,
          "nodeName", "node " + (i + 1) + " " + nodes.get(i).baseUrl.replaceFirst("^https?://", ""));
    };
    return Stream.generate(supplier).iterator();
  }

  private final String activeNodesFile = System.getProperty("activeNodesFile");
  private volatile List<Integer> active;
  private volatile long activeReadAt;

  private List<Integer> activeNodes() {
    long now = System.nanoTime();
    List<Integer> current = active;
    if (current != null && (activeNodesFile == null || now - activeReadAt < 100_000_000L)) return current;
    synchronized (this) {
      if (active != null && (activeNodesFile == null || now - activeReadAt < 100_000_000L)) return active;
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < nodes.size(); i++) all.add(i);
      List<Integer> listed = new ArrayList<>();
      if (activeNodesFile != null) {
        try {
          for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(activeNodesFile))) {
            String url = line.trim().replaceAll("/+$", "");
            for (int i = 0; i < nodes.size(); i++) {
              if (nodes.get(i).baseUrl.equals(url) && !listed.contains(i)) listed.add(i);
            }
          }
        } catch (java.io.IOException e) {
          // missing or being replaced: keep what we had
          if (active != null) {
            activeReadAt = now;
            return active;
          }
        }
      }
      active = listed.isEmpty() ? all : listed;
      activeReadAt = now;
      return active;
    }
  }

  /** With {@code -DresultFile=<path>}: one line per node, "index sent ok throttled otherStatus noResponse". */
  void writeResultFile() {
    String file = System.getProperty("resultFile");
    if (file == null || file.isBlank()) return;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      sb.append(i + 1).append(' ').append(n.sent.sum()).append(' ').append(n.ok.sum()).append(' ')
          .append(n.throttled.sum()).append(' ').append(n.otherStatus.sum()).append(' ')
          .append(n.noResponse.sum()).append('\n');
    }
    try {
      java.nio.file.Files.writeString(java.nio.file.Path.of(file), sb.toString());
    } catch (java.io.IOException e) {
      System.err.println("cannot write " + file + ": " + e);
    }
  }

  /** Records one request: status is null when no response arrived. */
  void record(int node, Integer status, Integer responseMillis) {
    Node n = nodes.get(node);
    n.sent.increment();
    if (status == null) {
      n.noResponse.increment();
      return;
    }
    if (status >= 200 && status < 300) n.ok.increment();
    else if (status == 429) n.throttled.increment();
    else n.otherStatus.increment();
    if (responseMillis != null) n.millis.incrementAndGet(Math.min(Math.max(responseMillis, 0), 10_000));
  }

  long sum(java.util.function.Function<Node, Long> f) {
    return nodes.stream().mapToLong(f::apply).sum();
  }

  /** Percentile (0..100) of answered requests' response times over all nodes, in ms. */
  long percentileMillis(double p) {
    long[] merged = new long[10_001];
    long total = 0;
    for (Node n : nodes) {
      for (int i = 0; i < merged.length; i++) {
        long c = n.millis.get(i);
        merged[i] += c;
        total += c;
      }
    }
    if (total == 0) return -1;
    long rank = (long) Math.ceil(p / 100.0 * total);
    long seen = 0;
    for (int i = 0; i < merged.length; i++) {
      seen += merged[i];
      if (seen >= rank) return i;
    }
    return 10_000;
  }
}
