package dev.apigw.node.dataplane.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.dataplane.integration.Backend;
import dev.apigw.node.dataplane.integration.lambda.LambdaInvoker;
import dev.apigw.node.dataplane.mapping.MappingTemplate;
import dev.apigw.node.dataplane.mapping.TemplateSettings;
import dev.apigw.node.dataplane.mapping.TemplateInput;
import dev.apigw.node.dataplane.mapping.TemplateScope;
import dev.apigw.node.http.Json;
import dev.apigw.node.http.PekkoFutures;
import dev.apigw.protocol.v2.Integration;
import dev.apigw.protocol.v2.IntegrationResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * Runs a WebSocket route's integration for one event (connect, message, disconnect): MOCK (the
 * request template's {@code statusCode}), HTTP and HTTP_PROXY through the REST data plane's
 * {@link Backend}, AWS_PROXY through its {@link LambdaInvoker} with AWS's WebSocket event. Request
 * and integration response templates are the REST data plane's VTL {@link MappingTemplate}s.
 */
final class WebSocketIntegrations {
  /** What an integration answered: a status and the body to send back on a two-way route (null: none). */
  record Result(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** One event of a connection. */
  record Event(ConnectionContext connection, String routeKey, String eventType, String messageId, String requestId,
      String body, Map<String, String> stageVariables) {}

  private static final int DEFAULT_TIMEOUT_MILLIS = 29_000;
  private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");

  private final ActorSystem<?> system;
  private final Backend backend;
  private final LambdaInvoker lambda;
  private final long maxResponseBytes;
  private final TemplateSettings limits;
  // Deployments are immutable, so a template's source text identifies its compiled form.
  private final Map<String, MappingTemplate> templates = new ConcurrentHashMap<>();

  WebSocketIntegrations(ActorSystem<?> system, Backend backend, LambdaInvoker lambda, long maxResponseBytes) {
    this.system = system;
    this.backend = backend;
    this.lambda = lambda;
    this.maxResponseBytes = maxResponseBytes;
    this.limits = TemplateSettings.from(system.settings().config());
  }

  CompletionStage<Result> invoke(Integration integration, Event event) {
    try {
      String type = integration.integrationType() == null ? "MOCK" : integration.integrationType();
      return switch (type) {
        case "MOCK" -> mock(integration, event);
        case "HTTP", "HTTP_PROXY" -> http(integration, event, "HTTP_PROXY".equals(type));
        case "AWS_PROXY" -> lambda(integration, event);
        default -> CompletableFuture.failedFuture(
            new UnsupportedOperationException("integrationType " + type + " (expected: MOCK, HTTP, HTTP_PROXY or AWS_PROXY)"));
      };
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletionStage<Result> mock(Integration integration, Event event) {
    String rendered = renderRequest(integration, event);
    int status = 200;
    if (rendered != null && !rendered.isBlank()) {
      try {
        JsonNode code = Json.MAPPER.readTree(rendered).get("statusCode");
        status = code != null && code.canConvertToInt() ? code.asInt() : 200;
      } catch (IOException notJson) {
        status = 200;
      }
    }
    return CompletableFuture.completedFuture(respond(integration, event, status, ""));
  }

  private CompletionStage<Result> http(Integration integration, Event event, boolean proxy) {
    String body = proxy ? event.body() : renderRequest(integration, event);
    String method = integration.integrationMethod() == null ? "POST" : integration.integrationMethod();
    HttpRequest request = HttpRequest.create(uri(integration, event))
        .withMethod(HttpMethods.lookup(method).orElse(HttpMethods.POST))
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body == null ? "" : body));
    return backend.send(request, timeout(integration))
        .thenCompose(response -> PekkoFutures.plain(
                response.entity().toStrict(timeout(integration).toMillis(), maxResponseBytes, system))
            .thenApply(strict -> {
              String text = strict.getData().utf8String();
              int status = response.status().intValue();
              return proxy ? new Result(status, text) : respond(integration, event, status, text);
            }));
  }

  private CompletionStage<Result> lambda(Integration integration, Event event) {
    byte[] payload = lambdaEvent(event).toString().getBytes(StandardCharsets.UTF_8);
    return lambda.invoke(uri(integration, event), payload, timeout(integration)).thenApply(result -> {
      if (result.isFunctionError()) {
        return new Result(502, null);
      }
      String text = new String(result.payload(), StandardCharsets.UTF_8);
      try {
        JsonNode json = Json.MAPPER.readTree(text);
        if (json != null && json.isObject() && json.has("statusCode")) {
          JsonNode body = json.get("body");
          return new Result(json.get("statusCode").asInt(200), body == null || body.isNull() ? null : body.asText());
        }
      } catch (IOException notJson) {
        // a plain value: sent back as it is
      }
      return new Result(200, text);
    });
  }

  /** AWS's WebSocket Lambda proxy event. */
  static ObjectNode lambdaEvent(Event event) {
    ConnectionContext c = event.connection();
    Instant now = Instant.now();
    ObjectNode root = Json.object();
    if ("CONNECT".equals(event.eventType())) {
      ObjectNode headers = root.putObject("headers");
      ObjectNode multi = root.putObject("multiValueHeaders");
      c.headers().forEach((name, values) -> {
        headers.put(name, values.get(0));
        values.forEach(multi.withArray(name)::add);
      });
      if (!c.query().isEmpty()) {
        ObjectNode query = root.putObject("queryStringParameters");
        c.query().forEach((name, values) -> query.put(name, values.get(0)));
      }
    }
    ObjectNode ctx = root.putObject("requestContext");
    ctx.put("routeKey", event.routeKey());
    if (event.messageId() != null) {
      ctx.put("messageId", event.messageId());
    }
    ctx.put("eventType", event.eventType());
    ctx.put("extendedRequestId", event.requestId());
    ctx.put("requestTime", now.toString());
    ctx.put("messageDirection", "IN");
    ctx.put("stage", c.stage());
    ctx.put("connectedAt", c.connectedAt().toEpochMilli());
    ctx.put("requestTimeEpoch", now.toEpochMilli());
    ObjectNode identity = ctx.putObject("identity");
    identity.put("sourceIp", c.sourceIp());
    if (c.userAgent() != null) {
      identity.put("userAgent", c.userAgent());
    }
    if (c.apiKey() != null) {
      identity.put("apiKey", c.apiKey().key().value());
      identity.put("apiKeyId", c.apiKey().key().id());
    }
    ctx.put("requestId", event.requestId());
    ctx.put("domainName", c.domainName());
    ctx.put("connectionId", c.connectionId());
    ctx.put("apiId", c.apiId());
    if (!c.authorizer().isEmpty()) {
      ctx.set("authorizer", Json.MAPPER.valueToTree(c.authorizer()));
    }
    if (event.body() != null) {
      root.put("body", event.body());
    }
    root.put("isBase64Encoded", false);
    return root;
  }

  /** The request template ($default, or the only one), rendered; null when there is none. */
  private String renderRequest(Integration integration, Event event) {
    String source = pick(integration.requestTemplates());
    return source == null ? event.body() : render(source, event, event.body());
  }

  /** The integration response whose key matches {@code status} (else {@code $default}) maps the backend's answer. */
  private Result respond(Integration integration, Event event, int status, String backendBody) {
    IntegrationResponse selected = null;
    if (integration.responses() != null) {
      for (IntegrationResponse r : integration.responses().values()) {
        String key = r.integrationResponseKey();
        if (key != null && key.length() > 1 && key.startsWith("/") && key.endsWith("/")
            && Integer.toString(status).matches(key.substring(1, key.length() - 1))) {
          selected = r;
          break;
        }
        if ("$default".equals(key) && selected == null) {
          selected = r;
        }
      }
    }
    if (selected == null) {
      // No integration response: nothing maps the answer; a backend's body is passed through.
      return new Result(status, backendBody == null || backendBody.isEmpty() ? null : backendBody);
    }
    String source = pick(selected.responseTemplates());
    return new Result(status, source == null ? backendBody : render(source, event, backendBody));
  }

  private String render(String source, Event event, String inputBody) {
    MappingTemplate template = templates.computeIfAbsent(source, s -> MappingTemplate.compile(s, limits));
    TemplateInput input = new TemplateInput(inputBody, Map.of(), event.connection().query(),
        event.connection().headers());
    return template.render(new TemplateScope(input, context(event), event.stageVariables())).body();
  }

  private static Map<String, Object> context(Event event) {
    ConnectionContext c = event.connection();
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("routeKey", event.routeKey());
    ctx.put("eventType", event.eventType());
    ctx.put("messageId", event.messageId());
    ctx.put("requestId", event.requestId());
    ctx.put("extendedRequestId", event.requestId());
    ctx.put("connectionId", c.connectionId());
    ctx.put("connectedAt", c.connectedAt().toEpochMilli());
    ctx.put("apiId", c.apiId());
    ctx.put("stage", c.stage());
    ctx.put("domainName", c.domainName());
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("sourceIp", c.sourceIp());
    identity.put("userAgent", c.userAgent());
    identity.put("apiKey", c.apiKey() == null ? null : c.apiKey().key().value());
    identity.put("apiKeyId", c.apiKey() == null ? null : c.apiKey().key().id());
    ctx.put("identity", identity);
    ctx.put("authorizer", c.authorizer());
    return ctx;
  }

  /** {@code $default}, else the only template: AWS's selection for an absent templateSelectionExpression. */
  private static String pick(Map<String, String> templates) {
    if (templates == null || templates.isEmpty()) {
      return null;
    }
    String fallback = templates.get("$default");
    if (fallback != null) {
      return fallback;
    }
    return templates.size() == 1 ? templates.values().iterator().next() : null;
  }

  private static String uri(Integration integration, Event event) {
    String uri = integration.integrationUri();
    if (uri == null) {
      throw new IllegalArgumentException("integrationUri: null (expected: the backend's URI)");
    }
    Matcher m = STAGE_VARIABLE.matcher(uri);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(event.stageVariables().getOrDefault(m.group(1), "")));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Duration timeout(Integration integration) {
    Integer millis = integration.timeoutInMillis();
    return Duration.ofMillis(millis == null || millis <= 0 ? DEFAULT_TIMEOUT_MILLIS : millis);
  }
}
