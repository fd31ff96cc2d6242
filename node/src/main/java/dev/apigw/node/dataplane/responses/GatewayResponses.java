package dev.apigw.node.dataplane.responses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.apigw.node.dataplane.mapping.MappingTemplate;
import dev.apigw.node.dataplane.mapping.TemplateInput;
import dev.apigw.node.dataplane.mapping.TemplateScope;
import dev.apigw.node.dataplane.mapping.TemplateSettings;
import dev.apigw.node.dataplane.request.MethodRequest;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.protocol.restapi.GatewayResponse;
import dev.apigw.protocol.restapi.GatewayResponseDefaults;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * A deployment's gateway responses, compiled once: for every error type, the status, the header
 * mappings and the body template, with AWS's fallbacks (a type the API did not customise uses the
 * API's DEFAULT_4XX/DEFAULT_5XX customisation, then AWS's default).
 */
public final class GatewayResponses {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEADER_PREFIX = "gatewayresponse.header.";

  private record Compiled(Integer status, Map<String, String> headers, Map<String, MappingTemplate> templates,
      boolean defaultTemplate) {}

  private final Map<String, Compiled> custom;

  private GatewayResponses(Map<String, Compiled> custom) {
    this.custom = custom;
  }

  /** AWS's defaults only. */
  public static GatewayResponses defaults() {
    return new GatewayResponses(Map.of());
  }

  /** Compiles the API's customised responses; throws IllegalArgumentException for a bad template. */
  public static GatewayResponses compile(Map<String, GatewayResponse> responses, TemplateSettings limits) {
    Map<String, Compiled> compiled = new HashMap<>();
    responses.forEach((type, r) -> {
      Map<String, MappingTemplate> templates = new HashMap<>();
      boolean onlyDefault = true;
      for (var t : r.responseTemplates().entrySet()) {
        templates.put(t.getKey(), MappingTemplate.compile(t.getValue(), limits));
        onlyDefault &= GatewayResponseDefaults.TEMPLATE.equals(t.getValue().trim());
      }
      Integer status = r.statusCode() == null || r.statusCode().isBlank() ? null : Integer.valueOf(r.statusCode());
      compiled.put(type, new Compiled(status, r.responseParameters(), Map.copyOf(templates), onlyDefault));
    });
    return new GatewayResponses(Map.copyOf(compiled));
  }

  /**
   * The response for {@code error}.
   *
   * @param request the method request (header mappings may read it), or null before one is known
   * @param context the request's {@code $context}; not modified
   */
  public HttpResponse render(GatewayError error, MethodRequest request, Map<String, Object> context,
      Map<String, String> stageVariables) {
    String type = error.responseType();
    Compiled own = custom.get(type);
    int defaultStatus = error.status();
    Compiled chosen = chosen(error);
    int status = chosen != null && chosen.status() != null && own != null ? chosen.status() : defaultStatus;

    List<HttpHeader> headers = new ArrayList<>();
    // An error may name a more precise type than its response type's (e.g. SigV4's UnrecognizedClientException).
    String errorType = error.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(AwsErrors.ERROR_TYPE))
        .map(Map.Entry::getValue).findFirst().orElse(ResponseTypes.errorType(type));
    headers.add(RawHeader.create(AwsErrors.ERROR_TYPE, errorType));
    Map<String, Object> scopeContext = withError(context, error);
    if (chosen != null) {
      headers.addAll(mappedHeaders(chosen.headers(), request, scopeContext, stageVariables));
    }
    error.headers().forEach((name, value) -> {
      if (headers.stream().noneMatch(h -> h.name().equalsIgnoreCase(name))) {
        headers.add(RawHeader.create(name, value));
      }
    });
    byte[] body;
    if (chosen == null || chosen.defaultTemplate() || chosen.templates().isEmpty()) {
      body = defaultBody(error.messageField(), error.getMessage());
    } else {
      MappingTemplate template = chosen.templates().getOrDefault("application/json",
          chosen.templates().values().iterator().next());
      TemplateInput input = request == null
          ? new TemplateInput("", Map.of(), Map.of(), Map.of())
          : new TemplateInput("", request.pathParameters(), request.query(), request.headers());
      body = template.render(new TemplateScope(input, scopeContext, stageVariables)).body()
          .getBytes(StandardCharsets.UTF_8);
    }
    return HttpResponse.create()
        .withStatus(status)
        .addHeaders(headers)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body));
  }

  /**
   * Whether {@code error}'s body comes from a template the API customised (a render that may run up to its budget),
   * rather than AWS's default body.
   */
  public boolean rendersTemplate(GatewayError error) {
    Compiled chosen = chosen(error);
    return chosen != null && !chosen.defaultTemplate() && !chosen.templates().isEmpty();
  }

  /** The API's response for {@code error}'s type, else its DEFAULT_4XX/DEFAULT_5XX one, else null (AWS's default). */
  private Compiled chosen(GatewayError error) {
    Compiled own = custom.get(error.responseType());
    return own != null ? own
        : custom.get(error.status() >= 500 ? ResponseTypes.DEFAULT_5XX : ResponseTypes.DEFAULT_4XX);
  }

  private static byte[] defaultBody(String field, String message) {
    var node = JsonNodeFactory.instance.objectNode();
    node.put(field, message);
    try {
      return JSON.writeValueAsBytes(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code $context} with {@code error.*} set, as gateway response templates see it. */
  public static Map<String, Object> withError(Map<String, Object> context, GatewayError error) {
    Map<String, Object> copy = new HashMap<>(context);
    Map<String, Object> err = new HashMap<>();
    err.put("message", error.getMessage());
    err.put("messageString", quote(error.getMessage()));
    err.put("responseType", error.responseType());
    err.put("validationErrorString", error.validationErrorString() == null ? "" : error.validationErrorString());
    copy.put("error", err);
    return copy;
  }

  private static String quote(String message) {
    try {
      return JSON.writeValueAsString(message);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code gatewayresponse.header.X}: a 'static' value or {@code method.request.(header|querystring|path).Y}. */
  private static List<HttpHeader> mappedHeaders(Map<String, String> params, MethodRequest request,
      Map<String, Object> context, Map<String, String> stageVariables) {
    List<HttpHeader> headers = new ArrayList<>();
    params.forEach((key, source) -> {
      if (!key.startsWith(HEADER_PREFIX)) {
        return;
      }
      String value = source(source, request, context, stageVariables);
      if (value != null) {
        headers.add(RawHeader.create(key.substring(HEADER_PREFIX.length()), value));
      }
    });
    return headers;
  }

  private static String source(String source, MethodRequest request, Map<String, Object> context,
      Map<String, String> stageVariables) {
    if (source.length() >= 2 && source.startsWith("'") && source.endsWith("'")) {
      return source.substring(1, source.length() - 1);
    }
    if (source.startsWith("stageVariables.")) {
      return stageVariables.get(source.substring("stageVariables.".length()));
    }
    if (source.startsWith("context.")) {
      Object v = context;
      for (String part : source.substring("context.".length()).split("\\.")) {
        v = v instanceof Map<?, ?> m ? m.get(part) : null;
      }
      return v == null ? null : v.toString();
    }
    if (request == null) {
      return null;
    }
    if (source.startsWith("method.request.header.")) {
      return request.header(source.substring("method.request.header.".length()));
    }
    if (source.startsWith("method.request.querystring.")) {
      List<String> v = request.query().get(source.substring("method.request.querystring.".length()));
      return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }
    if (source.startsWith("method.request.path.")) {
      return request.pathParameters().get(source.substring("method.request.path.".length()));
    }
    return null;
  }
}
