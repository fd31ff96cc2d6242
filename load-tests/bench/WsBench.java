import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The WebSocket benchmark's client (load-tests/bench/websocket.sh), one file, JDK only, run with
 * {@code java WsBench.java ...}. A raw NIO client rather than a WebSocket library so that one thread
 * holds tens of thousands of sockets with a few KB each, and the client is never what runs out first.
 *
 * <pre>
 * hold   --target H:P --host HOST --stage S --count N --rate R --in-flight F --sources 127.0.0.1,127.0.0.2
 *        --ids K --ids-file FILE --seconds T [--stop-file FILE]
 *   opens N WebSocket connections to H:P (Host: HOST, path /S) at most R per second and F handshakes at a
 *   time, cycling the local source addresses (one address has ~28k ephemeral ports); then asks the first
 *   K for their connection ids ({"action":"whoami"}, answered by a route response) and writes them to
 *   FILE; then holds every socket, counting the text messages received, and prints a STAT line every
 *   second until T seconds passed or the stop file exists. Closes everything before it exits.
 * sign   --ids-file FILE --target-host H:P --stage S --key ID --secret SECRET --region REGION --out FILE
 *   one SigV4-signed (service execute-api) POST /S/@connections/{id} per id, written for wrk's Lua script
 *   as "path TAB x-amz-date TAB authorization TAB body" lines. Signed before the measurement so that the
 *   load generator spends its time sending, not hashing; the gateway still verifies every request.
 * </pre>
 */
