package dev.apigw.node.dataplane.integration;

import dev.apigw.node.dataplane.mapping.MappingSources;
import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.node.dataplane.request.MethodRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What parameter mappings read, for one invocation. */
final class RequestMappingSources {
  private RequestMappingSources() {}

  /** Sources of a request mapping; {@code body} null when the body is not read (streaming). */
  static MappingSources of(Invocation inv, String body) {
    MethodRequest r = inv.request();
    return new MappingSources(r.pathParameters(), r.query(), r.headers(), body, inv.stageVariables(), inv.context(),
        Map.of(), null);
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
