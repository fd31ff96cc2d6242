package dev.apigw.node.dataplane.mapping;

import java.util.List;
import java.util.Map;

/**
 * Where parameter mappings read from: the method request (path, query string, headers with names as
 * received, body), stage variables, the {@code $context} tree, and for response mappings the
 * integration response's headers and body. Null maps are read as empty; a null body is no body.
 */
public record MappingSources(
    Map<String, String> path,
    Map<String, List<String>> querystring,
    Map<String, List<String>> headers,
    String requestBody,
    Map<String, String> stageVariables,
    Map<String, Object> context,
    Map<String, List<String>> integrationResponseHeaders,
    String integrationResponseBody) {

  public MappingSources {
    path = Maps.frozen(path);
    querystring = Maps.frozen(querystring);
    headers = Maps.frozen(headers);
    stageVariables = Maps.frozen(stageVariables);
    context = Maps.frozen(context);
    integrationResponseHeaders = Maps.frozen(integrationResponseHeaders);
  }

  /** Sources for an integration request: no integration response yet. */
  public static MappingSources forRequest(
      Map<String, String> path,
      Map<String, List<String>> querystring,
      Map<String, List<String>> headers,
      String requestBody,
      Map<String, String> stageVariables,
      Map<String, Object> context) {
    return new MappingSources(
        path, querystring, headers, requestBody, stageVariables, context, Map.of(), null);
  }
}
