package dev.apigw.node.dataplane.mapping;

import java.util.Map;

/**
 * Everything a template can read. {@code context} is the {@code $context} tree as nested maps
 * (requestId, apiId, stage, resourcePath, identity, authorizer, error, ...), built by the caller
 * and never mutated by rendering. Null maps are read as empty.
 */
public record TemplateScope(
    TemplateInput input, Map<String, Object> context, Map<String, String> stageVariables) {

  public TemplateScope {
    if (input == null) {
      throw new IllegalArgumentException("input: null (expected: a TemplateInput)");
    }
    context = Maps.frozen(context);
    stageVariables = Maps.frozen(stageVariables);
  }
}
