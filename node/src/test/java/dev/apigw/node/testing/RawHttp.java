package dev.apigw.node.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * Hand-made HTTP requests for cases the SDK would never send (malformed JSON, missing fields,
 * oversized bodies), signed with the SDK's own SigV4 signer or not at all.
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
                      .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1");
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
