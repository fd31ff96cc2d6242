package dev.apigw.node.dataplane.mapping;

import java.util.List;
import java.util.Map;

/**
 * What a template sees as {@code $input}: the body (method request body for request templates,
 * integration response body for response templates) and the method request's parameters.
 *
 * <p>{@code headers} keeps names as received; lookups through {@code $input.params(name)} and
 * {@code $input.params().header.get(name)} ignore case. Null maps are read as empty.
 */
public record TemplateInput(
    String body,
    Map<String, String> path,
    Map<String, List<String>> querystring,
    Map<String, List<String>> headers) {

  public TemplateInput {
    path = Maps.frozen(path);
    querystring = Maps.frozen(querystring);
    headers = Maps.frozen(headers);
  }
}
