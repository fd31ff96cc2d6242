package dev.apigw.node.dataplane.mapping;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import java.util.regex.Pattern;

/**
 * Parses the keys (targets) and values (sources) of {@code requestParameters} and {@code
 * responseParameters} into {@link ParameterTarget}s and {@link ParameterSource}s, with AWS's error
 * message for anything it would reject.
 */
final class MappingExpressions {
  /** AWS documents that names in mapping expressions match this. */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._$-]+");

  private static final String REQUEST_SOURCES =
      "method.request.{path|querystring|multivaluequerystring|header|multivalueheader}.NAME,"
          + " method.request.body, method.request.body.JSONPATH, stageVariables.NAME,"
          + " context.NAME or a 'quoted literal'";
  private static final String RESPONSE_SOURCES =
      "integration.response.{header|multivalueheader}.NAME, integration.response.body,"
          + " integration.response.body.JSONPATH, stageVariables.NAME, context.NAME"
          + " or a 'quoted literal'";

  /** Which side of the integration a mapping belongs to; it decides the legal sources. */
  enum Direction {
    REQUEST("integration.request.{header|querystring|path}.NAME", REQUEST_SOURCES),
    RESPONSE("method.response.header.NAME", RESPONSE_SOURCES);

    final String targets;
    final String sources;

    Direction(String targets, String sources) {
      this.targets = targets;
      this.sources = sources;
    }
  }

  private MappingExpressions() {}

  /** The direction a target key implies, or an error if it is neither side's target. */
  static Direction directionOf(String key) {
    if (key != null && key.startsWith("integration.request.")) {
      return Direction.REQUEST;
    }
    if (key != null && key.startsWith("method.response.")) {
      return Direction.RESPONSE;
    }
    throw invalid(
        key, "integration.request.{header|querystring|path}.NAME or method.response.header.NAME");
  }

  static ParameterTarget target(String key, Direction direction) {
    if (direction == Direction.RESPONSE) {
      return new ParameterTarget(
          ParameterTarget.Kind.HEADER, name(key, "method.response.header.", direction.targets));
    }
    for (ParameterTarget.Kind kind : ParameterTarget.Kind.values()) {
      String prefix = "integration.request." + kind.name().toLowerCase() + ".";
      if (key.startsWith(prefix)) {
        return new ParameterTarget(kind, name(key, prefix, direction.targets));
      }
    }
    throw invalid(key, direction.targets);
  }

  static ParameterSource source(String value, Direction direction) {
    if (value == null || value.isBlank()) {
      throw invalid(value, direction.sources);
    }
    String expression = value.trim();
    if (expression.length() >= 2 && expression.startsWith("'") && expression.endsWith("'")) {
      return new ParameterSource.Static(expression.substring(1, expression.length() - 1));
    }
    if (expression.startsWith("stageVariables.")) {
      return new ParameterSource.StageVariable(
          name(expression, "stageVariables.", direction.sources));
    }
    if (expression.startsWith("context.")) {
      return new ParameterSource.ContextValue(name(expression, "context.", direction.sources));
    }
    return direction == Direction.REQUEST ? requestSource(expression) : responseSource(expression);
  }

  private static ParameterSource requestSource(String e) {
    String s = REQUEST_SOURCES;
    if (e.startsWith("method.request.path.")) {
      return new ParameterSource.RequestPath(name(e, "method.request.path.", s));
    }
    if (e.startsWith("method.request.querystring.")) {
      return new ParameterSource.RequestQuery(name(e, "method.request.querystring.", s), false);
    }
    if (e.startsWith("method.request.multivaluequerystring.")) {
      return new ParameterSource.RequestQuery(
          name(e, "method.request.multivaluequerystring.", s), true);
    }
    if (e.startsWith("method.request.header.")) {
      return new ParameterSource.RequestHeader(name(e, "method.request.header.", s), false);
    }
    if (e.startsWith("method.request.multivalueheader.")) {
      return new ParameterSource.RequestHeader(
          name(e, "method.request.multivalueheader.", s), true);
    }
    if (e.equals("method.request.body")) {
      return new ParameterSource.RequestBody(null);
    }
    if (e.startsWith("method.request.body.")) {
      return new ParameterSource.RequestBody(jsonPath(e, "method.request.body.", s));
    }
    throw invalid(e, s);
  }

  private static ParameterSource responseSource(String e) {
    String s = RESPONSE_SOURCES;
    if (e.startsWith("integration.response.header.")) {
      return new ParameterSource.ResponseHeader(name(e, "integration.response.header.", s), false);
    }
    if (e.startsWith("integration.response.multivalueheader.")) {
      return new ParameterSource.ResponseHeader(
          name(e, "integration.response.multivalueheader.", s), true);
    }
    if (e.equals("integration.response.body")) {
      return new ParameterSource.ResponseBody(null);
    }
    if (e.startsWith("integration.response.body.")) {
      return new ParameterSource.ResponseBody(jsonPath(e, "integration.response.body.", s));
    }
    throw invalid(e, s);
  }

  private static String name(String expression, String prefix, String expected) {
    if (!expression.startsWith(prefix)) {
      throw invalid(expression, expected);
    }
    String name = expression.substring(prefix.length());
    if (!NAME.matcher(name).matches() || name.startsWith(".") || name.endsWith(".")) {
      throw invalid(expression, expected);
    }
    return name;
  }

  /** {@code method.request.body.a.b[0]} means the JSONPath {@code $.a.b[0]}. */
  private static String jsonPath(String expression, String prefix, String expected) {
    String path = "$." + expression.substring(prefix.length());
    try {
      JsonPath.compile(path);
    } catch (InvalidPathException | IllegalArgumentException e) {
      throw invalid(expression, expected);
    }
    return path;
  }

  /** AWS's wording, with what we expected appended. */
  static IllegalArgumentException invalid(String expression, String expected) {
    return new IllegalArgumentException(
        "Invalid mapping expression specified: Validation Result: warnings : [], errors : "
            + "[Invalid mapping expression specified: "
            + expression
            + "] (expected: "
            + expected
            + ")");
  }
}
