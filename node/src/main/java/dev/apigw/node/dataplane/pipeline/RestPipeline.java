package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.authorizers.Authorizers;
import dev.apigw.node.dataplane.authorizers.IamAuthorization;
import dev.apigw.node.dataplane.cache.StageCache;
import dev.apigw.node.dataplane.mapping.MappingException;
import dev.apigw.node.dataplane.mapping.TemplateLimitException;
import dev.apigw.node.dataplane.observability.ExecutionLogWriter;
import dev.apigw.node.dataplane.observability.RequestObserver;
import dev.apigw.node.dataplane.request.ClientAddress;
import dev.apigw.node.dataplane.request.RefusedBodies;
import dev.apigw.node.dataplane.request.RequestIdentifiers;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.GatewayResponses;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.node.dataplane.snapshot.LiveApi;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.RequestIds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A REST API request, step by step. The order is {@link #steps}'s: read it top to bottom. Each step continues or
 * answers now; a refusal is a {@link GatewayError} rendered through the deployment's gateway responses. Every response
 * carries {@code x-amzn-RequestId} and {@code x-amz-apigw-id} and is reported to the metrics and the access log.
 * Nothing here asks an actor for routing: the steps read node-local snapshots.
 */
public final class RestPipeline {
  private static final Logger log = LoggerFactory.getLogger(RestPipeline.class);

  private final List<RestStep> steps;
  /** TestInvokeMethod's steps: the method is chosen already; no authorization, API key, limits or cache, as at AWS. */
  private final List<RestStep> testSteps;
  private final String accountId;
  private final RequestObserver observer;
  private final RefusedBodies refusedBodies;
  /** Where customised gateway response templates render ({@code gateway.templates.dispatcher}). */
  private final Executor renders;

  /** What the steps are built from. */
  public record Parts(
      Function<String, LiveApi> apis,
      Authorizers authorizers,
      IamAuthorization iam,
      KeyAdmission apiKeys,
      UsageCheck usage,
      StageCache stageCache,
      ExecutionLogWriter executionLogs,
      long maxBodyBytes,
      long bodyReadTimeoutMillis,
      Executor templateRenders) {}

  public RestPipeline(ActorSystem<?> system, String accountId, RequestObserver observer, Parts parts) {
    this.accountId = accountId;
    this.observer = observer;
    this.refusedBodies = new RefusedBodies(system, parts.maxBodyBytes());
    this.renders = parts.templateRenders();
    var body = new BodyReader(system, parts.maxBodyBytes(), parts.bodyReadTimeoutMillis());
    this.steps = List.of(
        new ResolveStage(parts.apis(), () -> ThreadLocalRandom.current().nextDouble(100.0)),
        new MatchMethod(),
        new StartExecutionLog(parts.executionLogs()),
        new RefuseOversizedBody(parts.maxBodyBytes()),
        new Authorize(parts.authorizers(), parts.iam(), body),
        new RequireApiKey(parts.apiKeys()),
        new ApplyUsageLimits(parts.usage()),
        new ReadBody(body),
        new LogMethodRequest(),
        new Validate(),
        new ServeFromStageCache(parts.stageCache()),
        new Integrate());
    this.testSteps = List.of(
        new RefuseOversizedBody(parts.maxBodyBytes()),
        new ReadBody(body),
        new LogMethodRequest(),
        new Validate(),
        new Integrate());
  }

  /**
   * Serves a request addressed to {@code address}: a REST API's stage, an unknown API, or no API at all (null, or
   * {@code ApiAddress.UNMAPPED}), which the first step refuses as AWS does.
   */
  public CompletionStage<HttpResponse> serve(HttpRequest http, ApiAddress address) {
    RestExchange ex = new RestExchange(http, RequestIdentifiers.requestId(), RequestIdentifiers.extendedRequestId(), Instant.now(), System.nanoTime(),
        accountId, ClientAddress.sourceIp(http));
    ex.address = address;
    CompletionStage<HttpResponse> response;
    try {
      response = run(steps, ex, 0);
    } catch (RuntimeException e) {
      response = CompletableFuture.failedFuture(e);
    }
    return response
        .exceptionallyCompose(failure -> failed(ex, failure))
        .thenApply(r -> finish(r, ex));
  }

  /** The loop: runs the steps from {@code from} until one answers, then the hooks the steps left for the answer. */
  private CompletionStage<HttpResponse> run(List<RestStep> steps, RestExchange ex, int from) {
    for (int i = from; i < steps.size(); i++) {
      CompletableFuture<HttpResponse> step = steps.get(i).apply(ex).toCompletableFuture();
      if (step.isDone() && !step.isCompletedExceptionally()) {
        // Completed already (most steps answer synchronously): read it without waiting, and go on in this loop.
        HttpResponse answer = step.getNow(null);
        if (answer == null) {
          continue;
        }
        return afterAnswer(ex, answer);
      }
      int next = i + 1;
      return step.thenCompose(answer -> answer == null ? run(steps, ex, next) : afterAnswer(ex, answer));
    }
    throw new IllegalStateException("No step answered");
  }

  /**
   * TestInvokeMethod: runs {@code ex}, whose API, deployment, method and request are set already, through the test
   * steps. Refusals render like any request's; the test is neither metered nor access-logged.
   */
  CompletionStage<HttpResponse> test(RestExchange ex) {
    CompletionStage<HttpResponse> response;
    try {
      response = run(testSteps, ex, 0);
    } catch (RuntimeException e) {
      response = CompletableFuture.failedFuture(e);
    }
    return response
        .exceptionallyCompose(failure -> failed(ex, failure))
        .thenApply(r -> r.addHeaders(List.of(RawHeader.create(RequestIds.REQUEST_ID, ex.requestId),
            RawHeader.create(RequestIdentifiers.APIGW_ID, ex.extendedId))));
  }

  private static CompletionStage<HttpResponse> afterAnswer(RestExchange ex, HttpResponse answer) {
    CompletionStage<HttpResponse> result = CompletableFuture.completedFuture(answer);
    for (var hook : ex.responseHooks()) {
      result = result.thenCompose(hook);
    }
    return result;
  }

  /** The refusal's response; a customised gateway response template renders on the template threads. */
  private CompletionStage<HttpResponse> failed(RestExchange ex, Throwable failure) {
    Throwable t = AwsErrors.unwrap(failure);
    GatewayError error;
    String detail = null;
    if (t instanceof GatewayError g) {
      error = g;
    } else if (t instanceof TemplateLimitException limit) {
      log.warn("Request {} to API {}: {}", ex.requestId, ex.address == null ? "?" : ex.address.apiId(), limit.getMessage());
      error = new GatewayError(ResponseTypes.DEFAULT_5XX, ResponseTypes.INTERNAL_SERVER_ERROR);
    } else if (t instanceof MappingException mapping) {
      // A template that fails (bad JSONPath, an override set twice, ...) is the API's configuration error.
      log.warn("Request {} to API {}: {}", ex.requestId, ex.address == null ? "?" : ex.address.apiId(),
          mapping.getMessage());
      detail = "Unable to transform request or response: " + mapping.getMessage();
      error = new GatewayError(ResponseTypes.API_CONFIGURATION_ERROR, ResponseTypes.INTERNAL_SERVER_ERROR);
    } else {
      log.error("Request {} failed unexpectedly", ex.requestId, t);
      error = new GatewayError(ResponseTypes.DEFAULT_5XX, ResponseTypes.INTERNAL_SERVER_ERROR);
    }
    ex.error = error;
    ex.executionLog.failed(ex, error, detail);
    GatewayResponses responses = ex.responses();
    GatewayError refusal = error;
    CompletionStage<HttpResponse> rendered = responses.rendersTemplate(error)
        ? CompletableFuture.supplyAsync(() -> render(ex, responses, refusal), renders)
        : CompletableFuture.completedFuture(render(ex, responses, refusal));
    return rendered.thenCompose(response -> refusedBodies.afterDrain(ex.http, response));
  }

  private static HttpResponse render(RestExchange ex, GatewayResponses responses, GatewayError error) {
    Map<String, String> vars = ex.stageVariables == null ? Map.of() : ex.stageVariables;
    try {
      return responses.render(error, ex.request, ex.context(), vars);
    } catch (RuntimeException e) {
      log.error("Gateway response for {} failed to render; answering AWS's default", error.responseType(), e);
      return GatewayResponses.defaults().render(error, ex.request, ex.context(), vars);
    }
  }

  private HttpResponse finish(HttpResponse response, RestExchange ex) {
    HttpResponse tagged = response.addHeaders(List.of(
        RawHeader.create(RequestIds.REQUEST_ID, ex.requestId), RawHeader.create(RequestIdentifiers.APIGW_ID, ex.extendedId)));
    ex.executionLog.completed(ex, tagged);
    observer.completed(ex.view(tagged.status().intValue(), tagged.entity().getContentLengthOption()));
    return tagged;
  }

}
