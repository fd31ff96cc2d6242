package dev.apigw.node.dataplane.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.apigw.node.dataplane.integration.Backend;
import dev.apigw.node.dataplane.integration.ConnectionTemplate;
import dev.apigw.node.dataplane.integration.IntegrationTimeouts;
import dev.apigw.node.dataplane.integration.lambda.LambdaFunctionUri;
import dev.apigw.node.dataplane.integration.UriTemplate;
import dev.apigw.node.dataplane.integration.lambda.LambdaInvoker;
import dev.apigw.node.dataplane.mapping.MappingTemplate;
import dev.apigw.node.dataplane.mapping.TemplateInput;
import dev.apigw.node.dataplane.mapping.TemplateScope;
import dev.apigw.node.dataplane.mapping.TemplateSettings;
import dev.apigw.node.dataplane.request.ExecutionTrace;
import dev.apigw.node.http.Json;
import dev.apigw.node.http.PekkoFutures;
import dev.apigw.protocol.v2.Integration;
import dev.apigw.protocol.v2.IntegrationResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * Runs a WebSocket route's integration for one event (connect, message, disconnect): MOCK (the request template's
 * {@code statusCode}), HTTP and HTTP_PROXY through the REST data plane's {@link Backend} (and, for
 * {@code connectionType VPC_LINK}, through the REST API VPC link its {@link ConnectionTemplate} names, as AWS's
 * WebSocket private integrations go through REST API links), AWS_PROXY through its
 * {@link LambdaInvoker} with AWS's WebSocket event. Each integration is compiled once per deployment into a {@link Plan}
 * (its type, its {@link UriTemplate} with {@code ${stageVariables.x}}, its timeout, its VTL {@link MappingTemplate}s
 * and its integration responses' status patterns), shared with REST where REST has the same part.
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

  /** An integration compiled for serving. */
  private interface Plan {
    CompletionStage<Result> invoke(Event event, ExecutionTrace trace);
  }

  /** An integration response: the statuses it answers ({@code /regex/} or {@code $default}) and its template. */
  private record Response(Pattern status, boolean isDefault, MappingTemplate template) {}

  private final ActorSystem<?> system;
  private final Backend backend;
  private final LambdaInvoker lambda;
  private final long maxResponseBytes;
  private final TemplateSettings limits;
  /** Where the templates render ({@link TemplateSettings#DISPATCHER}), never the connection's own thread. */
  private final Executor renders;
  // Deployments are immutable: an integration of a deployment compiles once. Bounded, since old deployments go away.
  private final Cache<String, Plan> plans = Caffeine.newBuilder().maximumSize(10_000).build();

  WebSocketIntegrations(ActorSystem<?> system, Backend backend, LambdaInvoker lambda, long maxResponseBytes) {
    this.system = system;
    this.backend = backend;
    this.lambda = lambda;
    this.maxResponseBytes = maxResponseBytes;
    this.limits = TemplateSettings.from(system.settings().config());
    this.renders = system.dispatchers().lookup(DispatcherSelector.fromConfig(TemplateSettings.DISPATCHER));
  }

  /** Runs {@code integration} of deployment {@code deploymentId} for {@code event}, telling {@code trace}. */
  CompletionStage<Result> invoke(String deploymentId, Integration integration, Event event, ExecutionTrace trace) {
    try {
      return plans.get(deploymentId + "/" + integration.integrationId(), k -> compile(integration))
          .invoke(event, trace);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private Plan compile(Integration integration) {
    String type = integration.integrationType() == null ? "MOCK" : integration.integrationType();
    MappingTemplate request = template(pick(integration.requestTemplates()));
    List<Response> responses = responses(integration);
    return switch (type) {
      case "MOCK" -> (event, trace) -> CompletableFuture.supplyAsync(() -> mock(request, responses, event), renders);
      case "HTTP", "HTTP_PROXY" -> http(integration, "HTTP_PROXY".equals(type), request, responses);
      case "AWS_PROXY" -> lambda(integration);
      default -> (event, trace) -> CompletableFuture.failedFuture(new UnsupportedOperationException(
          "integrationType " + type + " (expected: MOCK, HTTP, HTTP_PROXY or AWS_PROXY)"));
    };
  }

  private Result mock(MappingTemplate request, List<Response> responses, Event event) {
    String rendered = request == null ? event.body() : render(request, event, event.body());
    int status = 200;
    if (rendered != null && !rendered.isBlank()) {
      try {
        JsonNode code = Json.MAPPER.readTree(rendered).get("statusCode");
        status = code != null && code.canConvertToInt() ? code.asInt() : 200;
      } catch (IOException notJson) {
        status = 200;
      }
    }
    return respond(responses, event, status, "");
  }

  private Plan http(Integration integration, boolean proxy, MappingTemplate request, List<Response> responses) {
    UriTemplate uri = uriTemplate(integration);
    var method = HttpMethods.lookup(integration.integrationMethod() == null ? "POST" : integration.integrationMethod())
        .orElse(HttpMethods.POST);
    Duration timeout = IntegrationTimeouts.of(integration.timeoutInMillis());
    ConnectionTemplate connection = ConnectionTemplate.of(integration.connectionType(), integration.connectionId());
    return (event, trace) -> proxy || request == null
        ? send(uri, connection, method, timeout, proxy, responses, event, trace, event.body())
        : CompletableFuture.supplyAsync(() -> render(request, event, event.body()), renders)
            .thenCompose(body -> send(uri, connection, method, timeout, proxy, responses, event, trace, body));
  }

  private CompletionStage<Result> send(UriTemplate uri, ConnectionTemplate connection, HttpMethod method,
      Duration timeout, boolean proxy, List<Response> responses, Event event, ExecutionTrace trace, String body) {
    HttpRequest out = HttpRequest.create().withUri(uri.fillUri(Map.of(), Set.of(), event.stageVariables(), null))
        .withMethod(method)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body == null ? "" : body));
    // WebSocket stages present no client certificate.
    Backend.Connection via = connection.resolve(event.stageVariables(), null);
    trace.endpointRequest(out);
    return backend.send(out, timeout, via)
        .thenCompose(response -> PekkoFutures.plain(
                response.entity().toStrict(timeout.toMillis(), maxResponseBytes, system))
            .thenApplyAsync(strict -> {
              if (trace.enabled()) {
                trace.endpointResponse(response, strict.getData().toArray());
              }
              String text = strict.getData().utf8String();
              int status = response.status().intValue();
              return proxy ? new Result(status, text) : respond(responses, event, status, text);
            }, proxy ? PekkoFutures.SAME_THREAD : renders));
  }

  private Plan lambda(Integration integration) {
    UriTemplate uri = uriTemplate(integration);
    Duration timeout = IntegrationTimeouts.of(integration.timeoutInMillis());
    return (event, trace) -> {
      byte[] payload = lambdaEvent(event).toString().getBytes(StandardCharsets.UTF_8);
      String target = uri.fill(Map.of(), event.stageVariables());
      if (trace.enabled()) {
        trace.endpointRequest(LambdaFunctionUri.invokeUrl(target), payload);
      }
      return lambda.invoke(target, payload, timeout).thenApply(result -> {
        trace.endpointResponse(result.status(), result.payload());
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
    };
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

  /** The integration responses, in their map's order; a {@code /regex/} key matches the status code. */
  private List<Response> responses(Integration integration) {
    List<Response> out = new ArrayList<>();
    if (integration.responses() != null) {
      for (IntegrationResponse r : integration.responses().values()) {
        String key = r.integrationResponseKey();
        MappingTemplate template = template(pick(r.responseTemplates()));
        if (key != null && key.length() > 1 && key.startsWith("/") && key.endsWith("/")) {
          out.add(new Response(Pattern.compile(key.substring(1, key.length() - 1)), false, template));
        } else if ("$default".equals(key)) {
          out.add(new Response(null, true, template));
        }
      }
    }
    return List.copyOf(out);
  }

  /** The integration response whose key matches {@code status} (else {@code $default}) maps the backend's answer. */
  private Result respond(List<Response> responses, Event event, int status, String backendBody) {
    Response selected = null;
    String code = Integer.toString(status);
    for (Response r : responses) {
      if (!r.isDefault() && r.status().matcher(code).matches()) {
        selected = r;
        break;
      }
      if (r.isDefault() && selected == null) {
        selected = r;
      }
    }
    if (selected == null) {
      // No integration response: nothing maps the answer; a backend's body is passed through.
      return new Result(status, backendBody == null || backendBody.isEmpty() ? null : backendBody);
    }
    return new Result(status, selected.template() == null ? backendBody : render(selected.template(), event, backendBody));
  }

  private MappingTemplate template(String source) {
    return source == null ? null : MappingTemplate.compile(source, limits);
  }

  private static String render(MappingTemplate template, Event event, String inputBody) {
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

  private static UriTemplate uriTemplate(Integration integration) {
    if (integration.integrationUri() == null) {
      throw new IllegalArgumentException("integrationUri: null (expected: the backend's URI)");
    }
    return new UriTemplate(integration.integrationUri());
  }
}
