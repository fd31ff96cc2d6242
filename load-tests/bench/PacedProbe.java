import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A paced keep-alive GET client that says *when* slow responses happened, not only how many: CONNS connections, each
 * sending a request, reading the response and waiting a random 0..2*MEAN_DELAY_MS; the first WARM seconds are not
 * counted (its own JIT, and its connections set up before the measurement). Prints p50/p90/p99/p99.9/max and writes the
 * wall-clock time (epoch ms) and latency (us) of every response of 2 ms or more to SLOW_FILE, for
 * {@code slow-bursts.py} to line up with {@code sched-sample.py}'s per-thread samples. JDK only:
 * {@code java PacedProbe.java HOST PORT HOST_HEADER PATH CONNS MEAN_DELAY_MS SECONDS WARM SLOW_FILE}.
 */
public final class PacedProbe {
  public static void main(String[] a) throws Exception {
    String host = a[0];
    int port = Integer.parseInt(a[1]);
    byte[] request = ("GET " + a[3] + " HTTP/1.1\r\nHost: " + a[2] + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    int conns = Integer.parseInt(a[4]);
    int meanDelay = Integer.parseInt(a[5]);
    int seconds = Integer.parseInt(a[6]);
    long from = System.nanoTime() + Integer.parseInt(a[7]) * 1_000_000_000L;
    long end = from + seconds * 1_000_000_000L;
    ConcurrentLinkedQueue<long[]> slow = new ConcurrentLinkedQueue<>();
    List<long[]> all = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < conns; c++) {
      Thread t = new Thread(() -> {
        long[] latencies = new long[4096]; // grown as needed: ~100 responses a second per connection at 10 ms mean
        int n = 0;
        try (Socket s = new Socket(host, port)) {
          s.setTcpNoDelay(true);
          OutputStream out = s.getOutputStream();
          InputStream in = new BufferedInputStream(s.getInputStream());
          ThreadLocalRandom random = ThreadLocalRandom.current();
          while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            out.write(request);
            out.flush();
            in.skipNBytes(contentLength(in));
            long us = (System.nanoTime() - t0) / 1000;
            if (t0 >= from) {
              if (n == latencies.length) {
                latencies = Arrays.copyOf(latencies, 2 * n);
              }
              latencies[n++] = us;
              if (us >= 2000) {
                slow.add(new long[] {System.currentTimeMillis(), us});
              }
            }
            Thread.sleep(random.nextInt(2 * meanDelay + 1));
          }
        } catch (Exception e) {
          System.err.println("connection: " + e);
        }
        all.add(Arrays.copyOf(latencies, n));
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    int total = merged.length;
    System.out.printf("requests %d rps %.0f p50 %d p90 %d p99 %d p99.9 %d max %d us%n", total, total / (double) seconds,
        merged[total / 2], merged[(int) (total * 0.9)], merged[(int) (total * 0.99)], merged[(int) (total * 0.999)],
        merged[total - 1]);
    try (PrintWriter w = new PrintWriter(a[8], StandardCharsets.US_ASCII)) {
      for (long[] x : slow) {
        w.println(x[0] + " " + x[1]);
      }
    }
  }

  /** Reads a response head; its Content-Length (the backends here answer with one). */
  private static int contentLength(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int length = 0;
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException();
      }
      if (c != '\n') {
        line.append((char) c);
        continue;
      }
      String l = line.toString().trim();
      if (l.isEmpty()) {
        return length;
      }
      int colon = l.indexOf(':');
      if (colon > 0 && l.substring(0, colon).equalsIgnoreCase("content-length")) {
        length = Integer.parseInt(l.substring(colon + 1).trim());
      }
      line.setLength(0);
    }
  }
}
