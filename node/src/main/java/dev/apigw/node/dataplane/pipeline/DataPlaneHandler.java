package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.observability.RequestObserver;
import dev.apigw.node.dataplane.request.MethodRequest;
import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.node.dataplane.authorizers.Authorizers;
import dev.apigw.node.dataplane.authorizers.IamAuthorization;
import dev.apigw.node.dataplane.cache.StageCache;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.GatewayResponses;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.dataplane.router.AddressResolver;
import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.node.dataplane.routing.RouteTable;
import dev.apigw.node.dataplane.snapshot.CompiledDeployment;
import dev.apigw.node.dataplane.snapshot.CompiledMethod;
import dev.apigw.node.dataplane.snapshot.DataPlaneSnapshot;
import dev.apigw.node.dataplane.snapshot.KeySnapshot;
import dev.apigw.node.dataplane.snapshot.LiveApi;
import dev.apigw.node.dataplane.snapshot.LiveStage;
import dev.apigw.node.dataplane.throttle.ApiKeyCheck;
import dev.apigw.node.dataplane.throttle.UsageGate;
import dev.apigw.node.dataplane.validation.ValidationInput;
import dev.apigw.node.dataplane.websocket.WebSocketGateway;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.PekkoFutures;
import dev.apigw.node.http.RequestIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Query;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.RawRequestURI;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.japi.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane's request handler: resolves the API and stage from the node-local snapshot,
 * matches the method, reads the body (bounded) unless the integration streams it, validates,
 * calls the integration, and answers every failure through the deployment's gateway responses.
 * Every response carries {@code x-amzn-RequestId} and {@code x-amz-apigw-id}. Nothing here asks
 * an actor.
 */
public final class DataPlaneHandler implements Function<HttpRequest, CompletionStage<HttpResponse>> {
  private static final Logger log = LoggerFactory.getLogger(DataPlaneHandler.class);
  /** AWS's extended request id header. */
  public static final String APIGW_ID = "x-amz-apigw-id";

  private final ActorSystem<?> system;
  private final DataPlaneSnapshot snapshot;
  private final AddressResolver resolver;
  private final String accountId;
  private final long maxBodyBytes;
  private final long bodyReadTimeoutMillis;
  private final RequestObserver observer;
  private final ApiKeyCheck apiKeys;
  private final UsageGate usage;
  private final WebSocketGateway webSockets;
  private final Authorizers authorizers;
  private final IamAuthorization iam;
  private final StageCache stageCache;

  public DataPlaneHandler(ActorSystem<?> system, DataPlaneSnapshot snapshot, AddressResolver resolver,
      String accountId, long maxBodyBytes, long bodyReadTimeoutMillis, RequestObserver observer, ApiKeyCheck apiKeys,
      UsageGate usage, WebSocketGateway webSockets, Authorizers authorizers, IamAuthorization iam,
      StageCache stageCache) {
    this.system = system;
    this.snapshot = snapshot;
    this.resolver = resolver;
    this.accountId = accountId;
    this.maxBodyBytes = maxBodyBytes;
    this.bodyReadTimeoutMillis = bodyReadTimeoutMillis;
    this.observer = observer;
    this.apiKeys = apiKeys;
    this.usage = usage;
    this.webSockets = webSockets;
    this.authorizers = authorizers;
    this.iam = iam;
    this.stageCache = stageCache;
  }

  @Override
  public CompletionStage<HttpResponse> apply(HttpRequest http) {
    long startNanos = System.nanoTime();
    Instant received = Instant.now();
    String requestId = requestId();
    String extendedId = extendedRequestId();
    Exchange exchange = new Exchange(requestId, extendedId, received, startNanos);
    CompletionStage<HttpResponse> response;
    try {
      response = route(http, exchange);
    } catch (RuntimeException e) {
      response = CompletableFuture.failedFuture(e);
    }
    return response
        .exceptionally(failure -> failed(http, exchange, failure))
        .thenApply(r -> finish(r, exchange));
  }

