package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.authorizers.CognitoAuthorizers;
import dev.apigw.node.dataplane.authorizers.CompiledAuthorizer;
import dev.apigw.node.dataplane.authorizers.IdentitySource;
import dev.apigw.node.dataplane.authorizers.InvokePermissions;
import dev.apigw.node.dataplane.authorizers.LambdaAuthorizers;
import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.node.dataplane.request.RequestIdentifiers;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.node.dataplane.snapshot.DeploymentCompiler;
import dev.apigw.node.dataplane.snapshot.LiveApi;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.methodtest.AuthorizerTester;
import dev.apigw.protocol.restapi.Deployment;
import dev.apigw.protocol.restapi.Resource;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * TestInvokeAuthorizer on this node: builds the request the test describes (headers, path and query, body, stage
 * variables, extra {@code $context} variables), runs the authorizer once through the data plane's own Lambda or Cognito
 * authorizer code (never the result cache) and answers what a client would have received, with an execution log in
 * AWS's format. As at AWS, the function's {@code methodArn} names stage {@code ESTestInvoke-stage} and verb {@code GET};
 * its request context names stage {@code test-invoke-stage}.
 */
public final class AuthorizerTests implements AuthorizerTester {
  static final String ARN_STAGE = "ESTestInvoke-stage";
  private static final String DEPLOYMENT = "test-invoke-deployment";
  private static final String RESOURCE = "test-invoke-resource-id";
  private static final int MAX_LOGGED_ANSWER = 1_000;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final LambdaAuthorizers lambda;
  private final CognitoAuthorizers cognito;
  private final DeploymentCompiler compiler;
  private final String accountId;
  private final String region;

  public AuthorizerTests(LambdaAuthorizers lambda, CognitoAuthorizers cognito, DeploymentCompiler compiler,
      String accountId, String region) {
    this.lambda = lambda;
    this.cognito = cognito;
    this.compiler = compiler;
    this.accountId = accountId;
    this.region = region;
  }

  @Override
  public CompletionStage<Result> test(Request test) {
    long start = System.nanoTime();
    String pathAndQuery = test.pathWithQueryString() == null || test.pathWithQueryString().isBlank()
        ? "/" : test.pathWithQueryString();
    if (!pathAndQuery.startsWith("/")) {
      pathAndQuery = "/" + pathAndQuery;
    }
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    HttpRequest http = MethodTests.httpRequest("GET", pathAndQuery, test.headers(), test.multiValueHeaders(),
        test.body());

    RestExchange ex = new RestExchange(http, RequestIdentifiers.requestId(), RequestIdentifiers.extendedRequestId(),
        Instant.now(), start, accountId, "test-invoke-source-ip");
    ex.address = new ApiAddress(test.api().id(), MethodTests.STAGE, path, "testPrefix.testDomainName", "testPrefix",
        false);
    ex.api = new LiveApi(test.api(), Map.of());
    ex.deployment = compiler.compile(test.api(), new Deployment(DEPLOYMENT, null, Instant.now(), test.definition()));
    ex.stageVariables = Map.copyOf(test.stageVariables());
    ex.request = MatchMethod.methodRequest(http, path);
    ex.resource = new Resource(RESOURCE, null, null, path, Map.of());
    Invocation inv = withContext(ex.invocation(), test.additionalContext());

    CompiledAuthorizer authorizer = CompiledAuthorizer.compile(test.authorizer());
    var log = new Log(ex.requestId);
    log.line("Starting authorizer: " + test.authorizer().id() + " for request: " + ex.requestId);
    log.line("Incoming identity: " + identity(authorizer, inv));
    if (authorizer.problem() == null && authorizer.isCognito()) {
      return cognito.authorize(authorizer, inv, List.of()).handle((claims, failure) -> {
        long latency = millisSince(start);
        if (failure != null) {
          int status = status(failure);
          log.refused(ex.requestId, status, AwsErrors.unwrap(failure).getMessage());
          return new Result(status, log.text(), latency, null, null, null, null);
        }
        log.line("Successfully completed authorizer execution");
        return new Result(200, log.text(), latency, null, null, null, claims);
      });
    }
    String methodArn = InvokePermissions.arn(region, accountId, test.api().id(), ARN_STAGE,
        "GET/" + path.substring(1));
    return lambda.test(authorizer, inv, methodArn).thenApply(tested -> {
      if (tested.uri() != null) {
        log.line("Endpoint request URI: " + tested.uri());
        log.line("Sending request to " + tested.uri());
      }
      var output = tested.output();
      // An answer that parsed is shown as principal, policy and context (its usageIdentifierKey is an API key value,
      // kept out); one that did not is shown as it came, cut, since it is why the authorizer failed.
      if (tested.answer() != null && output == null) {
        log.line("Authorizer result body before parsing: " + cut(tested.answer()));
      }
      if (output != null) {
        log.line("Using authorizer policy for principal: " + output.principalId());
      }
      if (tested.clientStatus() == 200) {
        log.line("Successfully completed authorizer execution");
      } else {
        log.refused(ex.requestId, tested.clientStatus(), tested.problem());
      }
      Map<String, List<String>> authorization = null;
      if (output != null) {
        authorization = new LinkedHashMap<>();
        for (var e : output.context().entrySet()) {
          authorization.put(e.getKey(), List.of(e.getValue()));
        }
      }
      return new Result(tested.clientStatus(), log.text(), millisSince(start),
          output == null ? null : output.principalId(), tested.policy(), authorization, null);
    });
  }

