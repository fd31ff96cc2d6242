package dev.apigw.node.dataplane.mapping;

import java.util.List;
import java.util.Map;

/** Test helpers that build scopes and render in one call. */
final class Scopes {
  private Scopes() {}

  static TemplateScope body(String body) {
    return new TemplateScope(
        new TemplateInput(body, Map.of(), Map.of(), Map.of()), Map.of(), Map.of());
  }

  static TemplateScope params(
      Map<String, String> path,
      Map<String, List<String>> query,
      Map<String, List<String>> headers) {
    return new TemplateScope(new TemplateInput("", path, query, headers), Map.of(), Map.of());
  }

  static String render(String template, TemplateScope scope) {
    return MappingTemplate.compile(template).render(scope).body();
  }

  static String render(String template, String body) {
    return render(template, body(body));
  }
}
