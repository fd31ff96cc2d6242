package dev.apigw.node.dataplane.integration;

import java.net.URLEncoder;
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

  public UriTemplate(String template) {
    this.template = template;
  }

  /** The uri for one request. */
  public String fill(Map<String, String> pathParameters, Map<String, String> stageVariables) {
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
