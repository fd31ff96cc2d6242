package dev.apigw.node.dataplane.integration.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.http.Deadlines;
import dev.apigw.node.http.Json;
import dev.apigw.node.http.PekkoFutures;
import dev.apigw.node.sigv4.SigV4Signer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.Host;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.settings.ConnectionPoolSettings;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SystemMaterializer;

/**
 * Calls the Lambda Invoke API ({@code RequestResponse}) for an integration's uri, signed with
 * SigV4, over Pekko HTTP's pooled keep-alive connections. Never blocks the calling thread.
 *
 * <p>The returned stage fails with {@link TimeoutException} when no complete answer came within
 * the timeout, with {@link LambdaUnreachableException} when the endpoint cannot be reached and with
 * {@link LambdaServiceException} when Lambda refuses the call. A function that failed is a
 * success here: see {@link LambdaResult#functionError()}.
 */
public final class LambdaInvoker {
  private static final String SERVICE = "lambda";
  private static final String FUNCTION_ERROR = "X-Amz-Function-Error";
  private static final String ERROR_TYPE = "x-amzn-ErrorType";

  private final ActorSystem<?> system;
  private final Http http;
  private final Materializer materializer;
  private final LambdaSettings settings;
  private final SigV4Signer signer;
  private final Target defaultTarget;
  private final List<Map.Entry<LambdaSettings.FunctionEndpoint, Target>> functionTargets;
  private final com.github.benmanes.caffeine.cache.Cache<String, Target> targetByArn =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000).build();
  private final ConnectionPoolSettings pool;
  private final Deadlines deadlines;

  /** Where one function's invocations go: the endpoint, and the Host header exactly as signed. */
  private record Target(URI endpoint, String hostHeader, Host host, String exactPath) {
    static Target of(URI endpoint, String exactPath) {
      int defaultPort = endpoint.getScheme().equals("https") ? 443 : 80;
      boolean portImplied = endpoint.getPort() < 0 || endpoint.getPort() == defaultPort;
      // The Host header is signed, so it is set exactly as signed instead of left to Pekko.
      return new Target(endpoint, portImplied ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort(),
          portImplied ? Host.create(endpoint.getHost()) : Host.create(endpoint.getHost(), endpoint.getPort()), exactPath);
    }

    String path(LambdaFunctionUri function, boolean byName) {
      if (exactPath != null) {
        return exactPath;
      }
      return byName ? "/2015-03-31/functions/" + function.functionName() + "/invocations" : function.invocationsPath();
    }
  }

  /** An invoker that signs with the wall clock. */
  public LambdaInvoker(ActorSystem<?> system, LambdaSettings settings) {
    this(system, settings, Clock.systemUTC());
  }

  /** An invoker whose signatures carry {@code clock}'s time. */
  public LambdaInvoker(ActorSystem<?> system, LambdaSettings settings, Clock clock) {
    this.system = system;
    this.deadlines = Deadlines.get(system);
    this.http = Http.get(system.classicSystem());
    this.materializer = SystemMaterializer.get(system).materializer();
    this.settings = settings;
    this.signer = new SigV4Signer(settings.accessKeyId(), settings.secretAccessKey(), settings.region(), SERVICE, clock);
    this.pool = ConnectionPoolSettings.create(system.classicSystem())
        .withMaxConnections(settings.maxConnections())
        .withMaxOpenRequests(settings.maxOpenRequests());
    this.defaultTarget = Target.of(settings.endpoint(), null);
    List<Map.Entry<LambdaSettings.FunctionEndpoint, Target>> targets = new ArrayList<>();
    for (LambdaSettings.FunctionEndpoint f : settings.functionEndpoints()) {
      URI base = f.exactUrl() ? URI.create(f.endpoint().getScheme() + "://" + f.endpoint().getRawAuthority()) : f.endpoint();
      targets.add(Map.entry(f, Target.of(base, f.exactUrl() ? f.endpoint().getRawPath() : null)));
    }
    this.functionTargets = List.copyOf(targets);
  }

  private Target target(LambdaFunctionUri function) {
    if (functionTargets.isEmpty()) {
      return defaultTarget;
    }
    return targetByArn.get(function.functionArn(), arn -> functionTargets.stream()
        .filter(e -> e.getKey().matches(function.functionName(), function.functionArn()))
        .map(Map.Entry::getValue).findFirst().orElse(defaultTarget));
  }

  /**
   * Invokes the function named by an integration's uri with {@code payload} as its event.
   *
   * @param integrationUri the integration's uri, stage variables already substituted
   * @param payload the event, JSON
   * @param timeout how long to wait for the complete answer
   * @throws IllegalArgumentException at once, if the uri does not name a Lambda function
   */
  public CompletionStage<LambdaResult> invoke(String integrationUri, byte[] payload, Duration timeout) {
    LambdaFunctionUri function = LambdaFunctionUri.parse(integrationUri);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
    }
    Target target = target(function);
    HttpRequest request = request(target, target.path(function, target != defaultTarget), payload);

    CompletableFuture<LambdaResult> result = new CompletableFuture<>();
    var timer = deadlines.after(timeout, () -> result.completeExceptionally(new TimeoutException(
        "Lambda function " + function.functionArn() + " did not answer within " + timeout.toMillis() + " ms")));
    PekkoFutures.plain(http.singleRequest(request, http.defaultClientHttpsContext(), pool, system.classicSystem().log()))
        .thenCompose(response -> PekkoFutures.plain(response.entity().toStrict(timeout.toMillis(), materializer))
            .thenApply(strict -> toResult(response, strict.getData().toArray())))
        .whenComplete(
            (value, failure) -> {
              timer.cancel();
              if (failure == null) {
                result.complete(value);
              } else {
                result.completeExceptionally(translate(unwrap(failure), target.endpoint()));
              }
            });
    return result;
  }

  private HttpRequest request(Target target, String path, byte[] payload) {
    List<Map.Entry<String, String>> toSign = List.of(
        Map.entry("host", target.hostHeader()),
        Map.entry("content-type", "application/json"),
        Map.entry("x-amz-invocation-type", "RequestResponse"));
    List<HttpHeader> headers = new ArrayList<>();
    headers.add(target.host());
    headers.add(RawHeader.create("X-Amz-Invocation-Type", "RequestResponse"));
    for (Map.Entry<String, String> h : signer.sign("POST", path, "", toSign, payload)) {
      headers.add(RawHeader.create(h.getKey(), h.getValue()));
    }
    return HttpRequest.create(target.endpoint().resolve(path).toString())
        .withMethod(HttpMethods.POST)
        .addHeaders(headers)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, payload));
  }

  private static LambdaResult toResult(HttpResponse response, byte[] body) {
    int status = response.status().intValue();
    if (status >= 200 && status < 300) {
      String functionError = response.getHeader(FUNCTION_ERROR).map(HttpHeader::value).orElse(null);
      return new LambdaResult(status, functionError, body);
    }
    throw serviceError(status, response.getHeader(ERROR_TYPE).map(HttpHeader::value).orElse(null), body);
  }

  /** Lambda names the error in x-amzn-ErrorType (maybe followed by ':' and a URL) and explains it in the body. */
  private static LambdaServiceException serviceError(int status, String typeHeader, byte[] body) {
    JsonNode json = null;
    try {
      json = Json.MAPPER.readTree(body);
    } catch (IOException notJson) {
      // The message falls back to the raw body below.
    }
    String type = typeHeader;
    if (type == null && json != null && json.path("__type").isTextual()) {
      type = json.path("__type").asText();
      type = type.substring(type.lastIndexOf('#') + 1);
    }
    if (type != null && type.indexOf(':') >= 0) {
      type = type.substring(0, type.indexOf(':'));
    }
    String message;
    if (json != null && json.path("message").isTextual()) {
      message = json.path("message").asText();
    } else if (json != null && json.path("Message").isTextual()) {
      message = json.path("Message").asText();
    } else {
      message = new String(body, StandardCharsets.UTF_8);
    }
    return new LambdaServiceException(status, type == null || type.isBlank() ? "Unknown" : type.trim(), message);
  }

  private static Throwable translate(Throwable failure, URI endpoint) {
    if (failure instanceof LambdaServiceException || failure instanceof TimeoutException) {
      return failure;
    }
    return new LambdaUnreachableException(endpoint, failure);
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
