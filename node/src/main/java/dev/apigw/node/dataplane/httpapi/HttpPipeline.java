package dev.apigw.node.dataplane.httpapi;

import dev.apigw.node.dataplane.authorizers.IamAuthorization;
import dev.apigw.node.dataplane.http.HttpApiSnapshot.LiveHttpApi;
import dev.apigw.node.dataplane.http.HttpLambdaAuthorizer;
import dev.apigw.node.dataplane.http.JwtAuthorizer;
import dev.apigw.node.dataplane.integration.HttpApiProxy;
import dev.apigw.node.dataplane.integration.aws.AwsServiceClient;
import dev.apigw.node.dataplane.integration.lambda.LambdaInvoker;
import dev.apigw.node.dataplane.observability.AccessLog;
import dev.apigw.node.dataplane.observability.HttpApiMetrics;
import dev.apigw.node.dataplane.request.ClientAddress;
import dev.apigw.node.dataplane.request.RefusedBodies;
import dev.apigw.node.dataplane.request.RequestIdentifiers;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.node.dataplane.throttle.UsageGate;
import dev.apigw.node.http.AwsErrors;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP API request, step by step; the order is {@link #steps}'s, read it top to bottom. Each step continues or
 * answers now; a refusal is an {@link HttpApiError} ({@code {"message":"Not Found"}} and the like). Every response
 * carries {@code apigw-requestid}, gets the API's CORS headers when the request has an {@code Origin}, is counted
 * in the HTTP API metrics and, for a stage with access logging, written to the access log with HTTP API {@code
 * $context} variables. Nothing here asks an actor for routing: the steps read the node-local snapshot.
 */
public final class HttpPipeline {
  private static final Logger log = LoggerFactory.getLogger(HttpPipeline.class);
  /** The request id header of HTTP APIs. */
  public static final String REQUEST_ID = "apigw-requestid";

  private final List<HttpStep> steps;
  private final ActorSystem<?> system;
  private final String accountId;
  private final String region;
  private final HttpApiMetrics metrics;
  private final AccessLog accessLog;
  private final RefusedBodies refusedBodies;

  /** What the steps are built from. */
  public record Parts(JwtAuthorizer jwt, HttpLambdaAuthorizer lambdaAuthorizer, IamAuthorization iam,
      UsageGate usage, HttpApiProxy proxy, LambdaInvoker lambda, AwsServiceClient aws, long maxBodyBytes,
      long bodyReadTimeoutMillis) {}

  public HttpPipeline(ActorSystem<?> system, String accountId, String region, HttpApiMetrics metrics,
      AccessLog accessLog, Parts parts) {
    this.system = system;
    this.accessLog = accessLog;
    this.accountId = accountId;
    this.region = region;
    this.metrics = metrics;
    this.refusedBodies = new RefusedBodies(system, parts.maxBodyBytes());
    Function<HttpRequest, CompletionStage<HttpRequest>> strictBody = http -> strict(http, parts);
    this.steps = List.of(
        new ResolveHttpStage(),
        new AnswerPreflight(),
        new MatchRoute(),
        new RefuseLargeBody(parts.maxBodyBytes()),
        new AuthorizeRoute(parts.jwt(), parts.lambdaAuthorizer(), parts.iam(), strictBody),
        new ThrottleRoute(parts.usage()),
        new IntegrateRoute(parts.proxy(), parts.lambda(), parts.aws(), strictBody));
  }

  /** The body read into memory, within the payload limit (413 beyond) and the read timeout. */
  private CompletionStage<HttpRequest> strict(HttpRequest http, Parts parts) {
    if (http.entity().isStrict()) {
      return CompletableFuture.completedFuture(http);
    }
    return http.entity().withSizeLimit(parts.maxBodyBytes())
        .toStrict(parts.bodyReadTimeoutMillis(), org.apache.pekko.stream.SystemMaterializer.get(system).materializer())
        .handle((strict, failure) -> {
          if (failure != null) {
            throw new HttpApiError(413, "Request Entity Too Large");
          }
          return http.withEntity(strict);
        });
  }

  /** Serves a request addressed to {@code api} (an HTTP API of the snapshot). */
  public CompletionStage<HttpResponse> serve(HttpRequest http, ApiAddress address, LiveHttpApi api) {
    HttpExchange ex = new HttpExchange(http, address, RequestIdentifiers.requestId(), Instant.now(), System.nanoTime(),
        accountId, region, ClientAddress.sourceIp(http));
    ex.api = api;
    CompletionStage<HttpResponse> response;
    try {
      response = run(ex, 0);
    } catch (RuntimeException e) {
      response = CompletableFuture.failedFuture(e);
    }
    return response.exceptionallyCompose(failure -> refusedBodies.afterDrain(ex.http, failed(ex, failure)))
        .thenApply(r -> finish(r, ex));
  }

  private CompletionStage<HttpResponse> run(HttpExchange ex, int from) {
    for (int i = from; i < steps.size(); i++) {
      CompletableFuture<HttpResponse> step = steps.get(i).apply(ex).toCompletableFuture();
      if (step.isDone() && !step.isCompletedExceptionally()) {
        HttpResponse answer = step.getNow(null);
        if (answer == null) {
          continue;
        }
        return step;
      }
      int next = i + 1;
      return step.thenCompose(answer -> answer == null ? run(ex, next) : CompletableFuture.completedFuture(answer));
    }
    throw new IllegalStateException("No step answered");
  }

  private HttpResponse failed(HttpExchange ex, Throwable failure) {
    Throwable t = AwsErrors.unwrap(failure);
    HttpApiError error;
    if (t instanceof HttpApiError e) {
      error = e;
    } else if (t instanceof GatewayError g) {
      error = HttpApiError.of(g);
    } else {
      log.error("HTTP API request {} failed unexpectedly", ex.requestId, t);
      error = HttpApiError.internal();
    }
    ex.error = error;
    return error.response();
  }

  private HttpResponse finish(HttpResponse response, HttpExchange ex) {
    HttpResponse out = response;
    if (ex.api.cors() != null && !ex.preflight) {
      out = ex.api.cors().apply(out, ex.http.getHeader("origin").map(HttpHeader::value).orElse(null));
    }
    out = out.addHeader(RawHeader.create(REQUEST_ID, ex.requestId));
    long now = System.nanoTime();
    long latency = (now - ex.startNanos) / 1_000_000;
    long integrationLatency = ex.integrationEndNanos == 0 ? -1
        : (ex.integrationEndNanos - ex.integrationStartNanos) / 1_000_000;
    metrics.completed(ex.address.apiId(), ex.stageName, ex.routeKey(), out.status().intValue(), latency,
        integrationLatency,
        out.entity().getContentLengthOption().orElse(0) + ex.http.entity().getContentLengthOption().orElse(0));
    if (ex.stage != null && ex.stage.stage().accessLogSettings() != null) {
      HttpResponse answered = out;
      accessLog.http(ex.stage.stage().accessLogSettings().format(),
          name -> References.accessLogValue(ex, answered, name, latency, integrationLatency));
    }
    return out;
  }
}
