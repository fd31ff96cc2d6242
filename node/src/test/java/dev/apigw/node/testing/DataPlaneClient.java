package dev.apigw.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Calls a node's data plane like a client of a deployed API: host style
 * ({@code Host: {apiId}.execute-api.localhost}, sent to 127.0.0.1) or path style.
 */
public final class DataPlaneClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final URI base;

  public DataPlaneClient(URI dataPlaneUri) {
    this.base = dataPlaneUri;
  }

  /** {@code METHOD /{stage}{path}} with {@code Host: {apiId}.execute-api.localhost}. */
  public HttpResponse<String> call(String method, String apiId, String stageAndPath, String body,
      Map<String, String> headers) {
    var builder = HttpRequest.newBuilder(base.resolve(stageAndPath))
        .header("Host", apiId + ".execute-api.localhost:" + base.getPort());
    return send(builder, method, body, headers);
  }

  /** {@code METHOD path} with {@code Host: host} (a custom domain name), sent to 127.0.0.1. */
  public HttpResponse<String> callHost(String method, String host, String path, String body, Map<String, String> headers) {
    var builder = HttpRequest.newBuilder(base.resolve(path)).header("Host", host);
    return send(builder, method, body, headers);
  }

  /** {@code METHOD /restapis/{apiId}/{stage}/_user_request_{path}}. */
  public HttpResponse<String> pathStyle(String method, String apiId, String stage, String path, String body,
      Map<String, String> headers) {
    var builder = HttpRequest.newBuilder(base.resolve("/restapis/" + apiId + "/" + stage + "/_user_request_" + path));
    return send(builder, method, body, headers);
  }

  /** A response body as JSON; an assertion error (with the body) when it is not JSON. */
  public static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  /** Repeats {@code call} until {@code served} holds (config reaches the node asynchronously), up to 10 s. */
  public static HttpResponse<String> await(java.util.function.Supplier<HttpResponse<String>> call,
      Predicate<HttpResponse<String>> served) {
    return await(call, served, Duration.ofSeconds(10));
  }

  /** Repeats {@code call} until {@code served} holds, up to {@code timeout}. */
  public static HttpResponse<String> await(java.util.function.Supplier<HttpResponse<String>> call,
      Predicate<HttpResponse<String>> served, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpResponse<String> last = call.get();
    while (!served.test(last) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      last = call.get();
    }
    return last;
  }

  private static HttpResponse<String> send(HttpRequest.Builder builder, String method, String body,
      Map<String, String> headers) {
    headers.forEach(builder::header);
    builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      return HTTP.send(builder.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
