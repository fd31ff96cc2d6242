package dev.apigw.node.dataplane.validation;

import java.util.List;
import java.util.Optional;

/**
 * One required method request parameter, parsed from its expression such as {@code
 * method.request.querystring.page}.
 *
 * @param expression the full expression, which also fixes the order AWS reports missing parameters in
 * @param source where the parameter is read from
 * @param name the parameter's name, as reported to the caller
 */
record RequiredParameter(String expression, Source source, String name) {

  private static final String PREFIX = "method.request.";

  /** Where in the request a parameter lives. */
  enum Source {
    PATH,
    QUERYSTRING,
    HEADER
  }

  /** The parameter named by {@code expression}; empty for expressions that name no path, query or header value. */
  static Optional<RequiredParameter> parse(String expression) {
    if (expression == null || !expression.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = expression.substring(PREFIX.length());
    int dot = rest.indexOf('.');
    if (dot <= 0 || dot == rest.length() - 1) {
      return Optional.empty();
    }
    String name = rest.substring(dot + 1);
    Source source = switch (rest.substring(0, dot)) {
      case "path" -> Source.PATH;
      case "querystring", "multivaluequerystring" -> Source.QUERYSTRING;
      case "header", "multivalueheader" -> Source.HEADER;
      default -> null;
    };
    return source == null ? Optional.empty() : Optional.of(new RequiredParameter(expression, source, name));
  }

  /** Whether the request carries this parameter with a non-blank value, as AWS requires. */
  boolean isPresentIn(ValidationInput input) {
    return switch (source) {
      case PATH -> notBlank(input.path().get(name));
      case QUERYSTRING -> anyNotBlank(input.querystring().get(name));
      case HEADER -> anyNotBlank(input.header(name));
    };
  }

  private static boolean anyNotBlank(List<String> values) {
    return values != null && values.stream().anyMatch(RequiredParameter::notBlank);
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }
}
