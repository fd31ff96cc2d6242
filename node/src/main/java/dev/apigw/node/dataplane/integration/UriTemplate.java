package dev.apigw.node.dataplane.integration;

import java.net.URLEncoder;
import org.apache.pekko.http.javadsl.model.Uri;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An integration {@code uri} with {@code {param}} placeholders and {@code ${stageVariables.x}}
 * references, filled per request. Path parameters are percent-encoded; a greedy value keeps its
 * slashes.
 */
public final class UriTemplate {
  private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");
  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z0-9._\\-]+)(\\+?)}");

  private final String template;
  /** The parsed scheme and authority when they are fixed (no placeholders): only the path varies. */
  private final Uri fixedBase;
  private final String pathTemplate;

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
   */
  public Uri fillUri(Map<String, String> pathParameters, Map<String, String> stageVariables, String rawQuery) {
    if (fixedBase == null) {
      String full = fill(pathParameters, stageVariables);
      if (rawQuery != null && !rawQuery.isEmpty()) {
        full = full + (full.contains("?") ? "&" : "?") + rawQuery;
      }
      return Uri.create(full);
    }
    Uri uri = fixedBase.path(expand(pathTemplate, pathParameters, stageVariables));
    return rawQuery == null || rawQuery.isEmpty() ? uri : uri.rawQueryString(rawQuery);
  }

  /** The uri for one request. */
  public String fill(Map<String, String> pathParameters, Map<String, String> stageVariables) {
    return expand(template, pathParameters, stageVariables);
  }

  private static String expand(String template, Map<String, String> pathParameters, Map<String, String> stageVariables) {
    String withVariables = template.indexOf("${") < 0 ? template : replace(STAGE_VARIABLE, template,
        m -> stageVariables.getOrDefault(m.group(1), ""));
    if (withVariables.indexOf('{') < 0) {
      return withVariables;
    }
    return replace(PARAM, withVariables, m -> {
      String value = pathParameters.get(m.group(1));
      if (value == null) {
        return "";
      }
      return encode(value, true);
    });
  }

  private static String encode(String value, boolean keepSlash) {
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