  private CompletionStage<HttpResponse> route(HttpRequest http, Exchange exchange) {
    String rawPath = rawPath(http);
    // WebSocket APIs (handshakes, @connections) have their own flow; everything else is REST.
    CompletionStage<HttpResponse> webSocket = webSockets.handle(http, rawPath, exchange.requestId);
    if (webSocket != null) {
      return webSocket;
    }
    ApiAddress address = resolver.resolve(http.getUri().host().address(), rawPath);
    if (address == null) {
      throw new GatewayError(ResponseTypes.MISSING_AUTHENTICATION_TOKEN,
          ResponseTypes.defaultMessage(ResponseTypes.MISSING_AUTHENTICATION_TOKEN));
    }
    if (address == AddressResolver.UNMAPPED) {
      throw new GatewayError(ResponseTypes.FORBIDDEN, ResponseTypes.defaultMessage(ResponseTypes.FORBIDDEN));
    }
    exchange.address = address;
    LiveApi api = snapshot.api(address.apiId());
    if (api == null) {
      throw new GatewayError(ResponseTypes.RESOURCE_NOT_FOUND, ResponseTypes.defaultMessage(ResponseTypes.RESOURCE_NOT_FOUND));
    }
    LiveStage stage = address.stage() == null ? null : api.stages().get(address.stage());
    if (stage == null) {
      throw new GatewayError(ResponseTypes.MISSING_AUTHENTICATION_TOKEN,
          ResponseTypes.defaultMessage(ResponseTypes.MISSING_AUTHENTICATION_TOKEN));
    }
    boolean canary = stage.canary() != null && ThreadLocalRandom.current().nextDouble(100.0) < stage.canaryPercent();
    CompiledDeployment deployment = canary ? stage.canary() : stage.deployment();
    Map<String, String> stageVariables = canary ? stage.canaryVariables() : stage.stage().variables();
    exchange.stage = stage;
    exchange.responses = deployment.responses();
    exchange.stageVariables = stageVariables;

    MethodRequest request = methodRequest(http, address);
    exchange.request = request;
    RouteTable.Match<CompiledMethod> match = deployment.routes().match(http.method().value(), address.path());
    if (match == null) {
      throw new GatewayError(ResponseTypes.MISSING_AUTHENTICATION_TOKEN,
          ResponseTypes.defaultMessage(ResponseTypes.MISSING_AUTHENTICATION_TOKEN));
    }
    request = request.withPathParameters(match.pathParameters());
    exchange.request = request;
    exchange.resourcePath = match.resource().path();
    Map<String, Object> context = ContextVariables.of(accountId, exchange.requestId, exchange.extendedId,
        exchange.received, address, deployment.id(), match.resource(), request, sourceIp(http),
        http.protocol().value(), canary);
    exchange.context = context;
    CompiledMethod method = match.target();
    Invocation inv = new Invocation(exchange.requestId, address, api.api(), stageVariables, match.resource(), request,
        http, context);
    var declaredLength = http.entity().getContentLengthOption();
    if (declaredLength.isPresent() && declaredLength.getAsLong() > maxBodyBytes) {
      throw tooLarge();
    }
    if ("AWS_IAM".equals(method.method().authorizationType())) {
      // The signature covers the body: read it (bounded) first.
      return readBody(http).thenCompose(strict -> {
        Invocation read = inv.withHttpRequest(http.withEntity(strict));
        putCaller(context, iam.verify(read.httpRequest()));
        return authorized(api, stage, method, read, null, exchange);
      });
    }
    if (method.authorizer() == null) {
      refuseUnsupportedAuthorization(method);
      return authorized(api, stage, method, inv, null, exchange);
    }
    return authorizers.authorize(method.authorizer(), inv, deployment.id(), method.method().authorizationScopes())
        .thenCompose(allowed -> {
          putAuthorizer(context, allowed);
          return authorized(api, stage, method, inv, allowed.usageIdentifierKey(), exchange);
        });
  }

  /** After authorization: the API key (from the header, or the authorizer's usageIdentifierKey), limits, the call. */
  private CompletionStage<HttpResponse> authorized(LiveApi api, LiveStage stage, CompiledMethod method, Invocation inv,
      String usageIdentifierKey, Exchange exchange) {
    KeySnapshot.Admitted admitted = method.method().apiKeyRequired()
        ? requireApiKey(api, inv.request(), inv.address(), inv.context(), usageIdentifierKey) : null;
    CompletionStage<Void> admittedByLimits = usage.check(inv.address().apiId(), stage.stage(), inv.resource().path(),
        inv.request().httpMethod(), admitted);
    return admittedByLimits.thenCompose(v -> readAndInvoke(inv.httpRequest(), method, inv, exchange));
  }

  /** {@code $context.authorizer}: what the authorizer said about the caller. */
  @SuppressWarnings("unchecked")
  private static void putAuthorizer(Map<String, Object> context, Authorizers.Authorized allowed) {
    ((Map<String, Object>) context.get("authorizer")).putAll(allowed.context());
  }

