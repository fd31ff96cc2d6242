package dev.apigw.node.dataplane.integration;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.Uri;

/**
 * An integration {@code uri} with {@code {param}} placeholders and {@code ${stageVariables.x}}
 * references, filled per request.
 *
 * <p>Path parameters come from the client, so a filled uri must stay under the template's path whatever they hold:
 * every value is percent-encoded, a {@code /} inside a value is encoded too ({@code %2F}) unless the parameter may
 * span several segments (a greedy {@code {proxy+}}), and a value with a {@code .} or {@code ..} segment is refused
 * ({@link DotSegmentException}). Encoding dot segments would not be enough: Pekko's {@link Uri} keeps path segments
 * decoded and collapses dot segments when it resolves the request target, and backends such as nginx decode
 * {@code %2E%2E} and {@code %2F} before they normalise. So the check splits the decoded value at {@code /} and
 * {@code \}, whether or not the slashes stay separators.
 */
public final class UriTemplate {
  private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");
  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z0-9._\\-]+)(\\+?)}");

  private final String template;
  /** The parsed scheme and authority when they are fixed (no placeholders): only the path varies. */
  private final Uri fixedBase;
  private final String pathTemplate;
  private final boolean pathHasVariables;
  /** Whether stage variables appear anywhere (authority included): then nothing filled is kept across requests. */
  private final boolean hasVariables;
  /** pathTemplate cut at its {param} placeholders, from the first fillUri on; unused when it has stage variables. */
  private volatile Pieces pathPieces;
  /**
   * What appendPath appends to, kept from its first use when the template has no stage variables (it is then the same
   * for every request); null before. Not built up front: most templates (Lambda, AWS service ARNs) never append.
   */
  private volatile Appendable appendBase;

  /**
   * A path parameter whose value has a {@code .} or {@code ..} segment: substituted, it could take the request out
   * of the integration's path. The request is refused instead.
   */
  public static final class DotSegmentException extends IllegalArgumentException {
    DotSegmentException(String parameter) {
      super("path parameter " + parameter + ": has a '.' or '..' segment (expected: none)");
    }
  }

  public UriTemplate(String template) {
    this.template = template;
    int schemeEnd = template.indexOf("://");
    int pathStart = schemeEnd < 0 ? -1 : template.indexOf('/', schemeEnd + 3);
    String authority = pathStart < 0 ? template : template.substring(0, pathStart);
    Uri base = null;
    if (schemeEnd > 0 && authority.indexOf('{') < 0 && authority.indexOf('$') < 0 && template.indexOf('?') < 0) {
      try {
        base = Uri.create(authority);
      } catch (RuntimeException e) {
        base = null; // left to the per-request parse, which reports it
      }
    }
    this.fixedBase = base;
    this.pathTemplate = pathStart < 0 ? "/" : template.substring(pathStart);
    this.pathHasVariables = pathTemplate.contains("${");
    this.hasVariables = template.contains("${");
  }

  /**
   * A template without stage variables, cut once at its {@code {param}} placeholders: the text around them
   * ({@code literals}, one more than there are placeholders) and their names in order. Filling it is what
   * {@link #expand} does, without a regex per request.
   */
  private record Pieces(String[] literals, String[] names) {
    static Pieces of(String template) {
      List<String> literals = new ArrayList<>();
      List<String> names = new ArrayList<>();
      Matcher m = PARAM.matcher(template);
      int from = 0;
      while (m.find()) {
        literals.add(template.substring(from, m.start()));
        names.add(m.group(1));
        from = m.end();
      }
      literals.add(template.substring(from));
      return new Pieces(literals.toArray(String[]::new), names.toArray(String[]::new));
    }

    String fill(Map<String, String> pathParameters, Set<String> multiSegment) {
      if (names.length == 0) {
        return literals[0];
      }
      StringBuilder out = new StringBuilder(literals[0]);
      for (int i = 0; i < names.length; i++) {
        String value = pathParameters.get(names[i]);
        if (value != null) {
          out.append(encode(names[i], value, multiSegment.contains(names[i])));
        }
        out.append(literals[i + 1]);
      }
      return out.toString();
    }
  }

  /**
   * The uri for one request, with {@code rawQuery} (may be null or empty). Parses only the path
   * when scheme and authority are fixed: parsing whole URIs per request showed in profiles.
   *
   * @param multiSegment the parameters whose slashes stay path separators (a greedy {@code {proxy+}} and what is
   *     mapped from it); every other parameter is one segment
   * @throws DotSegmentException when a parameter has a {@code .} or {@code ..} segment
   */
  public Uri fillUri(Map<String, String> pathParameters, Set<String> multiSegment, Map<String, String> stageVariables,
      String rawQuery) {
    if (fixedBase == null) {
      String full = expand(template, pathParameters, multiSegment, stageVariables);
      if (rawQuery != null && !rawQuery.isEmpty()) {
        full = full + (full.contains("?") ? "&" : "?") + rawQuery;
      }
      return Uri.create(full);
    }
    String path;
    if (pathHasVariables) {
      path = expand(pathTemplate, pathParameters, multiSegment, stageVariables);
    } else {
      Pieces pieces = pathPieces;
      if (pieces == null) {
        pieces = Pieces.of(pathTemplate);
        pathPieces = pieces;
      }
      path = pieces.fill(pathParameters, multiSegment);
    }
    Uri uri = fixedBase.path(path);
    return rawQuery == null || rawQuery.isEmpty() ? uri : uri.rawQueryString(rawQuery);
  }

  /**
   * The uri's scheme, host, port and base path (stage variables filled, any placeholder and query left out) with
   * {@code encodedPath} appended and {@code rawQuery} (may be null or empty): an HTTP API's {@code $default} or greedy
   * route appends the request path so. Without stage variables that base is the same for every request, parsed once.
   */
  public Uri appendPath(String encodedPath, Map<String, String> stageVariables, String rawQuery) {
    String path = encodedPath.startsWith("/") ? encodedPath : "/" + encodedPath;
    Appendable base = appendBase;
    if (base == null) {
      base = Appendable.of(fill(Map.of(), stageVariables));
      if (!hasVariables) {
        appendBase = base;
      }
    }
    Uri filled = base.authority().path(base.path() + path);
    return rawQuery == null || rawQuery.isEmpty() ? filled : filled.rawQueryString(rawQuery);
  }

  /** What {@link #appendPath} appends to: {@code scheme://host[:port]} parsed, and the base path (no trailing slash). */
  private record Appendable(Uri authority, String path) {
    static Appendable of(String uri) {
      int q = uri.indexOf('?');
      Uri parsed = Uri.create(q >= 0 ? uri.substring(0, q) : uri);
      String path = parsed.path();
      Uri authority = Uri.create(parsed.scheme() + "://" + parsed.getHost().address()
          + (parsed.port() > 0 ? ":" + parsed.port() : ""));
      return new Appendable(authority, path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }
  }

  /**
   * The uri for one request as a string (a Lambda function uri), every parameter one segment.
   *
   * @throws DotSegmentException when a parameter has a {@code .} or {@code ..} segment
   */
  public String fill(Map<String, String> pathParameters, Map<String, String> stageVariables) {
    return expand(template, pathParameters, Set.of(), stageVariables);
  }

  private static String expand(String template, Map<String, String> pathParameters, Set<String> multiSegment,
      Map<String, String> stageVariables) {
    String withVariables = template.indexOf("${") < 0 ? template : replace(STAGE_VARIABLE, template,
        m -> stageVariables.getOrDefault(m.group(1), ""));
    if (withVariables.indexOf('{') < 0) {
      return withVariables;
    }
    return replace(PARAM, withVariables, m -> {
      String name = m.group(1);
      String value = pathParameters.get(name);
      return value == null ? "" : encode(name, value, multiSegment.contains(name));
    });
  }

  /**
   * A decoded path (e.g. an HTTP API request's path, appended to its integration's uri) percent-encoded segment by
   * segment, slashes kept.
   *
   * @throws DotSegmentException when it has a {@code .} or {@code ..} segment
   */
  public static String encodePath(String decodedPath) {
    return encode("path", decodedPath, true);
  }

  /** {@code value} percent-encoded segment by segment; its slashes stay separators only if {@code keepSlash}. */
  static String encode(String parameter, String value, boolean keepSlash) {
    if (value.isEmpty()) {
      return value;
    }
    boolean plain = true;
    int segmentStart = 0;
    for (int i = 0; i <= value.length(); i++) {
      char c = i < value.length() ? value.charAt(i) : '/';
      if (c == '/' || c == '\\') {
        int length = i - segmentStart;
        if ((length == 1 || length == 2) && value.startsWith(length == 1 ? "." : "..", segmentStart)) {
          throw new DotSegmentException(parameter);
        }
        segmentStart = i + 1;
        plain &= c == '/' && (keepSlash || i == value.length());
      } else {
        plain &= c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
            || c == '_' || c == '*';
      }
    }
    if (plain) {
      return value; // what URLEncoder leaves as it is, without its copies
    }
    String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    return keepSlash ? encoded.replace("%2F", "/") : encoded;
  }

  private static String replace(Pattern pattern, String input, java.util.function.Function<Matcher, String> value) {
    Matcher m = pattern.matcher(input);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
