package dev.apigw.node.dataplane.mapping;

import java.util.List;
import java.util.Map;

/** Where a mapped value comes from; {@link #values} is empty when the source has no value. */
sealed interface ParameterSource {

  List<String> values(MappingSources sources);

  /** A quoted literal such as {@code 'application/json'}. */
  record Static(String value) implements ParameterSource {
    @Override
    public List<String> values(MappingSources sources) {
      return List.of(value);
    }
  }

  /** {@code method.request.path.NAME}. */
  record RequestPath(String name) implements ParameterSource {
    @Override
    public List<String> values(MappingSources sources) {
      return single(sources.path().get(name));
    }
  }

  /** {@code method.request.querystring.NAME} (first value) or {@code multivaluequerystring}. */
  record RequestQuery(String name, boolean multi) implements ParameterSource {
    @Override
    public List<String> values(MappingSources sources) {
      return pick(sources.querystring().get(name), multi);
    }
  }

  /** {@code method.request.header.NAME} (first value) or {@code multivalueheader}; any case. */
  record RequestHeader(String name, boolean multi) implements ParameterSource {
    @Override
    public List<String> values(MappingSources sources) {
      return pick(header(sources.headers(), name), multi);
    }
  }

  /** {@code integration.response.header.NAME} (first value) or {@code multivalueheader}. */
  record ResponseHeader(String name, boolean multi) implements ParameterSource {
    @Override
    public List<String> values(MappingSources sources) {
      return pick(header(sources.integrationResponseHeaders(), name), multi);
    }
  }

  /** {@code method.request.body[.JSONPath]}; {@code jsonPath} null means the whole body. */
  record RequestBody(String jsonPath) implements ParameterSource {
    @Override
    public List<String> values(MappingSources sources) {
      return fromBody(sources.requestBody(), jsonPath);
    }
  }

  /** {@code integration.response.body[.JSONPath]}; {@code jsonPath} null means the whole body. */
  record ResponseBody(String jsonPath) implements ParameterSource {
    @Override
    public List<String> values(MappingSources sources) {
      return fromBody(sources.integrationResponseBody(), jsonPath);
    }
  }

  /** {@code stageVariables.NAME}. */
  record StageVariable(String name) implements ParameterSource {
    @Override
    public List<String> values(MappingSources sources) {
      return single(sources.stageVariables().get(name));
    }
  }

  /** {@code context.a.b}: a dotted path into the {@code $context} tree. */
  record ContextValue(String path) implements ParameterSource {
    @Override
    public List<String> values(MappingSources sources) {
      Object value = walk(sources.context(), path);
      if (value == null) {
        return List.of();
      }
      return single(
          value instanceof Map<?, ?> || value instanceof List<?>
              ? JsonValues.write(value)
              : value.toString());
    }

    private static Object walk(Object node, String path) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      // A key may itself hold dots (authorizer claims do), so try the whole rest first.
      if (map.containsKey(path)) {
        return map.get(path);
      }
      int dot = path.indexOf('.');
      while (dot > 0) {
        Object child = map.get(path.substring(0, dot));
        if (child != null) {
          Object found = walk(child, path.substring(dot + 1));
          if (found != null) {
            return found;
          }
        }
        dot = path.indexOf('.', dot + 1);
      }
      return null;
    }
  }

  private static List<String> single(String value) {
    return value == null ? List.of() : List.of(value);
  }

  private static List<String> pick(List<String> values, boolean multi) {
    if (values == null || values.isEmpty()) {
      return List.of();
    }
    return multi ? List.copyOf(values) : single(values.get(0));
  }

  private static List<String> header(Map<String, List<String>> headers, String name) {
    List<String> exact = headers.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static List<String> fromBody(String body, String jsonPath) {
    if (body == null || body.isEmpty()) {
      return List.of();
    }
    if (jsonPath == null) {
      return List.of(body);
    }
    Object document = JsonValues.parse(body).orElse(null);
    if (document == null) {
      return List.of();
    }
    JsonValues.Selection selection = JsonValues.select(document, jsonPath);
    Object value = selection.value();
    if (!selection.found() || value == null) {
      return List.of();
    }
    return List.of(value instanceof String text ? text : JsonValues.write(value));
  }
}
