package dev.apigw.node.dataplane.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP API integration's parameter mapping, compiled once per deployment: {@code requestParameters} ({@code
 * append|overwrite|remove:header.name}, {@code ...:querystring.name}, {@code overwrite:path}) or one status code's
 * {@code responseParameters} ({@code ...:header.name}, {@code overwrite:statuscode}). Values are static text with
 * {@code $request.*}, {@code $response.*}, {@code $context.*} and {@code $stageVariables.*} references (also as {@code
 * ${...}}), each resolved per request by the caller. Immutable.
 */
public final class ParameterMapping {
  /** What a mapping does. */
  public enum Action { APPEND, OVERWRITE, REMOVE }

  /** What a mapping changes. */
  public enum Target { HEADER, QUERYSTRING, PATH, STATUSCODE }

  /** One mapping. */
  public record Op(Action action, Target target, String name, String value) {}

  /** A request's or response's parameters as they go out; mutable while the mapping applies. */
  public static final class Parameters {
    public final List<Map.Entry<String, String>> headers;
    public final List<Map.Entry<String, String>> query;
    public String path;
    public Integer status;

    public Parameters(List<Map.Entry<String, String>> headers, List<Map.Entry<String, String>> query, String path,
        Integer status) {
      this.headers = new ArrayList<>(headers);
      this.query = new ArrayList<>(query);
      this.path = path;
      this.status = status;
    }
  }

  private static final Pattern KEY = Pattern.compile("(append|overwrite|remove):(header\\.([^\\s]+)|querystring\\.([^\\s]+)|path|statuscode)");
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{((?:request|response|context|stageVariables)\\.[^}]+)}|\\$((?:request|response|context|stageVariables)(?:\\.[A-Za-z0-9_\\-]+)+)");

  private final List<Op> ops;

  private ParameterMapping(List<Op> ops) {
    this.ops = List.copyOf(ops);
  }

  /** No mapping. */
  public static final ParameterMapping NONE = new ParameterMapping(List.of());

  /**
   * Compiles a parameter map (null: none). Keys that do not parse are refused by the control plane; here they are
   * left out.
   */
  public static ParameterMapping compile(Map<String, String> parameters) {
    if (parameters == null || parameters.isEmpty()) {
      return NONE;
    }
    List<Op> ops = new ArrayList<>();
    parameters.forEach((key, value) -> {
      Matcher m = KEY.matcher(key);
      if (!m.matches()) {
        return;
      }
      Action action = Action.valueOf(m.group(1).toUpperCase(Locale.ROOT));
      String what = m.group(2);
      if (m.group(3) != null) {
        ops.add(new Op(action, Target.HEADER, m.group(3), value));
      } else if (m.group(4) != null) {
        ops.add(new Op(action, Target.QUERYSTRING, m.group(4), value));
      } else {
        ops.add(new Op(action, what.equals("path") ? Target.PATH : Target.STATUSCODE, null, value));
      }
    });
    // Removals before overwrites before appends, so that the result does not depend on the map's order.
    ops.sort((a, b) -> Integer.compare(rank(a.action()), rank(b.action())));
    return new ParameterMapping(ops);
  }

  private static int rank(Action a) {
    return a == Action.REMOVE ? 0 : a == Action.OVERWRITE ? 1 : 2;
  }

  public boolean isEmpty() {
    return ops.isEmpty();
  }

  /** Whether a mapping changes the query string. */
  public boolean changesQuery() {
    return ops.stream().anyMatch(op -> op.target() == Target.QUERYSTRING);
  }

  /**
   * Applies the mappings to {@code p}; {@code resolve} answers a reference's value without {@code $} (e.g. {@code
   * request.header.x}), or null when it has none.
   */
  public void apply(Parameters p, UnaryOperator<String> resolve) {
    for (Op op : ops) {
      String value = op.action() == Action.REMOVE ? null : render(op.value(), resolve);
      switch (op.target()) {
        case HEADER -> change(p.headers, op, value);
        case QUERYSTRING -> change(p.query, op, value);
        case PATH -> p.path = value;
        case STATUSCODE -> {
          try {
            p.status = Integer.parseInt(value.trim());
          } catch (RuntimeException e) {
            // Not a status: the control plane refuses static ones; a reference that resolved to text is ignored.
          }
        }
        default -> throw new IllegalStateException(op.target().toString());
      }
    }
  }

  private static void change(List<Map.Entry<String, String>> list, Op op, String value) {
    boolean header = op.target() == Target.HEADER;
    if (op.action() != Action.APPEND) {
      list.removeIf(e -> header ? e.getKey().equalsIgnoreCase(op.name()) : e.getKey().equals(op.name()));
    }
    if (op.action() != Action.REMOVE && value != null) {
      list.add(Map.entry(op.name(), value));
    }
  }

  /** {@code template} with its references resolved (an unknown one is empty). */
  public static String render(String template, UnaryOperator<String> resolve) {
    if (template == null || template.indexOf('$') < 0) {
      return template;
    }
    Matcher m = REFERENCE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String ref = m.group(1) != null ? m.group(1) : m.group(2);
      String v = resolve.apply(ref);
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v));
    }
    m.appendTail(out);
    return out.toString();
  }
}
