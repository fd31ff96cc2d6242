package dev.apigw.node.dataplane.mapping;

import java.util.List;
import java.util.Map;

/**
 * What a parameter mapping produced: integration request headers, query string and path parameters,
 * or (for response mappings) method response headers. Names are the mapping's target names; a
 * target whose source had no value is absent.
 */
public record MappedParameters(
    Map<String, List<String>> headers,
    Map<String, List<String>> querystring,
    Map<String, String> path) {

  private static final MappedParameters EMPTY = new MappedParameters(Map.of(), Map.of(), Map.of());

  public MappedParameters {
    headers = Maps.frozen(headers);
    querystring = Maps.frozen(querystring);
    path = Maps.frozen(path);
  }

  /** Nothing mapped. */
  public static MappedParameters empty() {
    return EMPTY;
  }
}