  /** The invocation with the test's extra {@code $context} variables added. */
  private static Invocation withContext(Invocation inv, Map<String, String> additional) {
    if (additional.isEmpty()) {
      return inv;
    }
    Map<String, Object> context = new HashMap<>(inv.context());
    context.putAll(additional);
    return new Invocation(inv.requestId(), inv.address(), inv.api(), inv.stageVariables(), inv.resource(),
        inv.request(), inv.httpRequest(), context, inv.clientCertificateId(), inv.trace());
  }

  /** The identity sources and their values as the log shows them: masked, as AWS masks them. */
  private static String identity(CompiledAuthorizer authorizer, Invocation inv) {
    StringJoiner shown = new StringJoiner(", ", "{", "}");
    for (IdentitySource source : authorizer.sources()) {
      String value = source.valueIn(inv.request(), inv.stageVariables(), inv.context());
      shown.add(expression(source) + "=" + mask(value));
    }
    return shown.toString();
  }

  private static String expression(IdentitySource source) {
    return switch (source.kind()) {
      case HEADER -> "method.request.header." + source.name();
      case QUERY -> "method.request.querystring." + source.name();
      case STAGE_VARIABLE -> "stageVariables." + source.name();
      case CONTEXT -> "context." + source.name();
    };
  }

  /** Credentials never reach the log whole: long values keep their last 6 characters, as AWS shows them. */
  static String mask(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    return value.length() >= 24 ? "********" + value.substring(value.length() - 6) : "********";
  }

  private static int status(Throwable failure) {
    return AwsErrors.unwrap(failure) instanceof GatewayError e ? e.status() : 500;
  }

  private static String cut(String text) {
    return text.length() <= MAX_LOGGED_ANSWER ? text : text.substring(0, MAX_LOGGED_ANSWER) + " [TRUNCATED]";
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** The test's execution log: {@code Execution log for request ...}, then one {@code <date> : <line>} per event. */
  private static final class Log {
    private final StringBuilder text = new StringBuilder();

    Log(String requestId) {
      text.append("Execution log for request ").append(requestId).append('\n');
    }

    void line(String line) {
      text.append(DATE.format(Instant.now())).append(" : ").append(line).append('\n');
    }

    void refused(String requestId, int status, String why) {
      switch (status) {
        case 401 -> {
          line("Unauthorized request: " + requestId);
          line("Unauthorized");
        }
        case 403 -> line("The client is not authorized to perform this operation: " + why);
        default -> line("Execution failed due to configuration error: " + why);
      }
    }

    String text() {
      return text.toString();
    }
  }
}
