package dev.apigw.node.dataplane.observability;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.http.javadsl.model.HttpHeader;

/**
 * One request's execution log lines, REST or WebSocket, in the making: the one place an event is cut at AWS's 1 KB
 * ({@code [TRUNCATED]}), its line breaks escaped (one event stays one line) and credentials masked ({@code ****} and
 * the value's last 4 characters, as AWS shows them). A {@link Sink} says how each line starts and where the finished
 * lines go: the node's execution log file ({@link #stage}) or a TestInvokeMethod's {@code log}.
 */
public final class ExecutionLogLines {
  /** AWS truncates execution log events at 1 KB. */
  public static final int MAX_EVENT = 1024;
  private static final Set<String> SECRET = Set.of("authorization", "proxy-authorization", "x-api-key", "cookie",
      "set-cookie", "x-amz-security-token");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** How each line starts, and where the request's finished lines go. */
  public interface Sink {
    /** Appends the start of a line written {@code now}. */
    void startLine(StringBuilder lines, Instant now);

    /** Takes the request's lines, each ending in a newline. */
    void finished(String lines);
  }

  /** A stage's log: AWS's CloudWatch line, {@code <time> API-Gateway-Execution-Logs_{apiId}/{stage} ({id}) <event>}. */
  private record StageSink(String prefix, ExecutionLogWriter writer) implements Sink {
    @Override
    public void startLine(StringBuilder lines, Instant now) {
      lines.append(TIME.format(now)).append(prefix);
    }

    @Override
    public void finished(String lines) {
      writer.offer(lines);
    }
  }

  private final Sink sink;
  private final StringBuilder lines = new StringBuilder(1024);

  public ExecutionLogLines(Sink sink) {
    this.sink = sink;
  }

  /** Lines of request {@code requestId} on {@code stage} of API {@code apiId}, for the node's execution log file. */
  public static ExecutionLogLines stage(String apiId, String stage, String requestId, ExecutionLogWriter writer) {
    return new ExecutionLogLines(
        new StageSink(" API-Gateway-Execution-Logs_" + apiId + "/" + stage + " (" + requestId + ") ", writer));
  }

  /** Adds one event as one line. */
  public void add(String event) {
    String text = event.length() <= MAX_EVENT ? event : event.substring(0, MAX_EVENT) + " [TRUNCATED]";
    sink.startLine(lines, Instant.now());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        lines.append("\\n");
      } else if (c == '\r') {
        lines.append("\\r");
      } else {
        lines.append(c);
      }
    }
    lines.append('\n');
  }

  /** Hands the lines to the sink. */
  public void finish() {
    sink.finished(lines.toString());
  }

  /** A body as logged: UTF-8, its first 1 KB at most. */
  public static String body(byte[] body) {
    if (body.length <= MAX_EVENT) {
      return new String(body, StandardCharsets.UTF_8);
    }
    return new String(body, 0, MAX_EVENT, StandardCharsets.UTF_8) + " [TRUNCATED]";
  }

  /** Headers as logged: by name, case-insensitively sorted, values joined, credentials masked. */
  public static Map<String, String> headers(Map<String, List<String>> headers) {
    Map<String, String> shown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> shown.put(k, masked(k, String.join(",", v))));
    return shown;
  }

  /** Headers as logged: by name, case-insensitively sorted, values joined, credentials masked. */
  public static Map<String, String> headers(Iterable<HttpHeader> headers) {
    Map<String, String> shown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (HttpHeader h : headers) {
      shown.merge(h.name(), masked(h.name(), h.value()), (a, b) -> a + "," + b);
    }
    return shown;
  }

  private static String masked(String name, String value) {
    return SECRET.contains(name.toLowerCase(Locale.ROOT)) ? masked(value) : value;
  }

  /** A credential as AWS logs one: never the value, at most its last 4 characters (none of a short value). */
  public static String masked(String value) {
    return value == null || value.length() < 12 ? "****" : "****" + value.substring(value.length() - 4);
  }
}
