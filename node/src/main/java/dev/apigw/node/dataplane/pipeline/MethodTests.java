package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.request.RequestIdentifiers;
import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.node.dataplane.snapshot.CompiledDeployment;
import dev.apigw.node.dataplane.snapshot.CompiledMethod;
import dev.apigw.node.dataplane.snapshot.DeploymentCompiler;
import dev.apigw.node.dataplane.snapshot.LiveApi;
import dev.apigw.node.http.PekkoFutures;
import dev.apigw.node.methodtest.MethodTester;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.restapi.Deployment;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.Resource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * TestInvokeMethod on this node: compiles the API's current definition, runs the chosen method through the
 * {@link RestPipeline}'s test steps (request validation, body, integration with its mappings and responses) and
 * answers the response with an execution log in AWS's format. As at AWS the test skips authorization, API keys,
 * throttling and the stage cache, and its stage is {@code test-invoke-stage}.
 */
public final class MethodTests implements MethodTester {
  static final String STAGE = "test-invoke-stage";
  private static final String DEPLOYMENT = "test-invoke-deployment";
  private static final String ACCOUNT_DOMAIN = "testPrefix.testDomainName";

  private final ActorSystem<?> system;
  private final RestPipeline pipeline;
  private final DeploymentCompiler compiler;
  private final String accountId;
  private final long maxBodyBytes;
  private final long readTimeoutMillis;

  public MethodTests(ActorSystem<?> system, RestPipeline pipeline, DeploymentCompiler compiler, String accountId,
      long maxBodyBytes, long readTimeoutMillis) {
    this.system = system;
    this.pipeline = pipeline;
    this.compiler = compiler;
    this.accountId = accountId;
    this.maxBodyBytes = maxBodyBytes;
    this.readTimeoutMillis = readTimeoutMillis;
  }

  @Override
  public CompletionStage<Result> test(Request test) {
    Resource resource = test.definition().resource(test.resourceId());
    Method method = test.definition().method(test.resourceId(), test.httpMethod());
    String pathAndQuery = test.pathWithQueryString() == null || test.pathWithQueryString().isBlank()
        ? resource.path() : test.pathWithQueryString();
    if (!pathAndQuery.startsWith("/")) {
      pathAndQuery = "/" + pathAndQuery;
    }
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);

    Deployment deployment = new Deployment(DEPLOYMENT, null, Instant.now(), test.definition());
    CompiledDeployment compiled = compiler.compile(test.api(), deployment);
    HttpRequest http = httpRequest(test, pathAndQuery);
    var match = compiled.routes().match(test.httpMethod(), path);
    CompiledMethod target;
    Map<String, String> pathParameters;
    if (match != null && match.resource().id().equals(resource.id())) {
      target = match.target();
      pathParameters = match.pathParameters();
    } else {
      // The path names another resource (or none): AWS runs the chosen method anyway, with what the path fills in.
      target = compiler.method(test.api(), test.definition(), resource, method, deployment);
      pathParameters = pathParameters(resource.path(), path);
    }