public final class WsBench {
  private static final long HANDSHAKE_TIMEOUT_NANOS = 15_000_000_000L;
  private static final Pattern CONNECTION_ID = Pattern.compile("\"connectionId\"\\s*:\\s*\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    switch (args.length == 0 ? "" : args[0]) {
      case "hold" -> new Holder(opts).run();
      case "sign" -> sign(opts);
      default -> {
        System.err.println("usage: java WsBench.java hold|sign --option value ... (see the class comment)");
        System.exit(2);
      }
    }
  }

  // ---- hold ----

  private static final class Conn {
    final SocketChannel channel;
    final long startedAt = System.nanoTime();
    ByteBuffer in = ByteBuffer.allocate(1024);
    boolean open; // handshake done
    boolean asked; // whoami sent
    String id;

    Conn(SocketChannel channel) {
      this.channel = channel;
    }
  }

  private static final class Holder {
    final InetSocketAddress target;
    final String host;
    final String stage;
    final int count;
    final int rate;
    final int inFlightMax;
    final List<String> sources;
    final int idsWanted;
    final Path idsFile;
    final long deadline;
    final Path stopFile;

    final List<Conn> conns = new ArrayList<>();
    // Handshakes in start order: the oldest times out first.
    final java.util.LinkedHashMap<Conn, SelectionKey> pending = new java.util.LinkedHashMap<>();
    int started;
    int handshaking;
    int opened;
    int failed;
    int closedByServer;
    long received;
    final Map<String, Integer> failures = new HashMap<>();

    Holder(Map<String, String> o) {
      String[] t = o.get("target").split(":");
      target = new InetSocketAddress(t[0], Integer.parseInt(t[1]));
      host = o.get("host");
      stage = o.get("stage");
      count = Integer.parseInt(o.getOrDefault("count", "1000"));
      rate = Integer.parseInt(o.getOrDefault("rate", "1000"));
      inFlightMax = Integer.parseInt(o.getOrDefault("in-flight", "200"));
      sources = List.of(o.getOrDefault("sources", "127.0.0.1").split(","));
      idsWanted = Integer.parseInt(o.getOrDefault("ids", "0"));
      idsFile = o.containsKey("ids-file") ? Path.of(o.get("ids-file")) : null;
      deadline = System.nanoTime() + Long.parseLong(o.getOrDefault("seconds", "60")) * 1_000_000_000L;
      stopFile = o.containsKey("stop-file") ? Path.of(o.get("stop-file")) : null;
    }

    void run() throws IOException {
      long start = System.nanoTime();
      long lastStat = start;
      boolean allConnectedReported = false;
      boolean idsWritten = idsWanted == 0;
      try (Selector selector = Selector.open()) {
        while (System.nanoTime() < deadline && (stopFile == null || !Files.exists(stopFile))) {
          long now = System.nanoTime();
          long allowed = Math.min(count, (now - start) * rate / 1_000_000_000L + 1);
          while (started < allowed && handshaking < inFlightMax) {
            connect(selector);
          }
          selector.select(20);
          for (SelectionKey key : selector.selectedKeys()) {
            Conn c = (Conn) key.attachment();
            try {
              if (key.isConnectable()) {
                c.channel.finishConnect();
                handshake(c);
                key.interestOps(SelectionKey.OP_READ);
              } else if (key.isReadable()) {
                read(c, key);
              }
            } catch (IOException e) {
              fail(c, key, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
          }
          selector.selectedKeys().clear();
          if (!allConnectedReported && started == count && handshaking == 0) {
            allConnectedReported = true;
            System.out.printf("CONNECTED open=%d failed=%d seconds=%.1f failures=%s%n", opened, failed,
                (System.nanoTime() - start) / 1e9, failures);
            askIds();
          }
          if (!idsWritten && allConnectedReported && idsKnown() >= Math.min(idsWanted, opened)) {
            idsWritten = true;
            writeIds();
          }
          if (System.nanoTime() - lastStat >= 1_000_000_000L) {
            expireHandshakes();
            lastStat = System.nanoTime();
            System.out.printf("STAT t=%.1f open=%d handshaking=%d failed=%d closedByServer=%d received=%d%n",
                (lastStat - start) / 1e9, opened - closedByServer, handshaking, failed, closedByServer, received);
          }
        }
        for (Conn c : conns) {
          c.channel.close();
        }
      }
      System.out.printf("DONE open=%d failed=%d closedByServer=%d received=%d%n", opened - closedByServer, failed,
          closedByServer, received);
    }

    void connect(Selector selector) throws IOException {
      String source = sources.get(started % sources.size());
      started++;
      SocketChannel channel = SocketChannel.open();
      Conn c = new Conn(channel);
      handshaking++;
      pending.put(c, null);
      try {
        channel.configureBlocking(false);
        channel.bind(new InetSocketAddress(source, 0));
        if (channel.connect(target)) {
          handshake(c);
          channel.register(selector, SelectionKey.OP_READ, c);
        } else {
          channel.register(selector, SelectionKey.OP_CONNECT, c);
        }
      } catch (IOException e) {
        fail(c, null, e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }

    void handshake(Conn c) throws IOException {
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      String request = "GET /" + stage + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
          + java.util.Base64.getEncoder().encodeToString(nonce) + "\r\nUser-Agent: ws-bench\r\n\r\n";
      writeFully(c, request.getBytes(StandardCharsets.US_ASCII));
    }

    void read(Conn c, SelectionKey key) throws IOException {
      if (!c.in.hasRemaining()) {
        ByteBuffer bigger = ByteBuffer.allocate(c.in.capacity() * 2);
        c.in.flip();
        bigger.put(c.in);
        c.in = bigger;
      }
      int n = c.channel.read(c.in);
      if (n < 0) {
        if (c.open) {
          closedByServer++;
          key.cancel();
          c.channel.close();
        } else {
          fail(c, key, "closed during the handshake");
        }
        return;
      }
      c.in.flip();
      if (!c.open) {
        int end = indexOf(c.in, "\r\n\r\n");
        if (end < 0) {
          c.in.compact();
          return;
        }
        byte[] head = new byte[end];
        c.in.get(head);
        c.in.position(end + 4);
        String status = new String(head, StandardCharsets.US_ASCII).lines().findFirst().orElse("");
        if (!status.startsWith("HTTP/1.1 101")) {
          fail(c, key, status);
          return;
        }
        c.open = true;
        pending.remove(c);
        handshaking--;
        opened++;
        conns.add(c);
      }
      frames(c, key);
      c.in.compact();
      if (c.in.capacity() > 1024 && c.in.position() == 0) {
        c.in = ByteBuffer.allocate(1024); // give the memory back once a large frame is through
      }
    }

    /** Server frames are unmasked: 2 header bytes, a 16- or 64-bit length when 126/127, the payload. */
    void frames(Conn c, SelectionKey key) throws IOException {
      while (c.in.remaining() >= 2) {
        int p = c.in.position();
        int b0 = c.in.get(p) & 0xff;
        int b1 = c.in.get(p + 1) & 0x7f;
        int header = 2;
        long length = b1;
        if (b1 == 126) {
          if (c.in.remaining() < 4) {
            return;
          }
          length = c.in.getShort(p + 2) & 0xffff;
          header = 4;
        } else if (b1 == 127) {
          if (c.in.remaining() < 10) {
            return;
          }
          length = c.in.getLong(p + 2);
          header = 10;
        }
        if (c.in.remaining() < header + length) {
          return;
        }
        int opcode = b0 & 0x0f;
        boolean fin = (b0 & 0x80) != 0;
        byte[] payload = new byte[(int) length];
        c.in.position(p + header);
        c.in.get(payload);
        if (opcode == 8) { // close: answer it and let the server end the TCP connection
          writeFully(c, frame(0x88, payload));
        } else if (opcode == 9) {
          writeFully(c, frame(0x8A, payload));
        } else if (opcode == 1 || opcode == 0) {
          String text = new String(payload, StandardCharsets.UTF_8);
          Matcher m = c.asked && c.id == null ? CONNECTION_ID.matcher(text) : null;
          if (m != null && m.find()) {
            c.id = m.group(1);
          } else if (fin) {
            received++;
          }
        }
      }
    }

    /** A handshake unanswered for HANDSHAKE_TIMEOUT fails, so that a lost SYN or request cannot hang the run. */
    void expireHandshakes() throws IOException {
      long now = System.nanoTime();
      var it = new ArrayList<>(pending.keySet()).iterator();
      while (it.hasNext()) {
        Conn c = it.next();
        if (now - c.startedAt < HANDSHAKE_TIMEOUT_NANOS) {
          break;
        }
        fail(c, null, "handshake timeout"); // closing the channel cancels its key
      }
    }

    void askIds() {
      int asked = 0;
      for (Conn c : conns) {
        if (asked >= idsWanted) {
          break;
        }
        if (c.channel.isOpen()) {
          try {
            c.asked = true;
            writeFully(c, frame(0x81, "{\"action\":\"whoami\"}".getBytes(StandardCharsets.UTF_8)));
            asked++;
          } catch (IOException e) {
            failures.merge("whoami: " + e.getMessage(), 1, Integer::sum);
          }
        }
      }
    }

    int idsKnown() {
      int n = 0;
      for (Conn c : conns) {
        if (c.id != null) {
          n++;
        }
      }
      return n;
    }

    void writeIds() throws IOException {
      try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(idsFile))) {
        for (Conn c : conns) {
          if (c.id != null) {
            out.println(c.id);
          }
        }
      }
      System.out.printf("IDS %d written to %s%n", idsKnown(), idsFile);
    }

    void fail(Conn c, SelectionKey key, String why) throws IOException {
      if (c.open) {
        closedByServer++; // an open socket that broke: lost, not a failed handshake
      } else {
        pending.remove(c);
        handshaking--;
        failed++;
      }
      failures.merge(why.length() > 80 ? why.substring(0, 80) : why, 1, Integer::sum);
      if (key != null) {
        key.cancel();
      }
      c.channel.close();
    }
  }

  /** A client frame: FIN + opcode, masked as RFC 6455 requires of clients. */
  private static byte[] frame(int finOpcode, byte[] payload) {
    int header = payload.length < 126 ? 2 : 4;
    byte[] out = new byte[header + 4 + payload.length];
    out[0] = (byte) finOpcode;
    if (header == 2) {
      out[1] = (byte) (0x80 | payload.length);
    } else {
      out[1] = (byte) (0x80 | 126);
      out[2] = (byte) (payload.length >>> 8);
      out[3] = (byte) payload.length;
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    System.arraycopy(mask, 0, out, header, 4);
    for (int i = 0; i < payload.length; i++) {
      out[header + 4 + i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    return out;
  }

  /** Small writes into an idle socket's send buffer complete at once; a full buffer here is a failure. */
  private static void writeFully(Conn c, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    c.channel.write(buffer);
    if (buffer.hasRemaining()) {
      throw new IOException("send buffer full");
    }
  }

  private static int indexOf(ByteBuffer buffer, String marker) {
    byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = buffer.position(); i + m.length <= buffer.limit(); i++) {
      for (int j = 0; j < m.length; j++) {
        if (buffer.get(i + j) != m[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  // ---- sign ----

  private static void sign(Map<String, String> o) throws Exception {
    List<String> ids = Files.readAllLines(Path.of(o.get("ids-file")));
    String host = o.get("target-host");
    String stage = o.get("stage");
    String key = o.get("key");
    String secret = o.get("secret");
    String region = o.get("region");
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    String amzDate = now.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
    String day = amzDate.substring(0, 8);
    String scope = day + "/" + region + "/execute-api/aws4_request";
    byte[] signingKey = hmac(hmac(hmac(hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day), region),
        "execute-api"), "aws4_request");
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(o.get("out"))))) {
      for (String id : ids) {
        if (id.isBlank()) {
          continue;
        }
        String path = "/" + stage + "/@connections/" + id;
        String body = "{\"m\":\"" + id + "\"}";
        // The verifier accepts the path exactly as sent (curl 7's reading) as well as the SDKs' re-encoded one.
        String canonical = "POST\n" + path + "\n\nhost:" + host + "\nx-amz-date:" + amzDate + "\n\nhost;x-amz-date\n"
            + hex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
            + hex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        String signature = hex(hmac(signingKey, toSign));
        String authorization = "AWS4-HMAC-SHA256 Credential=" + key + "/" + scope
            + ", SignedHeaders=host;x-amz-date, Signature=" + signature;
        out.println(path + "\t" + amzDate + "\t" + authorization + "\t" + body);
      }
    }
    System.out.printf("SIGNED %d requests for %s%n", ids.size(), host);
  }

  private static byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