  /** Reads the body (bounded) unless the integration streams it, validates, and calls the integration. */
  private CompletionStage<HttpResponse> readAndInvoke(HttpRequest http, CompiledMethod method, Invocation inv,
      Exchange exchange) {
    if (method.integration().streamsRequestBody() && method.validation().isEmpty()) {
      return invoke(method, inv, exchange);
    }
    return readBody(http)
        .thenCompose(strict -> {
          Invocation withBody = inv.withBody(strict.getData().toArray());
          exchange.request = withBody.request();
          validate(method, withBody);
          return invoke(method, withBody, exchange);
        });
  }

  /** The body, read within the size and time limits (413, or 400 when the client did not send it). */
  private CompletionStage<HttpEntity.Strict> readBody(HttpRequest http) {
    return PekkoFutures.plain(http.entity().toStrict(bodyReadTimeoutMillis, maxBodyBytes, system))
        .exceptionally(e -> {
          throw AwsErrors.unwrap(e) instanceof EntityStreamSizeException ? tooLarge()
              : new GatewayError(ResponseTypes.DEFAULT_4XX, 400, "Request body could not be read", null);
        });
  }

  /** {@code $context.identity} of a request signed with one of the gateway's key pairs (no IAM users here). */
  @SuppressWarnings("unchecked")
  private void putCaller(Map<String, Object> context, String accessKeyId) {
    Map<String, Object> identity = (Map<String, Object>) context.get("identity");
    identity.put("accessKey", accessKeyId);
    identity.put("caller", accessKeyId);
    identity.put("user", accessKeyId);
    identity.put("accountId", accountId);
    identity.put("userArn", "arn:aws:iam::" + accountId + ":user/" + accessKeyId);
  }

  /** Calls the integration, or answers from the stage cache when the method is cached. */
  private CompletionStage<HttpResponse> invoke(CompiledMethod method, Invocation inv, Exchange exchange) {
    var stage = exchange.stage.stage();
    String resourcePath = inv.resource().path();
    String verb = inv.request().httpMethod();
    StageCache.Policy caching = StageCache.policy(stage, resourcePath, verb);
    if (caching.ttlSeconds() == 0) {
      return callIntegration(method, inv, exchange);
    }
    boolean refresh = "max-age=0".equalsIgnoreCase(String.valueOf(inv.request().header("Cache-Control")).trim());
    if (refresh && !"AWS_IAM".equals(method.method().authorizationType())) {
      // Only a caller allowed to invalidate may ask for a fresh response (no IAM policies here: a SigV4 caller is).
      String strategy = caching.unauthorizedInvalidation();
      if ("FAIL_WITH_403".equals(strategy)) {
        throw new GatewayError(ResponseTypes.ACCESS_DENIED, 403, "Unauthorized cache control header", null);
      }
      refresh = strategy == null;
    }
    String key = StageCache.key(inv.address().apiId(), inv.address().stage(), (String) inv.context().get("deploymentId"),
        verb, resourcePath, method.method().integration() == null ? List.of()
            : method.method().integration().cacheKeyParameters(), inv.request());
    return stageCache.serve(inv.address().apiId(), inv.address().stage(), key, caching.ttlSeconds(), refresh,
        () -> callIntegration(method, inv, exchange));
  }

  private CompletionStage<HttpResponse> callIntegration(CompiledMethod method, Invocation inv, Exchange exchange) {
    exchange.integrationStartNanos = System.nanoTime();
    return method.integration().invoke(inv).whenComplete((r, e) -> exchange.integrationEndNanos = System.nanoTime());
  }

  private static void validate(CompiledMethod method, Invocation inv) {
    method.validation().flatMap(v -> v.validate(new ValidationInput(inv.request().pathParameters(), inv.request().query(),
        inv.request().headers(), inv.request().contentType(), inv.request().body()))).ifPresent(failure -> {
      throw new GatewayError(failure.responseType(), ResponseTypes.defaultStatus(failure.responseType()),
          failure.message(), failure.validationErrorString());
    });
  }

  /** An authorization type this gateway does not know is refused loudly, never served open. */
  private static void refuseUnsupportedAuthorization(CompiledMethod method) {
    String type = method.method().authorizationType();
    if (type != null && !"NONE".equals(type)) {
      log.warn("authorizationType {} is not supported by this gateway; refusing the request", type);
      throw new GatewayError(ResponseTypes.AUTHORIZER_CONFIGURATION_ERROR, 500,
          "authorizationType " + type + " is not supported by this gateway", null);
    }
  }

