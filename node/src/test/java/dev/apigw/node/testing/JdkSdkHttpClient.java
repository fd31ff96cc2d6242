package dev.apigw.node.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The AWS SDK's synchronous HTTP client SPI on the JDK's {@link HttpClient}. The SDK's
 * url-connection client cannot send PATCH (HttpURLConnection refuses it), and every apigateway
 * {@code Update*} operation is a PATCH; the Apache client is not available offline here.
 */
final class JdkSdkHttpClient implements SdkHttpClient {
  // The JDK client sets these itself and refuses them as user headers.
  private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        var sdk = request.httpRequest();
        byte[] bytes;
        try (InputStream in = request.contentStreamProvider().map(p -> p.newStream()).orElse(InputStream.nullInputStream())) {
          bytes = in.readAllBytes();
        }
        HttpRequest.BodyPublisher body = bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes);
        HttpRequest.Builder builder =
            HttpRequest.newBuilder(sdk.getUri()).method(sdk.method().name(), body).timeout(Duration.ofSeconds(60));
        sdk.forEachHeader(
            (name, values) -> {
              if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(v -> builder.header(name, v));
              }
            });
        HttpResponse<byte[]> response;
        try {
          response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
        return HttpExecuteResponse.builder()
            .response(
                SdkHttpResponse.builder()
                    .statusCode(response.statusCode())
                    .headers(response.headers().map())
                    .build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(response.body())))
            .build();
      }

      @Override
      public void abort() {
        // Requests are short and bounded by the timeout above.
      }
    };
  }

  @Override
  public void close() {
    // The JDK client holds no resources that need closing on Java 17.
  }
}