    RestExchange ex = new RestExchange(http, RequestIdentifiers.requestId(), RequestIdentifiers.extendedRequestId(),
        Instant.now(), System.nanoTime(), accountId, "test-invoke-source-ip");
    ex.address = new ApiAddress(test.api().id(), STAGE, path, ACCOUNT_DOMAIN, "testPrefix", false);
    ex.api = new LiveApi(test.api(), Map.of());
    ex.deployment = compiled;
    ex.stageVariables = Map.copyOf(test.stageVariables());
    ex.clientCertificateId = test.clientCertificateId();
    ex.request = MatchMethod.methodRequest(http, path).withPathParameters(pathParameters);
    ex.resource = resource;
    ex.method = target;
    // The same log as a stage's at INFO with data trace, in the test's own line format.
    var log = new ExecutionLogRecorder.TestInvokeSink(ex.requestId);
    ex.executionLog = ExecutionLogRecorder.testInvoke(ex, log);
    return pipeline.test(ex)
        .thenCompose(response -> PekkoFutures.plain(response.entity().toStrict(readTimeoutMillis, maxBodyBytes, system))
            .thenApply(strict -> result(ex, response, strict, log)));
  }

  private Result result(RestExchange ex, HttpResponse response, HttpEntity.Strict entity,
      ExecutionLogRecorder.TestInvokeSink log) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    if (!entity.getContentType().equals(ContentTypes.NO_CONTENT_TYPE)) {
      multi.put("Content-Type", new ArrayList<>(List.of(entity.getContentType().toString())));
    }
    for (HttpHeader h : response.getHeaders()) {
      multi.computeIfAbsent(h.name(), k -> new ArrayList<>(1)).add(h.value());
    }
    Map<String, String> single = new LinkedHashMap<>();
    multi.forEach((name, values) -> single.put(name, values.get(values.size() - 1)));
    String body = entity.getData().utf8String();
    int status = response.status().intValue();
    long latency = (System.nanoTime() - ex.startNanos) / 1_000_000;
    ex.executionLog.completed(ex, response.withEntity(entity));
    return new Result(status, body, single, multi, log.text(), latency);
  }

  private static HttpRequest httpRequest(Request test, String pathAndQuery) {
    String verb = "ANY".equals(test.httpMethod()) ? "GET" : test.httpMethod();
    return httpRequest(verb, pathAndQuery, test.headers(), test.multiValueHeaders(), test.body());
  }

  /** A test's request as the data plane would have received it; bad input is the control plane's 400. */
  static HttpRequest httpRequest(String verb, String pathAndQuery, Map<String, String> singleHeaders,
      Map<String, List<String>> multiValueHeaders, String body) {
    List<HttpHeader> headers = new ArrayList<>();
    String contentType = null;
    Map<String, List<String>> all = new LinkedHashMap<>();
    singleHeaders.forEach((name, value) -> all.put(name, List.of(value)));
    multiValueHeaders.forEach((name, values) -> all.merge(name, values, (a, b) -> {
      List<String> both = new ArrayList<>(a);
      both.addAll(b);
      return both;
    }));
    for (var e : all.entrySet()) {
      if (e.getKey().equalsIgnoreCase("Content-Type")) {
        contentType = e.getValue().isEmpty() ? null : e.getValue().get(0);
      } else if (!e.getKey().equalsIgnoreCase("Content-Length")) {
        for (String v : e.getValue()) {
          headers.add(RawHeader.create(e.getKey(), v == null ? "" : v));
        }
      }
    }
    HttpRequest http;
    try {
      http = HttpRequest.create(pathAndQuery)
          .withMethod(HttpMethods.lookup(verb).orElseThrow(() -> new BadRequestException("Invalid HTTP method: " + verb)))
          .addHeaders(headers);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("Invalid pathWithQueryString: " + e.getMessage());
    }
    if (body != null && !body.isEmpty()) {
      ContentType type;
      try {
        type = contentType == null ? ContentTypes.APPLICATION_JSON : ContentTypes.parse(contentType);
      } catch (RuntimeException e) {
        throw new BadRequestException("Invalid Content-Type header: " + contentType);
      }
      http = http.withEntity(HttpEntities.create(type, body.getBytes(StandardCharsets.UTF_8)));
    }
    return http;
  }

  /** The values of {@code template}'s {@code {var}} and {@code {var+}} segments in {@code path}. */
  static Map<String, String> pathParameters(String template, String path) {
    String[] names = template.split("/");
    String[] parts = path.split("/");
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 1; i < names.length && i < parts.length; i++) {
      String name = names[i];
      if (name.startsWith("{") && name.endsWith("+}")) {
        List<String> rest = new ArrayList<>();
        for (int j = i; j < parts.length; j++) {
          rest.add(decode(parts[j]));
        }
        params.put(name.substring(1, name.length() - 2), String.join("/", rest));
        break;
      }
      if (name.startsWith("{") && name.endsWith("}")) {
        params.put(name.substring(1, name.length() - 1), decode(parts[i]));
      }
    }
    return params;
  }

  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return segment;
    }
  }
}
