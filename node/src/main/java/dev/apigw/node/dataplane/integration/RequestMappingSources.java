package dev.apigw.node.dataplane.integration;

import dev.apigw.node.dataplane.mapping.MappingSources;
import dev.apigw.node.dataplane.mapping.ParameterMapping;
import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.node.dataplane.request.MethodRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What parameter mappings read, for one invocation. */
final class RequestMappingSources {
  private RequestMappingSources() {}

  /**
   * Sources of a request mapping; {@code body} null when the body is not read (streaming). Without {@code $context},
   * headers or query string when the mapping reads none (see ParameterMapping#readsContext): each is copied.
   */
  static MappingSources of(Invocation inv, String body, ParameterMapping mapping) {
    MethodRequest r = inv.request();
    return new MappingSources(r.pathParameters(), mapping.readsQuery() ? r.query() : Map.of(),
        mapping.readsHeaders() ? r.headers() : Map.of(), body, inv.stageVariables(),
        mapping.readsContext() ? inv.context() : Map.of(), Map.of(), null);
  }

  /** Sources of a response mapping. */
  static MappingSources ofResponse(Invocation inv, Map<String, List<String>> responseHeaders, byte[] responseBody) {
    MethodRequest r = inv.request();
    return new MappingSources(r.pathParameters(), r.query(), r.headers(), text(r.body()), inv.stageVariables(),
        inv.context(), responseHeaders, text(responseBody));
  }

  static String text(byte[] body) {
    return body == null ? null : new String(body, StandardCharsets.UTF_8);
  }
}
