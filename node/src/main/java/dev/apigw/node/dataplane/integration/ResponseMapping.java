package dev.apigw.node.dataplane.integration;

import dev.apigw.node.dataplane.mapping.BoundedRegex;
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
import dev.apigw.protocol.restapi.IntegrationResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The integration responses of a non-proxy integration: the one whose {@code selectionPattern}
 * (a Java regex over the whole subject: the backend's status code, or a Lambda error message)
 * matches, else the default one (no pattern); then its template and header mappings produce the
 * method response. No match and no default is AWS's configuration error (500).
 */
final class ResponseMapping {
  private static final Logger log = LoggerFactory.getLogger(ResponseMapping.class);
  private record Compiled(int status, Pattern pattern, ParameterMapping parameters,
      Map<String, MappingTemplate> templates) {}

  private final List<Compiled> patterned;
  private final Compiled fallback;

  ResponseMapping(Integration integration, TemplateSettings limits) {
    List<Compiled> withPattern = new ArrayList<>();
    Compiled byDefault = null;
    for (IntegrationResponse r : integration.integrationResponses().values()) {
      Map<String, MappingTemplate> templates = new HashMap<>();
      r.responseTemplates().forEach((type, source) -> {
        if (source != null && !source.isEmpty()) {
          templates.put(type, MappingTemplate.compile(source, limits));
        }
      });
      boolean isDefault = r.selectionPattern() == null || r.selectionPattern().isEmpty();
      Compiled c = new Compiled(Integer.parseInt(r.statusCode()),
          isDefault ? null : Pattern.compile(r.selectionPattern(), Pattern.DOTALL),
          ParameterMapping.compile(r.responseParameters()), Map.copyOf(templates));
      if (isDefault) {
        byDefault = c;
      } else {
        withPattern.add(c);
      }
    }
    this.patterned = List.copyOf(withPattern);
    this.fallback = byDefault;
  }

  /**
   * The method response.
   *
   * @param subject what selection patterns match, or null to take the default response
   */
  HttpResponse respond(Invocation inv, String subject, int integrationStatus, Map<String, List<String>> headers,
      byte[] body, String contentType) {
    Compiled chosen = select(subject);
    if (chosen == null) {
      throw new GatewayError(ResponseTypes.API_CONFIGURATION_ERROR, ResponseTypes.INTERNAL_SERVER_ERROR);
    }
    MethodRequest r = inv.request();
    byte[] out = body;
    String outType = contentType == null ? "application/json" : contentType;
    Overrides overrides = Overrides.none();
    if (!chosen.templates().isEmpty()) {
      String key = chosen.templates().containsKey("application/json")
          ? "application/json" : chosen.templates().keySet().iterator().next();
      Map<String, Object> context = new HashMap<>(inv.context());
      context.put("integration", Map.of("status", integrationStatus));
      var rendered = chosen.templates().get(key).render(new TemplateScope(
          new TemplateInput(RequestMappingSources.text(body), r.pathParameters(), r.query(), r.headers()),
          context, inv.stageVariables()));
      out = rendered.body().getBytes(StandardCharsets.UTF_8);
      outType = key;
      overrides = rendered.overrides();
    }
    MappedParameters mapped = chosen.parameters().apply(RequestMappingSources.ofResponse(inv, headers, body));
    List<HttpHeader> responseHeaders = new ArrayList<>();
    mapped.headers().forEach((name, values) -> values.forEach(v -> responseHeaders.add(RawHeader.create(name, v))));
    overrides.responseHeaders().forEach((name, value) -> {
      responseHeaders.removeIf(h -> h.name().equalsIgnoreCase(name));
      responseHeaders.add(RawHeader.create(name, value));
    });
    // A mapped or overridden Content-Type is the entity's type: Pekko renders that and drops a raw header.
    for (HttpHeader h : responseHeaders) {
      if (h.is("content-type")) {
        outType = h.value();
      }
    }
    responseHeaders.removeIf(h -> h.is("content-type"));
    int status = overrides.status() != null ? overrides.status() : chosen.status();
    return HttpResponse.create()
        .withStatus(status)
        .addHeaders(responseHeaders)
        .withEntity(HttpEntities.create(contentType(outType), out == null ? new byte[0] : out));
  }

  /**
   * The response whose pattern matches {@code subject}; a pattern that runs past
   * {@link BoundedRegex#DEFAULT_BUDGET} (catastrophic backtracking on this subject) is AWS's
   * configuration error, 500.
   */
  private Compiled select(String subject) {
    if (subject != null) {
      for (Compiled c : patterned) {
        try {
          if (BoundedRegex.matches(c.pattern(), subject, BoundedRegex.DEFAULT_BUDGET)) {
            return c;
          }
        } catch (BoundedRegex.Timeout e) {
          log.warn("Integration response {}: selectionPattern: {}", c.status(), e.getMessage());
          throw new GatewayError(ResponseTypes.API_CONFIGURATION_ERROR, ResponseTypes.INTERNAL_SERVER_ERROR);
        }
      }
    }
    return fallback;
  }

  static ContentType contentType(String value) {
    try {
      return ContentTypes.parse(value);
    } catch (RuntimeException e) {
      return ContentTypes.APPLICATION_JSON;
    }
  }
}
