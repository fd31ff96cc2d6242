package dev.apigw.node.dataplane.integration;

import dev.apigw.node.dataplane.mapping.MappedParameters;
import dev.apigw.node.dataplane.mapping.MappingTemplate;
import dev.apigw.node.dataplane.mapping.Overrides;
import dev.apigw.node.dataplane.mapping.ParameterMapping;
import dev.apigw.node.dataplane.mapping.TemplateInput;
import dev.apigw.node.dataplane.mapping.TemplateScope;
import dev.apigw.node.dataplane.mapping.TemplateSettings;
import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.node.dataplane.request.MethodRequest;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.protocol.restapi.Integration;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The integration request of a non-proxy integration: parameter mappings, then the request
 * template chosen by the request's Content-Type, with AWS's {@code passthroughBehavior} when no
 * template matches ({@code WHEN_NO_MATCH}, {@code WHEN_NO_TEMPLATES}, {@code NEVER} -> 415).
 */
final class RequestMapping {
  /** The request as mapped: body, parameters, and what the template overrode. */
  record Mapped(byte[] body, String contentType, MappedParameters parameters, Overrides overrides) {}

  private static final String DEFAULT_CONTENT_TYPE = "application/json";

  private final ParameterMapping parameters;
  private final Map<String, MappingTemplate> templates;
  private final String passthrough;

  RequestMapping(Integration integration, TemplateSettings limits) {
    this.parameters = ParameterMapping.compile(integration.requestParameters());
    Map<String, MappingTemplate> compiled = new HashMap<>();
    integration.requestTemplates().forEach((type, source) -> compiled.put(type, MappingTemplate.compile(source, limits)));
    this.templates = Map.copyOf(compiled);
    this.passthrough = integration.passthroughBehavior() == null ? "WHEN_NO_MATCH" : integration.passthroughBehavior();
  }

  Mapped apply(Invocation inv) {
    MethodRequest r = inv.request();
    String body = RequestMappingSources.text(r.body());
    MappedParameters mapped = parameters.apply(RequestMappingSources.of(inv, body, parameters));
    String contentType = r.contentType() == null ? DEFAULT_CONTENT_TYPE : r.contentType();
    MappingTemplate template = templates.get(contentType);
    if (template == null) {
      boolean pass = switch (passthrough) {
        case "WHEN_NO_TEMPLATES" -> templates.isEmpty();
        case "NEVER" -> false;
        default -> true;
      };
      if (!pass) {
        throw new GatewayError(ResponseTypes.UNSUPPORTED_MEDIA_TYPE,
            ResponseTypes.defaultMessage(ResponseTypes.UNSUPPORTED_MEDIA_TYPE));
      }
      return new Mapped(r.body(), r.header("Content-Type"), mapped, Overrides.none());
    }
    var rendered = template.render(new TemplateScope(
        new TemplateInput(body == null ? "" : body, r.pathParameters(), r.query(), r.headers()),
        inv.context(), inv.stageVariables()));
    return new Mapped(rendered.body().getBytes(StandardCharsets.UTF_8), contentType, mapped, rendered.overrides());
  }
}
