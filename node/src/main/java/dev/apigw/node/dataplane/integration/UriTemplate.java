package dev.apigw.node.dataplane.integration;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
  private static final Pattern SEGMENT_SEPARATOR = Pattern.compile("[/\\\\]");

  private final String template;
  /** The parsed scheme and authority when they are fixed (no placeholders): only the path varies. */
  private final Uri fixedBase;
  private final String pathTemplate;

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
    Uri uri = fixedBase.path(expand(pathTemplate, pathParameters, multiSegment, stageVariables));
    return rawQuery == null || rawQuery.isEmpty() ? uri : uri.rawQueryString(rawQuery);
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
    String[] segments = SEGMENT_SEPARATOR.split(value, -1);
    for (String segment : segments) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new DotSegmentException(parameter);
      }
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
