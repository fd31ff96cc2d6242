package dev.apigw.node.dataplane.integration.aws;

import dev.apigw.node.http.Deadlines;
import dev.apigw.node.http.PekkoFutures;
import dev.apigw.node.sigv4.SigV4Crypto;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.model.headers.Host;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.settings.ConnectionPoolSettings;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SystemMaterializer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Sends {@link AwsServiceRequest}s to AWS services (or compatible servers at the configured endpoints), signed with
 * SigV4 by the AWS SDK's signer, over Pekko HTTP's pooled connections. Never blocks the calling thread.
 *
 * <p>The answer completes with the service's response whatever its status; it fails with {@link TimeoutException}
 * when no complete answer came in time, {@link AwsServiceUnreachableException} when the endpoint cannot be reached and
 * {@link AssumeRoleException} when the request's role could not be assumed.
 */
public final class AwsServiceClient {
  private final ActorSystem<?> system;
  private final Deadlines deadlines;
  private final Http http;
  private final Materializer materializer;
  private final AwsSettings settings;
  private final ServiceEndpoints endpoints;
  private final GatewayCredentials credentials;
  private final AssumedRoles roles;
  private final ConnectionPoolSettings pool;
  private final Clock clock;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  public AwsServiceClient(ActorSystem<?> system, AwsSettings settings, GatewayCredentials credentials) {
    this(system, settings, credentials, Clock.systemUTC());
  }

  /** A client whose signatures carry {@code clock}'s time. */
  public AwsServiceClient(ActorSystem<?> system, AwsSettings settings, GatewayCredentials credentials, Clock clock) {
    this.system = system;
    this.deadlines = Deadlines.get(system);
    this.http = Http.get(system.classicSystem());
    this.materializer = SystemMaterializer.get(system).materializer();
    this.settings = settings;
    this.endpoints = new ServiceEndpoints(settings);
    this.credentials = credentials;
    this.clock = clock;
    this.pool = ConnectionPoolSettings.create(system.classicSystem())
        .withMaxConnections(settings.maxConnections())
        .withMaxOpenRequests(settings.maxOpenRequests());
    this.roles = new AssumedRoles(request -> credentials.current().thenCompose(id -> send(request, id)),
        settings.region(), clock);
  }

  /** Where each service's requests go. */
  public ServiceEndpoints endpoints() {
    return endpoints;
  }

  /** The gateway's own credentials. */
  public GatewayCredentials credentials() {
    return credentials;
  }

  /** Signs {@code request} with the gateway's identity, or the request's assumed role, and sends it. */
  public CompletionStage<AwsServiceResponse> call(AwsServiceRequest request) {
    CompletionStage<AwsCredentialsIdentity> identity =
        request.roleArn() == null ? credentials.current() : roles.credentials(request.roleArn());
    return identity.thenCompose(id -> send(request, id));
  }

