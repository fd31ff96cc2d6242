package dev.apigw.node.dataplane.authorizers;

import dev.apigw.node.dataplane.integration.UriTemplate;
import dev.apigw.protocol.restapi.Authorizer;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Lambda authorizer of a deployment, ready to run: identity sources parsed, validation expression and function
 * uri compiled once per deployment rather than per request.
 *
 * @param authorizer the configuration
 * @param sources its identity sources (TOKEN: exactly one header)
 * @param validation {@code identityValidationExpression} (TOKEN only), or null
 * @param uri the function's invocation uri, {@code ${stageVariables.x}} filled per request
 * @param problem why this authorizer cannot run (every request it guards then gets AWS's 500
 *     {@code AuthorizerConfigurationException}), or null
 */
public record CompiledAuthorizer(Authorizer authorizer, List<IdentitySource> sources, Pattern validation,
    UriTemplate uri, String problem) {

  /** Compiles {@code authorizer}; never throws: a broken one carries its {@link #problem}. */
  public static CompiledAuthorizer compile(Authorizer authorizer) {
    try {
      if (!"TOKEN".equals(authorizer.type()) && !"REQUEST".equals(authorizer.type())) {
        return broken(authorizer, "authorizer type " + authorizer.type()
            + " is not supported by this gateway yet (supported: TOKEN and REQUEST Lambda authorizers)");
      }
      if (authorizer.authorizerUri() == null || authorizer.authorizerUri().isBlank()) {
        return broken(authorizer, "authorizerUri is missing");
      }
      List<IdentitySource> sources = IdentitySource.parseAll(authorizer.identitySource());
      Pattern validation = null;
      if ("TOKEN".equals(authorizer.type())) {
        if (sources.size() != 1 || sources.get(0).kind() != IdentitySource.Kind.HEADER) {
          return broken(authorizer, "identitySource: " + authorizer.identitySource()
              + " (expected for a TOKEN authorizer: one method.request.header.X)");
        }
        String expression = authorizer.identityValidationExpression();
        validation = expression == null || expression.isEmpty() ? null : Pattern.compile(expression);
      }
      return new CompiledAuthorizer(authorizer, sources, validation, new UriTemplate(authorizer.authorizerUri()), null);
    } catch (IllegalArgumentException e) { // includes PatternSyntaxException
      return broken(authorizer, e instanceof PatternSyntaxException p
          ? "identityValidationExpression: " + p.getPattern() + " (" + p.getDescription() + ")" : e.getMessage());
    }
  }

  /** A CUSTOM method whose authorizer is not in the deployment. */
  public static CompiledAuthorizer missing(String authorizerId) {
    var unknown = new Authorizer(authorizerId, "(not in this deployment)", null, null, null, null, null, 0, null, null);
    return broken(unknown, "the method's authorizer " + authorizerId + " is not in this deployment");
  }

  private static CompiledAuthorizer broken(Authorizer authorizer, String problem) {
    return new CompiledAuthorizer(authorizer, List.of(), null, null, problem);
  }

  /** Whether results are cached ({@code authorizerResultTtlInSeconds} above 0). */
  public boolean caches() {
    return authorizer.authorizerResultTtlInSeconds() > 0;
  }
}
