package dev.apigw.node.dataplane.authorizers;

import dev.apigw.node.dataplane.request.Invocation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Runs a method's authorizer, Lambda or Cognito, and says what it adds to the request. */
public final class Authorizers {
  /**
   * A request the authorizer let through.
   *
   * @param context what {@code $context.authorizer} holds (Lambda: {@code principalId}, the function's {@code
   *     context} entries and {@code integrationLatency}; Cognito: {@code claims})
   * @param usageIdentifierKey the API key for usage plans when the API's {@code apiKeySource} is {@code AUTHORIZER}, or
   *     null
   */
  public record Authorized(Map<String, Object> context, String usageIdentifierKey) {}

  private final LambdaAuthorizers lambda;
  private final CognitoAuthorizers cognito;

  public Authorizers(LambdaAuthorizers lambda, CognitoAuthorizers cognito) {
    this.lambda = lambda;
    this.cognito = cognito;
  }

  /**
   * Authorizes one request; fails with the authorizer's {@code GatewayError} (401, 403 or 500).
   *
   * @param deploymentId the deployment serving the request (Lambda results are cached per deployment)
   * @param scopes the method's {@code authorizationScopes} (Cognito)
   */
  public CompletionStage<Authorized> authorize(CompiledAuthorizer authorizer, Invocation inv, String deploymentId,
      List<String> scopes) {
    if (authorizer.problem() == null && authorizer.isCognito()) {
      return cognito.authorize(authorizer, inv, scopes)
          .thenApply(claims -> new Authorized(Map.of("claims", claims), null));
    }
    long start = System.nanoTime();
    return lambda.authorize(authorizer, inv, deploymentId)
        .thenApply(output -> new Authorized(lambdaContext(output, start), output.usageIdentifierKey()));
  }

  /**
   * {@code $context.authorizer} after a Lambda authorizer allowed a request: its {@code context} entries, {@code
   * principalId}, and {@code integrationLatency} (ms since {@code startNanos}).
   */
  public static Map<String, Object> lambdaContext(AuthorizerOutput output, long startNanos) {
    Map<String, Object> context = new HashMap<>(output.context());
    context.put("principalId", output.principalId());
    context.put("integrationLatency", (System.nanoTime() - startNanos) / 1_000_000);
    return context;
  }
}
