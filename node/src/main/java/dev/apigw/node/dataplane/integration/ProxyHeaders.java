package dev.apigw.node.dataplane.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/** Which headers a proxy passes on: everything but hop-by-hop headers and Pekko's own synthetic ones. */
final class ProxyHeaders {
  /**
   * Backend responses' {@code Date} and {@code Server} values, modeled: the backend connections read headers as raw
   * ones ({@code modeled-header-parsing = off}, so values pass on as sent), but Pekko renders these two only modeled
   * (it drops raw ones with a warning). A backend's values repeat (a date per second, a server name), so each is
   * parsed once while it is among the last few seen.
   */
  private static final RecentValues DATES = new RecentValues();
  private static final RecentValues SERVERS = new RecentValues();

  private static final Set<String> DROPPED = Set.of(
      "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
      "transfer-encoding", "upgrade", "host", "content-length", "content-type", "raw-request-uri", "remote-address",
      "timeout-access", "tls-session-info", "x-forwarded-host");
  /**
   * {@link #DROPPED} by name length: a raw header's lowercase name is a new string without a cached hash, so a set
   * lookup hashed every name of every request and response; most names have no member of their length to compare.
   */
  private static final String[][] DROPPED_BY_LENGTH = byLength(DROPPED);

  private ProxyHeaders() {}

  /**
   * {@code headers} without the ones a proxy must not forward.
   *
   * @throws dev.apigw.node.dataplane.responses.GatewayError 400 when a forwarded value has a control character:
   *     Pekko's parser lets DEL through, and the client rendering would send it on raw
   */
  static List<HttpHeader> forward(Iterable<HttpHeader> headers) {
    List<HttpHeader> kept = new ArrayList<>();
    for (HttpHeader h : headers) {
      if (!dropped(h.lowercaseName())) {
        HeaderValues.requireNoControl(h.name(), h.value());
        kept.add(h);
      }
    }
    return kept;
  }

  /**
   * A backend response's {@code headers} as the gateway answers with them: without the ones a proxy must not forward,
   * {@code Date} and {@code Server} modeled (a value that does not parse is dropped, as Pekko's rendering would).
   */
  static List<HttpHeader> backward(Iterable<HttpHeader> headers) {
    List<HttpHeader> kept = new ArrayList<>();
    for (HttpHeader h : headers) {
      String name = h.lowercaseName();
      if (dropped(name)) {
        continue;
      }
      if (h instanceof RawHeader && (name.equals("date") || name.equals("server"))) {
        HttpHeader modeled = (name.equals("date") ? DATES : SERVERS).modeled(h);
        if (modeled != null) {
          kept.add(modeled);
        }
      } else {
        kept.add(h);
      }
    }
    return kept;
  }

  /** The last few values of one header, modeled (null: does not parse); a racy cache of immutable entries. */
  private static final class RecentValues {
    private record Entry(String value, HttpHeader modeled) {}

    private final Entry[] entries = new Entry[4];
    private int next;

    HttpHeader modeled(HttpHeader raw) {
      String value = raw.value();
      for (Entry e : entries) {
        if (e != null && e.value().equals(value)) {
          return e.modeled();
        }
      }
      HttpHeader modeled;
      try {
        HttpHeader parsed = HttpHeader.parse(raw.name(), value);
        modeled = parsed instanceof RawHeader ? null : parsed;
      } catch (RuntimeException e) {
        modeled = null; // an illegal header: Pekko's own parsing would have dropped it too
      }
      // A write lost between two threads costs one more parse, nothing else.
      entries[next++ & (entries.length - 1)] = new Entry(value, modeled);
      return modeled;
    }
  }

  /** Whether {@code lowercaseName} is one a proxy drops. */
  static boolean dropped(String lowercaseName) {
    int length = lowercaseName.length();
    if (length >= DROPPED_BY_LENGTH.length) {
      return false;
    }
    for (String name : DROPPED_BY_LENGTH[length]) {
      if (name.equals(lowercaseName)) {
        return true;
      }
    }
    return false;
  }

  private static String[][] byLength(Set<String> names) {
    int longest = names.stream().mapToInt(String::length).max().orElse(0);
    String[][] byLength = new String[longest + 1][];
    for (int length = 0; length <= longest; length++) {
      int l = length;
      byLength[length] = names.stream().filter(n -> n.length() == l).toArray(String[]::new);
    }
    return byLength;
  }
}
