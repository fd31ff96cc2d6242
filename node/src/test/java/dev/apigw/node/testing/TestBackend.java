package dev.apigw.node.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.pattern.Patterns;

/**
 * A real HTTP backend for data-plane tests, on 127.0.0.1 and a free port:
 * {@code /status/{code}} answers that status, {@code /slow/{millis}} answers after a delay, and
 * every other path echoes the request as JSON (method, path, raw query, headers, body). Every request's
 * target is recorded as received ({@link #received()}).
 */
public final class TestBackend implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final java.util.Queue<Received> received;
  private final java.util.Queue<Body> bodies;

  /**
   * A request body the echo read to its end (a body whose stream failed half way is not one).
   *
   * @param path the request's path
   * @param length its bytes
   */
  public record Body(String path, int length) {}

  /** Every echoed request's body that arrived whole, in order. */
  public java.util.List<Body> bodies() {
    return java.util.List.copyOf(bodies);
  }

  /**
   * One request as it arrived.
   *
   * @param target the request target exactly as sent (path and query, not normalised)
   * @param headers every header, as name: value lines in arrival order
   */
  public record Received(String target, java.util.List<String> headers) {}

  private TestBackend(ActorSystem<Void> system, ServerBinding binding, java.util.Queue<Received> received,
      java.util.Queue<Body> bodies) {
    this.bodies = bodies;
    this.system = system;
    this.binding = binding;
    this.received = received;
  }

  /** Every request received so far, in order. */
  public java.util.List<Received> received() {
    return java.util.List.copyOf(received);
  }

  public static TestBackend start() {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "backend",
        ConfigFactory.parseString("pekko.actor.provider = local\npekko.http.server.raw-request-uri-header = on"
            // Headers as received (a parsed model would echo its own rendering of the value).
            + "\npekko.http.server.parsing.modeled-header-parsing = off"
            // Above the gateway's 10 MB, so that the gateway's limit is the one a test meets.
            + "\npekko.http.server.parsing.max-content-length = 20m")
            .withFallback(ConfigFactory.defaultReference()));
    java.util.Queue<Received> received = new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.Queue<Body> bodies = new java.util.concurrent.ConcurrentLinkedQueue<>();
    try {
      ServerBinding binding = Http.get(system).newServerAt("127.0.0.1", 0)
          .bind((org.apache.pekko.japi.function.Function<HttpRequest, CompletionStage<HttpResponse>>)
              request -> {
                received.add(record(request));
                return handle(system, request, bodies);
              }).toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new TestBackend(system, binding, received, bodies);
    } catch (Exception e) {
      system.terminate();
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  private static Received record(HttpRequest request) {
    String target = request.getHeader(org.apache.pekko.http.javadsl.model.headers.RawRequestURI.class)
        .map(h -> h.uri()).orElse(request.getUri().toRelative().toString());
    java.util.List<String> headers = new java.util.ArrayList<>();
    for (HttpHeader h : request.getHeaders()) {
      headers.add(h.name() + ": " + h.value());
    }
    return new Received(target, headers);
  }

  private static CompletionStage<HttpResponse> handle(ActorSystem<Void> system, HttpRequest request,
      java.util.Queue<Body> bodies) {
    String path = request.getUri().path();
    if (path.startsWith("/status/")) {
      int status = Integer.parseInt(path.substring("/status/".length()));
      return request.entity().toStrict(5000, system).thenApply(body -> HttpResponse.create().withStatus(status)
          .addHeader(RawHeader.create("X-Backend", "status"))
          .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON,
              "{\"status\":" + status + ",\"body\":" + quote(body.getData().utf8String()) + "}")));
    }
    if (path.startsWith("/slow/")) {
      long millis = Long.parseLong(path.substring("/slow/".length()));
      return Patterns.after(Duration.ofMillis(millis), system.classicSystem().scheduler(), system.executionContext(),
          () -> CompletableFuture.completedFuture(HttpResponse.create().withEntity("late")));
    }
    return request.entity().toStrict(5000, 20_000_000, system).thenApply(body -> {
      bodies.add(new Body(path, body.getData().size()));
      ObjectNode echo = JSON.createObjectNode();
      echo.put("method", request.method().value());
      echo.put("path", request.getHeader(org.apache.pekko.http.javadsl.model.headers.RawRequestURI.class)
          .map(h -> h.uri()).orElse(request.getUri().path()));
      echo.put("query", request.getUri().rawQueryString().orElse(""));
      ObjectNode headers = echo.putObject("headers");
      for (HttpHeader h : request.getHeaders()) {
        headers.put(h.lowercaseName(), h.value());
      }
      headers.put("content-type", body.getContentType().toString());
      echo.put("body", body.getData().utf8String());
      echo.put("bodyLength", body.getData().size());
      return HttpResponse.create()
          .addHeader(RawHeader.create("X-Backend", "echo"))
          .addHeader(RawHeader.create("Connection", "keep-alive"))
          .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, echo.toString()));
    });
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    system.terminate();
  }
}
