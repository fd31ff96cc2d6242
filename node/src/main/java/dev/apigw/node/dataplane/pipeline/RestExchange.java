package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.authorizers.Authorizers;
import dev.apigw.node.dataplane.observability.CompletedRequest;
import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.node.dataplane.request.LazyMap;
import dev.apigw.node.dataplane.request.MethodRequest;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.GatewayResponses;
import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.node.dataplane.snapshot.CompiledDeployment;
import dev.apigw.node.dataplane.snapshot.CompiledMethod;
import dev.apigw.node.dataplane.snapshot.KeySnapshot;
import dev.apigw.node.dataplane.snapshot.LiveApi;
import dev.apigw.node.dataplane.snapshot.LiveStage;
import dev.apigw.protocol.restapi.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * One REST request on its way through the {@link RestPipeline}: what each step learned, in typed fields. Written by
 * the steps in order (a step completes before the next starts), read by the later steps, the error response, the
 * access log and the metrics. {@code $context} is built from these fields when a template or an integration reads
 * it, never patched through casts.
 */
public final class RestExchange {
  final String requestId;
  final String extendedId;
  final Instant received;
  final long startNanos;
  final String accountId;
  final String sourceIp;

  /** The request as received; replaced by its strict copy once the body has been read. */
  HttpRequest http;
  ApiAddress address;
  LiveApi api;
  LiveStage stage;
  CompiledDeployment deployment;
  boolean canary;
  Map<String, String> stageVariables;
  /** TestInvokeMethod's client certificate (a stage's own comes with the stage). */
  String clientCertificateId;
  MethodRequest request;
  Resource resource;
  CompiledMethod method;
  /** The access key of a valid SigV4 signature ({@code AWS_IAM}), or null. */
  String iamAccessKey;
  /** What the method's authorizer said about the caller, or null. */
  Authorizers.Authorized authorized;
  /** The API key and usage plan the request was admitted with, or null. */
  KeySnapshot.Admitted apiKey;
  long integrationStartNanos;
  long integrationEndNanos;
  GatewayError error;
  /** The execution log; {@link StageExecutionLog#OFF} unless the stage logs the method. */
  StageExecutionLog executionLog = StageExecutionLog.OFF;
  private Map<String, Object> context;
  private final List<Function<HttpResponse, CompletionStage<HttpResponse>>> onResponse = new ArrayList<>(1);

  RestExchange(HttpRequest http, String requestId, String extendedId, Instant received, long startNanos,
      String accountId, String sourceIp) {
    this.http = http;
    this.requestId = requestId;
    this.extendedId = extendedId;
    this.received = received;
    this.startNanos = startNanos;
    this.accountId = accountId;
    this.sourceIp = sourceIp;
  }

  /** The gateway responses that render this request's errors: the deployment's once the stage is known. */
  GatewayResponses responses() {
    return deployment == null ? GatewayResponses.defaults() : deployment.responses();
  }

  /** The request's {@code $context}; empty until a method matched. */
  Map<String, Object> context() {
    if (resource == null) {
      return Map.of();
    }
    if (context == null) {
      context = ContextVariables.of(this);
    }
    return context;
  }

  void callerSigned(String accessKey) {
    iamAccessKey = accessKey;
    context = null;
  }

  void authorizedBy(Authorizers.Authorized allowed) {
    authorized = allowed;
    context = null;
  }

  void admittedWith(KeySnapshot.Admitted key) {
    apiKey = key;
    context = null;
  }

  /** Runs {@code then} on the response the later steps answer with (e.g. the stage cache keeps it). */
  void onResponse(Function<HttpResponse, CompletionStage<HttpResponse>> then) {
    onResponse.add(then);
  }

  List<Function<HttpResponse, CompletionStage<HttpResponse>>> responseHooks() {
    return onResponse;
  }

  /** What integrations and authorizers read. */
  Invocation invocation() {
    return new Invocation(requestId, address, api.api(), stageVariables, resource, request, http,
        new LazyMap<>(this::context), stage == null ? clientCertificateId : stage.stage().clientCertificateId(),
        executionLog);
  }

  CompletedRequest view(int status, OptionalLong responseLength) {
    long now = System.nanoTime();
    long integrationMillis = integrationStartNanos == 0 || integrationEndNanos == 0
        ? -1 : (integrationEndNanos - integrationStartNanos) / 1_000_000;
    return new CompletedRequest(requestId, extendedId, received, address, stage, request,
        resource == null ? null : resource.path(), new LazyMap<>(this::context), status, responseLength.orElse(-1),
        (now - startNanos) / 1_000_000, integrationMillis, error);
  }
}
