package dev.apigw.node.dataplane.authorizers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The IAM policy a Lambda authorizer returned, evaluated as API Gateway does against a method ARN
 * ({@code arn:aws:execute-api:region:account:apiId/stage/VERB/path}): an explicit {@code Deny}
 * that matches wins, else a matching {@code Allow} allows, else access is implicitly denied.
 * {@code Action} and {@code Resource} may be a string or a list; {@code *} and {@code ?} are
 * wildcards. Immutable; one cached policy is evaluated for every method it is used with.
 */
public final class AuthorizerPolicy {
  /** The outcome for one method ARN. */
  public enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

  private record Statement(boolean allow, List<Pattern> actions, List<Pattern> resources) {
    boolean matches(String action, String resourceArn) {
      return actions.stream().anyMatch(a -> a.matcher(action).matches())
          && resources.stream().anyMatch(r -> r.matcher(resourceArn).matches());
    }
  }

  private static final String INVOKE = "execute-api:invoke";
  private final List<Statement> statements;

  private AuthorizerPolicy(List<Statement> statements) {
    this.statements = List.copyOf(statements);
  }

  /**
   * A policy of one {@code Allow} statement: {@code actions} on {@code resources}, both with IAM wildcards (e.g. a data
   * plane key pair's allow list, {@code gateway.auth.invoke-policy}).
   *
   * @throws IllegalArgumentException when either list is empty
   */
  public static AuthorizerPolicy allowing(List<String> actions, List<String> resources) {
    if (actions.isEmpty() || resources.isEmpty()) {
      throw new IllegalArgumentException("actions: " + actions + ", resources: " + resources + " (expected: neither empty)");
    }
    return new AuthorizerPolicy(List.of(new Statement(true, actions.stream().map(a -> glob(a, true)).toList(),
        resources.stream().map(r -> glob(r, false)).toList())));
  }

  /**
   * Reads a {@code policyDocument}.
   *
   * @throws IllegalArgumentException when it is not an object with a {@code Statement} (object or list) whose entries
   *     have an {@code Effect} of Allow or Deny, an {@code Action} and a {@code Resource}
   */
  public static AuthorizerPolicy parse(JsonNode document) {
    if (document == null || !document.isObject()) {
      throw new IllegalArgumentException("policyDocument: " + document + " (expected: an object)");
    }
    JsonNode statement = document.get("Statement");
    if (statement == null || !(statement.isArray() || statement.isObject())) {
      throw new IllegalArgumentException("policyDocument.Statement: " + statement + " (expected: a list of statements)");
    }
    List<Statement> statements = new ArrayList<>();
    for (JsonNode s : statement.isArray() ? statement : List.of(statement)) {
      statements.add(statement(s));
    }
    return new AuthorizerPolicy(statements);
  }

  private static Statement statement(JsonNode s) {
    String effect = s.path("Effect").asText("");
    if (!effect.equals("Allow") && !effect.equals("Deny")) {
      throw new IllegalArgumentException("Statement.Effect: " + s.get("Effect") + " (expected: Allow or Deny)");
    }
    return new Statement(effect.equals("Allow"), patterns(s, "Action", true), patterns(s, "Resource", false));
  }

  private static List<Pattern> patterns(JsonNode s, String field, boolean ignoreCase) {
    JsonNode value = s.get(field);
    List<Pattern> patterns = new ArrayList<>();
    if (value != null && value.isTextual()) {
      patterns.add(glob(value.asText(), ignoreCase));
    } else if (value != null && value.isArray()) {
      for (JsonNode v : value) {
        if (!v.isTextual()) {
          throw new IllegalArgumentException("Statement." + field + ": " + value + " (expected: a string or a list of strings)");
        }
        patterns.add(glob(v.asText(), ignoreCase));
      }
    } else {
      throw new IllegalArgumentException("Statement." + field + ": " + value + " (expected: a string or a list of strings)");
    }
    return patterns;
  }

  /** An IAM wildcard: {@code *} any run of characters, {@code ?} one character, the rest literal. */
  static Pattern glob(String wildcard, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : (ignoreCase ? wildcard.toLowerCase(Locale.ROOT) : wildcard).toCharArray()) {
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** The decision for {@code execute-api:Invoke} on {@code methodArn}. */
  public Decision decide(String methodArn) {
    return decide(INVOKE, methodArn);
  }

  /** The decision for {@code action} (e.g. {@code execute-api:ManageConnections}, any case) on {@code resourceArn}. */
  public Decision decide(String action, String resourceArn) {
    String lowerAction = action.toLowerCase(Locale.ROOT);
    boolean allowed = false;
    for (Statement s : statements) {
      if (s.matches(lowerAction, resourceArn)) {
        if (!s.allow()) {
          return Decision.EXPLICIT_DENY;
        }
        allowed = true;
      }
    }
    return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
  }
}
