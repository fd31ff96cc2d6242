package dev.apigw.node.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/**
 * Hand-made HTTP requests for cases the SDK would never send (malformed JSON, missing fields,
 * oversized bodies), signed with the SDK's own SigV4 signer or not at all; {@link #bytes} writes a
 * request head byte for byte on a socket, for request targets an HTTP client would normalise.
 */
public final class RawHttp {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  // The JDK client sets these itself and refuses them as user headers.
  private static final Set<String> RESTRICTED = Set.of("host", "content-length");
  // A hung server must fail the test, not hang the build.
  private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(60);

  private RawHttp() {}

  /** Sends the request signed for service apigateway with the development key pair. */
  public static HttpResponse<String> signed(String method, URI uri, String body) {
    return signedAs("apigateway", "test", "test", method, uri, body, body);
  }

  /**
   * Sends {@code sentBody}, signed for {@code service} in us-east-1 with the given key pair over {@code signedBody}
   * (the same body, unless a test wants a signature that does not hold).
   */
  public static HttpResponse<String> signedAs(String service, String accessKeyId, String secret, String method,
      URI uri, String signedBody, String sentBody) {
    return signedAs(service, "us-east-1", Instant.now(), accessKeyId, secret, method, uri, signedBody, sentBody);
  }

  /** As {@link #signedAs(String, String, String, String, URI, String, String)}, in {@code region} at {@code signedAt}. */
  public static HttpResponse<String> signedAs(String service, String region, Instant signedAt, String accessKeyId,
      String secret, String method, URI uri, String signedBody, String sentBody) {
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
    if (sentBody != null) {
      unsigned.putHeader("Content-Type", "application/json");
    }
    var signed =
        AwsV4HttpSigner.create()
            .sign(
                r -> {
                  r.identity(AwsBasicCredentials.create(accessKeyId, secret))
                      .request(unsigned.build())
                      .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                      .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                      .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC));
                  if (signedBody != null) {
                    r.payload(ContentStreamProvider.fromUtf8String(signedBody));
                  }
                });
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
    signed.request().headers().forEach((name, values) -> {
      if (!RESTRICTED.contains(name.toLowerCase())) {
        values.forEach(v -> builder.header(name, v));
      }
    });
    return send(builder.method(method, publisher(sentBody)));
  }

  /** A response read off a socket: the status code and the body (the head's headers are not kept). */
  public record RawResponse(int status, String head, String body) {}

  /**
   * Sends {@code GET target} to 127.0.0.1:{@code port} exactly as given (no normalisation, no encoding), with
   * {@code Host: host} and {@code extraHeaderLines} (each "Name: value", sent as they are), and reads the answer
   * until the server closes the connection.
   */
  public static RawResponse bytes(int port, String host, String target, String... extraHeaderLines) {
    StringBuilder head = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: ").append(host)
        .append("\r\nConnection: close\r\n");
    for (String line : extraHeaderLines) {
      head.append(line).append("\r\n");
    }
    head.append("\r\n");
    try (var socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      int end = answer.indexOf("\r\n\r\n");
      String responseHead = end < 0 ? answer : answer.substring(0, end);
      String body = end < 0 ? "" : answer.substring(end + 4);
      String[] statusLine = responseHead.split(" ", 3);
      return new RawResponse(Integer.parseInt(statusLine[1]), responseHead, body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes {@code request} (a whole request, head and any body, exactly as given) to 127.0.0.1:{@code port} and reads
   * the answer until the server closes the connection.
   */
  public static RawResponse exchange(int port, String request) {
    try (var socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A response as read off a socket. */
  public static RawResponse parse(String answer) {
    int end = answer.indexOf("\r\n\r\n");
    String responseHead = end < 0 ? answer : answer.substring(0, end);
    String body = end < 0 ? "" : answer.substring(end + 4);
    String[] statusLine = responseHead.split(" ", 3);
    return new RawResponse(Integer.parseInt(statusLine[1]), responseHead, body);
  }

  /** Sends the request without any signature. */
  public static HttpResponse<String> unsigned(String method, URI uri, String body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).method(method, publisher(body));
    if (body != null) {
      builder.header("Content-Type", "application/json");
    }
    return send(builder);
  }

  private static HttpRequest.BodyPublisher publisher(String body) {
    return body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> send(HttpRequest.Builder builder) {
    try {
      return HTTP.send(builder.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