  CompletionStage<AwsServiceResponse> send(AwsServiceRequest r, AwsCredentialsIdentity identity) {
    URI base = endpoints.endpoint(r.service(), r.region(), r.subdomain());
    boolean s3 = r.service().equals("s3");
    String path = r.path();
    if (s3 && r.subdomain() != null && endpoints.configured("s3")) {
      path = "/" + SigV4Crypto.uriEncode(r.subdomain(), false) + path; // a configured S3 endpoint is addressed path-style
    }
    String basePath = base.getRawPath() == null || base.getRawPath().equals("/") ? "" : base.getRawPath();
    StringBuilder rawQuery = new StringBuilder();
    for (Map.Entry<String, String> p : r.query()) {
      rawQuery.append(rawQuery.length() == 0 ? "" : "&").append(SigV4Crypto.uriEncode(p.getKey(), false)).append('=')
          .append(SigV4Crypto.uriEncode(p.getValue(), false));
    }
    Uri uri = Uri.create(base.getScheme() + "://" + base.getRawAuthority() + basePath + path);
    if (rawQuery.length() > 0) {
      uri = uri.rawQueryString(rawQuery.toString());
    }
    // Sign the path exactly as Pekko will send it (it renders some reserved characters unencoded).
    String sentPath = URI.create(uri.toString()).getRawPath();

    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
        .method(SdkHttpMethod.fromValue(r.method()))
        .protocol(base.getScheme())
        .host(base.getHost())
        .port(base.getPort() < 0 ? null : base.getPort())
        .encodedPath(sentPath.isEmpty() ? "/" : sentPath);
    r.query().forEach(p -> unsigned.appendRawQueryParameter(p.getKey(), p.getValue()));
    for (Map.Entry<String, String> h : r.headers()) {
      if (signed(h.getKey())) {
        unsigned.appendHeader(h.getKey(), h.getValue());
      }
    }
    if (s3) {
      // S3 wants the payload's hash in a header of its own (the SDK's S3 client adds it too).
      unsigned.putHeader("x-amz-content-sha256", SigV4Crypto.hex(SigV4Crypto.sha256(r.body())));
    }
    SdkHttpRequest signedRequest;
    try {
      signedRequest = signer.sign(s -> s.identity(identity)
          .request(unsigned.build())
          .payload(ContentStreamProvider.fromByteArrayUnsafe(r.body()))
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, ServiceEndpoints.signingName(r.service()))
          .putProperty(AwsV4HttpSigner.REGION_NAME, r.region())
          .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, !s3)
          .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, !s3)
          .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    List<HttpHeader> headers = new ArrayList<>();
    signedRequest.forEachHeader((name, values) -> {
      if (name.equalsIgnoreCase("Host")) {
        headers.add(base.getPort() < 0 ? Host.create(base.getHost()) : Host.create(base.getHost(), base.getPort()));
      } else {
        values.forEach(v -> headers.add(RawHeader.create(name, v)));
      }
    });
    for (Map.Entry<String, String> h : r.headers()) {
      if (!signed(h.getKey()) && !h.getKey().equalsIgnoreCase("Content-Type") && !h.getKey().equalsIgnoreCase("Content-Length")) {
        headers.add(RawHeader.create(h.getKey(), h.getValue()));
      }
    }
    ContentType contentType = contentType(r.contentType());
    HttpRequest outgoing = HttpRequest.create().withUri(uri)
        .withMethod(HttpMethods.lookup(r.method()).orElse(HttpMethods.POST))
        .addHeaders(headers)
        .withEntity(r.contentType() == null && r.body().length == 0 ? HttpEntities.EMPTY
            : HttpEntities.create(contentType, r.body()));
    return exchange(r, base, outgoing);
  }

  private CompletionStage<AwsServiceResponse> exchange(AwsServiceRequest r, URI base, HttpRequest outgoing) {
    CompletableFuture<AwsServiceResponse> result = new CompletableFuture<>();
    var timer = deadlines.after(r.timeout(), () -> result.completeExceptionally(new TimeoutException(
        r.service() + " at " + base + " did not answer within " + r.timeout().toMillis() + " ms")));
    PekkoFutures.plain(http.singleRequest(outgoing, http.defaultClientHttpsContext(), pool, system.classicSystem().log()))
        .thenCompose(response -> PekkoFutures.plain(
                response.entity().toStrict(r.timeout().toMillis(), settings.maxResponseBytes(), materializer))
            .thenApply(strict -> toResponse(response, strict.getData().toArray())))
        .whenComplete((value, failure) -> {
          timer.cancel();
          if (failure == null) {
            result.complete(value);
          } else {
            Throwable t = unwrap(failure);
            result.completeExceptionally(t instanceof TimeoutException ? t
                : new AwsServiceUnreachableException(r.service(), base, t));
          }
        });
    return result;
  }

  private static ContentType contentType(String value) {
    if (value == null) {
      return ContentTypes.APPLICATION_OCTET_STREAM;
    }
    try {
      return ContentTypes.parse(value);
    } catch (RuntimeException e) {
      return ContentTypes.APPLICATION_OCTET_STREAM;
    }
  }

  private static AwsServiceResponse toResponse(HttpResponse response, byte[] body) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (HttpHeader h : response.getHeaders()) {
      headers.computeIfAbsent(h.name(), k -> new ArrayList<>()).add(h.value());
    }
    String contentType = response.entity().getContentType().equals(ContentTypes.NO_CONTENT_TYPE) ? null
        : response.entity().getContentType().toString();
    if (contentType != null) {
      headers.put("Content-Type", List.of(contentType));
    }
    return new AwsServiceResponse(response.status().intValue(), headers, contentType, body);
  }

  /** Headers that take part in the signature: AWS's own; others may be re-rendered on the way and are left out. */
  private static boolean signed(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("x-amz-") && !lower.equals("x-amz-date") && !lower.equals("x-amz-security-token")
        && !lower.equals("x-amz-content-sha256");
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
