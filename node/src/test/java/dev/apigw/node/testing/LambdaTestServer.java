package dev.apigw.node.testing;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.Json;
import dev.apigw.node.sigv4.SigV4Directives;
import dev.apigw.node.sigv4.SigV4Verifier;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * A Lambda Invoke API on 127.0.0.1 for tests: {@code POST /2015-03-31/functions/{name or
 * ARN}/invocations}, SigV4-checked (service {@code lambda}) by the gateway's own verifier, running
 * Java functions registered by name. Answers as Lambda does: 404 {@code
 * ResourceNotFoundException} for an unknown function, 400 {@code InvalidRequestContentException}
 * for a body that is not JSON, 200 with {@code X-Amz-Function-Error: Unhandled} when a function
 * throws.
 *
 * <p>Functions run on a thread pool of their own, so they may block (sleep) freely.
 */
public final class LambdaTestServer extends AllDirectives implements AutoCloseable {
  /** The key pair the server accepts unless told otherwise. */
  public static final String ACCESS_KEY_ID = "test";
  /** The secret of {@link #ACCESS_KEY_ID}. */
  public static final String SECRET_ACCESS_KEY = "test";

  /**
   * One invocation as the server received it.
   *
   * @param function the function name (from the path's name or ARN)
   * @param headers the request headers, lowercase names, in arrival order
   * @param event the event the function got
   */
  public record Invocation(String function, List<Map.Entry<String, String>> headers, JsonNode event) {

    /** The first value of a header, or null. */
    public String header(String name) {
      return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
          .findFirst().orElse(null);
    }
  }

  private final Map<String, Function<JsonNode, LambdaReply>> functions = new ConcurrentHashMap<>();
  private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "lambda-test-function");
    t.setDaemon(true);
    return t;
  });
  private final SigV4Directives sigV4;
  private final ServerBinding binding;

  private LambdaTestServer(ActorSystem<?> system, Map<String, String> credentials) {
    this.sigV4 = new SigV4Directives(
        new SigV4Verifier(credentials, "lambda", "us-east-1", Clock.systemUTC(), Duration.ofMinutes(15)),
        6 * 1024 * 1024,
        Duration.ofSeconds(10));
    this.binding = Http.get(system.classicSystem())
        .newServerAt("127.0.0.1", 0)
        .bind(route())
        .toCompletableFuture()
        .join();
  }

  /** Starts a server accepting the key pair test/test. */
  public static LambdaTestServer start(ActorSystem<?> system) {
    return start(system, Map.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
  }

  /** Starts a server accepting these access key ids with their secrets. */
  public static LambdaTestServer start(ActorSystem<?> system, Map<String, String> credentials) {
    return new LambdaTestServer(system, credentials);
  }

  /** Registers (or replaces) a function; one that throws reports an unhandled function error. */
  public LambdaTestServer register(String functionName, Function<JsonNode, LambdaReply> function) {
    functions.put(functionName, function);
    return this;
  }

  /** The endpoint to configure as {@code gateway.data-plane.lambda.endpoint}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
  }

  /** An integration uri for a registered function (account 123456789012, us-east-1). */
  public static String integrationUri(String functionName) {
    return "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:"
        + functionName + "/invocations";
  }

  /** Every invocation that passed the signature check and named a known function, oldest first. */
  public List<Invocation> invocations() {
    return List.copyOf(invocations);
  }

  @Override
  public void close() {
    binding.unbind().toCompletableFuture().join();
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Route route() {
    return path(
        segment("2015-03-31").slash("functions").slash(segment()).slash("invocations"),
        nameOrArn -> post(() -> sigV4.authenticated(accepted -> extractRequest(request -> {
          String name = functionName(nameOrArn);
          Function<JsonNode, LambdaReply> function = functions.get(name);
          if (function == null) {
            return complete(lambdaError(404, "ResourceNotFoundException",
                "Function not found: arn:aws:lambda:us-east-1:123456789012:function:" + name));
          }
          byte[] body = ((org.apache.pekko.http.javadsl.model.HttpEntity.Strict) request.entity()).getData().toArray();
          JsonNode event;
          try {
            event = Json.MAPPER.readTree(body);
          } catch (IOException e) {
            return complete(lambdaError(400, "InvalidRequestContentException",
                "Could not parse request body into json: " + e.getMessage()));
          }
          List<Map.Entry<String, String>> headers = new ArrayList<>();
          for (HttpHeader h : request.getHeaders()) {
            headers.add(Map.entry(h.lowercaseName(), h.value()));
          }
          headers.add(Map.entry("content-type", request.entity().getContentType().toString()));
          invocations.add(new Invocation(name, List.copyOf(headers), event));
          return onSuccess(CompletableFuture.supplyAsync(() -> run(function, event), executor), this::reply);
        }))));
  }

  private static LambdaReply run(Function<JsonNode, LambdaReply> function, JsonNode event) {
    try {
      return function.apply(event);
    } catch (RuntimeException e) {
      return LambdaReply.unhandled(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
    }
  }

  private Route reply(LambdaReply reply) {
    HttpResponse response = HttpResponse.create()
        .withStatus(200)
        .addHeader(RawHeader.create("X-Amz-Executed-Version", "$LATEST"))
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, reply.payload()));
    if (reply.functionError() != null) {
      response = response.addHeader(RawHeader.create("X-Amz-Function-Error", reply.functionError()));
    }
    return complete(response);
  }

  /** Lambda's service errors: {@code x-amzn-ErrorType} plus {@code {"Type":"User","message":...}}. */
  private static HttpResponse lambdaError(int status, String type, String message) {
    var body = Json.object().put("Type", "User").put("message", message);
    return HttpResponse.create()
        .withStatus(status)
        .addHeader(RawHeader.create(AwsErrors.ERROR_TYPE, type))
        .withEntity(Json.entity(body));
  }

  /** A name, a partial ARN (123456789012:function:name) or a full ARN, maybe with a qualifier. */
  private static String functionName(String nameOrArn) {
    String[] parts = nameOrArn.split(":");
    int function = List.of(parts).indexOf("function");
    return function >= 0 && function + 1 < parts.length ? parts[function + 1] : parts[0];
  }
}
