package dev.apigw.node.dataplane.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiled request or response parameter mappings: an integration's {@code requestParameters}
 * (targets {@code integration.request.{header|querystring|path}.NAME}) or an integration response's
 * {@code responseParameters} (targets {@code method.response.header.NAME}). Keys are targets,
 * values are source expressions; one mapping is all request or all response. Immutable and
 * thread-safe.
 */
public final class ParameterMapping {
  private static final ParameterMapping NONE = new ParameterMapping(List.of());

  private final List<Entry> entries;
  private final boolean readsContext;
  private final boolean readsHeaders;
  private final boolean readsQuery;

  private ParameterMapping(List<Entry> entries) {
    this.entries = entries;
    this.readsContext = entries.stream().anyMatch(e -> e.source() instanceof ParameterSource.ContextValue);
    this.readsHeaders = entries.stream().anyMatch(e -> e.source() instanceof ParameterSource.RequestHeader);
    this.readsQuery = entries.stream().anyMatch(e -> e.source() instanceof ParameterSource.RequestQuery);
  }

  private record Entry(ParameterTarget target, ParameterSource source) {}

  /**
   * Parses {@code mappings} (target to source expression); null or empty maps nothing.
   *
   * @throws IllegalArgumentException with AWS's "Invalid mapping expression specified" message for
   *     an unknown target or source, an invalid name, or request and response targets mixed
   */
  public static ParameterMapping compile(Map<String, String> mappings) {
    if (mappings == null || mappings.isEmpty()) {
      return NONE;
    }
    MappingExpressions.Direction direction = null;
    List<Entry> entries = new ArrayList<>(mappings.size());
    for (Map.Entry<String, String> mapping : mappings.entrySet()) {
      MappingExpressions.Direction own = MappingExpressions.directionOf(mapping.getKey());
      if (direction != null && own != direction) {
        throw MappingExpressions.invalid(mapping.getKey(), direction.targets);
      }
      direction = own;
      entries.add(
          new Entry(
              MappingExpressions.target(mapping.getKey(), own),
              MappingExpressions.source(mapping.getValue(), own)));
    }
    return new ParameterMapping(List.copyOf(entries));
  }

  /**
   * Evaluates every mapping against {@code sources}; targets whose source has no value are left
   * out.
   */
  public MappedParameters apply(MappingSources sources) {
    if (entries.isEmpty()) {
      return MappedParameters.empty();
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    Map<String, List<String>> querystring = new LinkedHashMap<>();
    Map<String, String> path = new LinkedHashMap<>();
    for (Entry entry : entries) {
      List<String> values = entry.source().values(sources);
      if (values.isEmpty()) {
        continue;
      }
      String name = entry.target().name();
      switch (entry.target().kind()) {
        case HEADER -> headers.put(name, List.copyOf(values));
        case QUERYSTRING -> querystring.put(name, List.copyOf(values));
        // A path segment holds one value; several (a multi-value source) are joined with commas.
        case PATH -> path.put(name, String.join(",", values));
      }
    }
    return new MappedParameters(headers, querystring, path);
  }

  /**
   * True when a source reads {@code $context}: building that tree costs a dozen maps and strings per request, so
   * callers whose mapping never reads it pass none.
   */
  public boolean readsContext() {
    return readsContext;
  }

  /** True when a source reads the method request's headers (else callers may pass none: they are copied). */
  public boolean readsHeaders() {
    return readsHeaders;
  }

  /** True when a source reads the method request's query string (else callers may pass none). */
  public boolean readsQuery() {
    return readsQuery;
  }

  /** True when nothing is mapped. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }
}
