package dev.apigw.node.dataplane.authorizers;

import dev.apigw.node.dataplane.integration.UriTemplate;
import dev.apigw.protocol.restapi.Authorizer;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An authorizer of a deployment, ready to run: identity sources parsed, validation expression, function uri and user
 * pools compiled once per deployment rather than per request.
 *
 * @param authorizer the configuration
 * @param sources its identity sources (TOKEN: exactly one header)
 * @param validation {@code identityValidationExpression} (TOKEN only), or null
 * @param uri the function's invocation uri, {@code ${stageVariables.x}} filled per request (Lambda authorizers)
 * @param userPools the user pools whose tokens are accepted (Cognito authorizers)
 * @param problem why this authorizer cannot run (every request it guards then gets AWS's 500
 *     {@code AuthorizerConfigurationException}), or null
 */
public record CompiledAuthorizer(Authorizer authorizer, List<IdentitySource> sources, Pattern validation,
    UriTemplate uri, List<UserPool> userPools, String problem) {

  /** A Cognito user pool named by {@code arn:aws:cognito-idp:{region}:{account}:userpool/{id}}. */
  public record UserPool(String region, String id) {
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:cognito-idp:([a-z0-9-]+):\\d*:userpool/([\\w-]+)");

    static UserPool fromArn(String arn) {
      var m = ARN.matcher(arn);
      if (!m.matches()) {
        throw new IllegalArgumentException("providerARNs: " + arn
            + " (expected: arn:aws:cognito-idp:{region}:{account}:userpool/{userPoolId})");
      }
      return new UserPool(m.group(1), m.group(2));
    }
  }

  /** The authorizer type of Cognito user pool authorizers. */
  public static final String COGNITO = "COGNITO_USER_POOLS";

  /** Compiles {@code authorizer}; never throws: a broken one carries its {@link #problem}. */
  public static CompiledAuthorizer compile(Authorizer authorizer) {
    try {
      if (COGNITO.equals(authorizer.type())) {
        List<IdentitySource> sources = IdentitySource.parseAll(authorizer.identitySource());
        if (!oneHeader(sources)) {
          return broken(authorizer, notOneHeader(authorizer));
        }
        if (authorizer.providerARNs().isEmpty()) {
          return broken(authorizer, "providerARNs is empty (expected: at least one user pool ARN)");
        }
        return new CompiledAuthorizer(authorizer, sources, null, null,
            authorizer.providerARNs().stream().map(UserPool::fromArn).toList(), null);
      }
      if (!"TOKEN".equals(authorizer.type()) && !"REQUEST".equals(authorizer.type())) {
        return broken(authorizer, "authorizer type " + authorizer.type()
            + " (expected: TOKEN, REQUEST or COGNITO_USER_POOLS)");
      }
      if (authorizer.authorizerUri() == null || authorizer.authorizerUri().isBlank()) {
        return broken(authorizer, "authorizerUri is missing");
      }
      List<IdentitySource> sources = IdentitySource.parseAll(authorizer.identitySource());
      Pattern validation = null;
      if ("TOKEN".equals(authorizer.type())) {
        if (!oneHeader(sources)) {
          return broken(authorizer, notOneHeader(authorizer));
        }
        String expression = authorizer.identityValidationExpression();
        validation = expression == null || expression.isEmpty() ? null : Pattern.compile(expression);
      }
      return new CompiledAuthorizer(authorizer, sources, validation, new UriTemplate(authorizer.authorizerUri()),
          List.of(), null);
    } catch (IllegalArgumentException e) { // includes PatternSyntaxException
      return broken(authorizer, e instanceof PatternSyntaxException p
          ? "identityValidationExpression: " + p.getPattern() + " (" + p.getDescription() + ")" : e.getMessage());
    }
  }

  private static boolean oneHeader(List<IdentitySource> sources) {
    return sources.size() == 1 && sources.get(0).kind() == IdentitySource.Kind.HEADER;
  }

  private static String notOneHeader(Authorizer authorizer) {
    return "identitySource: " + authorizer.identitySource() + " (expected for a " + authorizer.type()
        + " authorizer: one method.request.header.X)";
  }

  /** Compiles a WebSocket API's REQUEST authorizer: it runs like a REST one, only its configuration's shape differs. */
  public static CompiledAuthorizer compile(dev.apigw.protocol.v2.Authorizer a) {
    return compile(new Authorizer(a.authorizerId(), a.name(), a.authorizerType(), a.authorizerUri(),
        a.authorizerCredentialsArn(), String.join(",", a.identitySource()), a.identityValidationExpression(),
        a.authorizerResultTtlInSeconds() == null ? 300 : a.authorizerResultTtlInSeconds(), List.of(), null));
  }

  /** A CUSTOM method whose authorizer is not in the deployment. */
  public static CompiledAuthorizer missing(String authorizerId) {
    var unknown = new Authorizer(authorizerId, "(not in this deployment)", null, null, null, null, null, 0, null, null);
    return broken(unknown, "the method's authorizer " + authorizerId + " is not in this deployment");
  }

  private static CompiledAuthorizer broken(Authorizer authorizer, String problem) {
    return new CompiledAuthorizer(authorizer, List.of(), null, null, List.of(), problem);
  }

  /** Whether this is a Cognito user pool authorizer (else a Lambda one). */
  public boolean isCognito() {
    return COGNITO.equals(authorizer.type());
  }

  /**
   * Whether results are cached: {@code authorizerResultTtlInSeconds} above 0 and an identity to key them by (without
   * one, every caller would get the first caller's answer; the management API refuses such an authorizer).
   */
  public boolean caches() {
    return authorizer.authorizerResultTtlInSeconds() > 0 && !sources.isEmpty();
  }
}
