package dev.apigw.node.dataplane.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code $input} of one render: the body, JSONPath views of it, and the method request's
 * parameters. Public only because Velocity calls its methods; create one per render.
 */
public final class InputVariable {
  private final TemplateInput input;
  private boolean parsed;
  private Object document;
  private Map<String, Map<String, String>> params;

  InputVariable(TemplateInput input) {
    this.input = input;
  }

  /** {@code $input.body}: the raw payload; an empty payload reads as {@code {}} as in AWS. */
  public String getBody() {
    String body = input.body();
    return body == null || body.isEmpty() ? "{}" : body;
  }

  /**
   * {@code $input.json(path)}: the JSON text of what {@code path} selects; empty when the path
   * matches nothing or the body is not JSON.
   */
  public String json(String path) {
    Object doc = document();
    if (doc == null) {
      return "";
    }
    JsonValues.Selection selection = JsonValues.select(doc, path);
    return selection.found() ? JsonValues.write(selection.value()) : "";
  }

  /**
   * {@code $input.path(path)}: what {@code path} selects as maps, lists and scalars, so templates
   * can iterate and read properties; null when nothing matches or the body is not JSON.
   */
  public Object path(String path) {
    Object doc = document();
    if (doc == null) {
      return null;
    }
    JsonValues.Selection selection = JsonValues.select(doc, path);
    return selection.found() ? JsonValues.forTemplate(selection.value()) : null;
  }

  /**
   * {@code $input.params()}: {@code path}, {@code querystring} and {@code header}, name to value.
   */
  public Map<String, Map<String, String>> params() {
    if (params == null) {
      Map<String, Map<String, String>> all = new LinkedHashMap<>();
      all.put("path", new LinkedHashMap<>(input.path()));
      all.put("querystring", firstValues(input.querystring()));
      all.put("header", new CaseInsensitiveMap<>(firstValues(input.headers())));
      params = all;
    }
    return params;
  }

  /**
   * {@code $input.params(name)}: the named parameter from path, query string, then headers (in that
   * order, as AWS searches); empty when there is none.
   */
  public String params(String name) {
    for (Map<String, String> kind : params().values()) {
      String value = kind.get(name);
      if (value != null) {
        return value;
      }
    }
    return "";
  }

  @Override
  public String toString() {
    return getBody();
  }

  private Object document() {
    if (!parsed) {
      String body = input.body();
      // An empty payload is the empty object, so $input.json('$') gives {} as in AWS.
      document =
          body == null || body.isBlank()
              ? new LinkedHashMap<>()
              : JsonValues.parse(body).orElse(null);
      parsed = true;
    }
    return document;
  }

  private static Map<String, String> firstValues(Map<String, List<String>> multi) {
    Map<String, String> first = new LinkedHashMap<>();
    multi.forEach(
        (name, values) -> {
          if (values != null && !values.isEmpty()) {
            first.put(name, values.get(0));
          }
        });
    return first;
  }
}
