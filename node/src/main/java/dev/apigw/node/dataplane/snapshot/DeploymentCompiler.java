package dev.apigw.node.dataplane.snapshot;

import dev.apigw.node.dataplane.authorizers.CompiledAuthorizer;
import dev.apigw.node.dataplane.integration.IntegrationFactory;
import dev.apigw.node.dataplane.responses.GatewayResponses;
import dev.apigw.node.dataplane.routing.RouteTable;
import dev.apigw.node.dataplane.validation.RequestValidation;
import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.Authorizer;
import dev.apigw.protocol.restapi.Deployment;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.Resource;
import dev.apigw.protocol.restapi.RestApi;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a deployment for serving. A method whose templates or models do not compile is served
 * as AWS serves a broken configuration (500 Internal server error) and logged; the rest of the
 * deployment is unaffected.
 */
public final class DeploymentCompiler {
  private static final Logger log = LoggerFactory.getLogger(DeploymentCompiler.class);

  private final IntegrationFactory integrations;

  public DeploymentCompiler(IntegrationFactory integrations) {
    this.integrations = integrations;
  }

  /** The compiled deployment of {@code api}. */
  public CompiledDeployment compile(RestApi api, Deployment deployment) {
    ApiDefinition definition = deployment.definition();
    RouteTable<CompiledMethod> routes =
        RouteTable.compile(definition, (resource, method) -> method(api, definition, resource, method, deployment));
    GatewayResponses responses;
    try {
      responses = GatewayResponses.compile(definition.gatewayResponses(), integrations.templates());
    } catch (RuntimeException e) {
      log.error("API {} deployment {}: gateway responses do not compile ({}); serving AWS's defaults",
          api.id(), deployment.id(), e.getMessage());
      responses = GatewayResponses.defaults();
    }
    return new CompiledDeployment(deployment.id(), routes, responses);
  }

  /** One method of {@code deployment}, compiled (TestInvokeMethod runs a method the route table may not pick). */
  public CompiledMethod method(RestApi api, ApiDefinition definition, Resource resource, Method method,
      Deployment deployment) {
    CompiledAuthorizer authorizer = authorizer(definition, method);
    try {
      return new CompiledMethod(method, authorizer, integrations.plan(api, resource, method),
          RequestValidation.compile(api.id(), definition, method));
    } catch (RuntimeException e) {
      String where = method.httpMethod() + " " + resource.path();
      log.error("API {} deployment {}: {} does not compile: {}", api.id(), deployment.id(), where, e.getMessage());
      return new CompiledMethod(method, authorizer, IntegrationFactory.broken(where + ": " + e.getMessage()),
          Optional.empty());
    }
  }

  /** The authorizer of a CUSTOM (Lambda) or COGNITO_USER_POOLS method; null for every other authorization type. */
  private static CompiledAuthorizer authorizer(ApiDefinition definition, Method method) {
    if (!"CUSTOM".equals(method.authorizationType()) && !CompiledAuthorizer.COGNITO.equals(method.authorizationType())) {
      return null;
    }
    Authorizer authorizer = method.authorizerId() == null ? null : definition.authorizers().get(method.authorizerId());
    return authorizer == null ? CompiledAuthorizer.missing(method.authorizerId()) : CompiledAuthorizer.compile(authorizer);
  }
}
