package dev.apigw.node.dataplane.routing;

import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.Resource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A deployment's resources compiled into an immutable trie, matched with AWS's precedence: a
 * literal path part beats a {@code {param}}, which beats a greedy {@code {proxy+}}; a method
 * beats {@code ANY}. If the most specific resource lacks the method, matching backtracks to the
 * next candidate (a greedy parent with {@code ANY}, for instance), so a request goes to the most
 * specific resource that can serve it.
 *
 * @param <T> what a method compiles to
 */
public final class RouteTable<T> {
  /** A match: the compiled method and the decoded path parameters. */
  public record Match<T>(Resource resource, T target, Map<String, String> pathParameters) {}

  private static final class Node<T> {
    final Map<String, Node<T>> literals = new HashMap<>();
    Node<T> variable;
    String variableName;
    Node<T> greedy;
    String greedyName;
    Resource resource;
    Map<String, T> methods = Map.of();
  }

  private final Node<T> root;

  private RouteTable(Node<T> root) {
    this.root = root;
  }

  /** Compiles every resource of {@code definition}; {@code compile} turns each method into its target. */
  public static <T> RouteTable<T> compile(ApiDefinition definition, BiFunction<Resource, Method, T> compile) {
    Node<T> root = new Node<>();
    for (Resource resource : definition.resources().values()) {
      Node<T> node = root;
      for (String part : segments(resource.path())) {
        node = child(node, part);
      }
      node.resource = resource;
      Map<String, T> methods = new HashMap<>();
      resource.methods().forEach((verb, method) -> methods.put(verb, compile.apply(resource, method)));
      node.methods = Map.copyOf(methods);
    }
    return new RouteTable<>(root);
  }

  private static <T> Node<T> child(Node<T> node, String part) {
    if (part.startsWith("{") && part.endsWith("+}")) {
      if (node.greedy == null) {
        node.greedy = new Node<>();
        node.greedyName = part.substring(1, part.length() - 2);
      }
      return node.greedy;
    }
    if (part.startsWith("{") && part.endsWith("}")) {
      if (node.variable == null) {
        node.variable = new Node<>();
        node.variableName = part.substring(1, part.length() - 1);
      }
      return node.variable;
    }
    return node.literals.computeIfAbsent(part, p -> new Node<>());
  }

  /** The method serving {@code httpMethod} on {@code path} (raw, percent-encoded), or null. */
  public Match<T> match(String httpMethod, String path) {
    List<String> parts = segments(path);
    return find(root, parts, 0, httpMethod, new LinkedHashMap<>());
  }

  private Match<T> find(Node<T> node, List<String> parts, int index, String verb, Map<String, String> params) {
    if (index == parts.size()) {
      return serve(node, verb, params);
    }
    String raw = parts.get(index);
    Node<T> literal = node.literals.get(decode(raw));
    if (literal != null) {
      Match<T> m = find(literal, parts, index + 1, verb, params);
      if (m != null) {
        return m;
      }
    }
    if (node.variable != null) {
      params.put(node.variableName, decode(raw));
      Match<T> m = find(node.variable, parts, index + 1, verb, params);
      if (m != null) {
        return m;
      }
      params.remove(node.variableName);
    }
    if (node.greedy != null) {
      List<String> rest = new ArrayList<>();
      for (int i = index; i < parts.size(); i++) {
        rest.add(decode(parts.get(i)));
      }
      params.put(node.greedyName, String.join("/", rest));
      Match<T> m = serve(node.greedy, verb, params);
      if (m != null) {
        return m;
      }
      params.remove(node.greedyName);
    }
    return null;
  }

  private Match<T> serve(Node<T> node, String verb, Map<String, String> params) {
    if (node.resource == null) {
      return null;
    }
    T target = node.methods.get(verb);
    if (target == null) {
      target = node.methods.get("ANY");
    }
    return target == null ? null : new Match<>(node.resource, target, Map.copyOf(params));
  }

  /** The non-empty path parts; {@code /a//b/} and {@code /a/b} are the same path, as on AWS. */
  static List<String> segments(String path) {
    List<String> parts = new ArrayList<>();
    if (path == null) {
      return parts;
    }
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts;
  }

  private static String decode(String raw) {
    if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
      return raw;
    }
    try {
      // Path parts keep '+' literally (URLDecoder would turn it into a space).
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }
}
