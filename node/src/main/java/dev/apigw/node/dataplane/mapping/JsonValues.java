package dev.apigw.node.dataplane.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON as templates see it: bodies parsed to plain maps and lists, JSONPath selection over them,
 * and compact serialization.
 */
final class JsonValues {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  // Jackson on both sides so JSONPath hands back the same LinkedHashMap/ArrayList shapes as
  // parse().
  private static final Configuration JSON_PATH =
      Configuration.builder()
          .jsonProvider(new JacksonJsonProvider(MAPPER))
          .mappingProvider(new JacksonMappingProvider(MAPPER))
          .build();

  private JsonValues() {}

  /** The parsed document, or empty when {@code text} is null, blank or not JSON. */
  static Optional<Object> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(MAPPER.readValue(text, Object.class));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** Parses {@code text} or throws a {@link MappingException} saying why. */
  static Object parseStrict(String text) {
    if (text == null) {
      throw new MappingException("JSON text: null (expected: a JSON document)");
    }
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new MappingException(
          "JSON text is not valid JSON (expected: a JSON document): " + e.getOriginalMessage(), e);
    }
  }

  /** What a JSONPath selected: {@code found} is false when the path matched nothing. */
  record Selection(boolean found, Object value) {
    static final Selection NOTHING = new Selection(false, null);
  }

  /**
   * The value {@code path} selects in {@code document}; a blank path selects the whole document.
   *
   * @throws MappingException if {@code path} is not a JSONPath expression
   */
  static Selection select(Object document, String path) {
    String expression = path == null || path.isBlank() ? "$" : path.trim();
    JsonPath compiled;
    try {
      compiled = JsonPath.compile(expression);
    } catch (InvalidPathException e) {
      throw new MappingException(
          "Invalid JSONPath expression: " + expression + " (expected: e.g. $.items[0].id)", e);
    }
    try {
      return new Selection(true, JsonPath.using(JSON_PATH).parse(document).read(compiled));
    } catch (InvalidPathException e) {
      // PathNotFoundException is an InvalidPathException: a missing field is "no value", as in AWS.
      return Selection.NOTHING;
    }
  }

  /** Compact JSON of a value made of maps, lists, strings, numbers, booleans and nulls. */
  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new MappingException("Value is not serializable to JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The value as templates hold it: maps print Java-style ({@code {a=1}}) but lists print as JSON,
   * which is how API Gateway renders {@code $input.path} results.
   */
  static Object forTemplate(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, forTemplate(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      JsonList copy = new JsonList(list.size());
      list.forEach(v -> copy.add(forTemplate(v)));
      return copy;
    }
    return value;
  }

  /** A list whose string form is its compact JSON. */
  static final class JsonList extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;

    JsonList(int capacity) {
      super(capacity);
    }

    @Override
    public String toString() {
      return write(new ArrayList<>(this));
    }
  }
}