  /** AWS's API key check; the admitted key shows in {@code $context.identity.apiKey} / {@code apiKeyId}. */
  @SuppressWarnings("unchecked")
  private KeySnapshot.Admitted requireApiKey(LiveApi api, MethodRequest request, ApiAddress address,
      Map<String, Object> context, String usageIdentifierKey) {
    // apiKeySource AUTHORIZER: the key is the Lambda authorizer's usageIdentifierKey (none without an authorizer).
    String value = "AUTHORIZER".equals(api.api().apiKeySource()) ? usageIdentifierKey : request.header(ApiKeyCheck.HEADER);
    KeySnapshot.Admitted admitted = apiKeys.admit(value, address.apiId(), address.stage());
    Map<String, Object> identity = (Map<String, Object>) context.get("identity");
    identity.put("apiKey", admitted.key().value());
    identity.put("apiKeyId", admitted.key().id());
    return admitted;
  }

  private HttpResponse failed(HttpRequest http, Exchange exchange, Throwable failure) {
    Throwable t = AwsErrors.unwrap(failure);
    if (!http.entity().isStrict()) {
      http.discardEntityBytes(system);
    }
    GatewayError error;
    if (t instanceof GatewayError g) {
      error = g;
    } else {
      log.error("Request {} failed unexpectedly", exchange.requestId, t);
      error = new GatewayError(ResponseTypes.DEFAULT_5XX, ResponseTypes.INTERNAL_SERVER_ERROR);
    }
    exchange.error = error;
    GatewayResponses responses = exchange.responses == null ? GatewayResponses.defaults() : exchange.responses;
    Map<String, Object> context = exchange.context == null ? Map.of() : exchange.context;
    Map<String, String> vars = exchange.stageVariables == null ? Map.of() : exchange.stageVariables;
    try {
      return responses.render(error, exchange.request, context, vars);
    } catch (RuntimeException e) {
      log.error("Gateway response for {} failed to render; answering AWS's default", error.responseType(), e);
      return GatewayResponses.defaults().render(error, exchange.request, context, vars);
    }
  }

  private HttpResponse finish(HttpResponse response, Exchange exchange) {
    HttpResponse tagged = response.addHeaders(List.of(
        RawHeader.create(RequestIds.REQUEST_ID, exchange.requestId), RawHeader.create(APIGW_ID, exchange.extendedId)));
    observer.completed(exchange.view(tagged.status().intValue(), tagged.entity().getContentLengthOption()));
    return tagged;
  }

  private static GatewayError tooLarge() {
    return new GatewayError(ResponseTypes.REQUEST_TOO_LARGE, ResponseTypes.defaultMessage(ResponseTypes.REQUEST_TOO_LARGE));
  }

  private static MethodRequest methodRequest(HttpRequest http, ApiAddress address) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader h : http.getHeaders()) {
      String name = h.lowercaseName();
      if (name.equals("raw-request-uri") || name.equals("remote-address") || name.equals("timeout-access")
          || name.equals("tls-session-info")) {
        continue;
      }
      headers.computeIfAbsent(h.name(), k -> new ArrayList<>(1)).add(h.value());
    }
    var contentType = http.entity().getContentType();
    boolean hasBody = !http.entity().isKnownEmpty();
    if (hasBody) {
      headers.putIfAbsent("Content-Type", List.of(contentType.toString()));
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    Query q = http.getUri().query();
    for (var pair : q.toList()) {
      query.computeIfAbsent(pair.first(), k -> new ArrayList<>(1)).add(pair.second());
    }
    String mediaType = hasBody ? contentType.mediaType().toString() : null;
    return new MethodRequest(http.method().value(), address.path(), Map.of(), Map.copyOf(query),
        MethodRequest.headerMap(headers), null, mediaType);
  }

  private static String rawPath(HttpRequest http) {
    var raw = http.getHeader(RawRequestURI.class);
    if (raw.isPresent()) {
      String uri = raw.get().uri();
      int q = uri.indexOf('?');
      String path = q < 0 ? uri : uri.substring(0, q);
      if (path.startsWith("/")) {
        return path;
      }
    }
    return http.getUri().getPathString();
  }

  private static String sourceIp(HttpRequest http) {
    // pekko.http.server.remote-address-attribute = on puts the peer's address on every request.
    var remote = http.getAttribute(AttributeKeys.remoteAddress);
    return remote.flatMap(r -> r.getAddress()).map(a -> a.getHostAddress()).orElse("127.0.0.1");
  }

  /**
   * A random (version 4) UUID from ThreadLocalRandom: request ids need to be unique, not
   * unpredictable, and UUID.randomUUID's shared SecureRandom is a point of contention.
   */
  private static String requestId() {
    var random = ThreadLocalRandom.current();
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  private static String extendedRequestId() {
    byte[] bytes = new byte[12];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes).substring(0, 15) + "=";
  }
}
