package dev.apigw.node.controlplane.openapi;

import dev.apigw.node.awsservice.AwsProtocols;
import dev.apigw.node.awsservice.AwsServiceUri;
import dev.apigw.protocol.restapi.Integration;
import java.util.Optional;

/**
 * Why this gateway cannot serve an imported integration, if it cannot: the import still succeeds (AWS would accept
 * it), and says so in its warnings instead of leaving the user to find out from a 500 at request time.
 */
final class IntegrationSupport {
  private IntegrationSupport() {}

  /** The reason {@code integration} cannot be served here, or empty when it can. */
  static Optional<String> unsupported(Integration integration) {
    String uri = integration.uri();
    if ("VPC_LINK".equals(integration.connectionType())) {
      // Served: the data plane sends such requests to the address configured for the link's load balancer.
      if (!"HTTP".equals(integration.type()) && !"HTTP_PROXY".equals(integration.type())) {
        return Optional.of("connectionType VPC_LINK is for HTTP and HTTP_PROXY integrations (this one is "
            + integration.type() + ")");
      }
      if (integration.connectionId() == null || integration.connectionId().isBlank()) {
        return Optional.of("connectionType VPC_LINK needs a connectionId (a VPC link id or ${stageVariables.name})");
      }
      return Optional.empty();
    }
    boolean lambda = uri != null && uri.contains(":lambda:path/");
    if ("AWS_PROXY".equals(integration.type()) && !lambda) {
      return Optional.of("AWS_PROXY integrations other than Lambda are not supported by this gateway: " + uri);
    }
    if (!"AWS".equals(integration.type()) || lambda || uri == null || uri.contains("${")) {
      return Optional.empty();
    }
    if ("arn:aws:iam::*:user/*".equals(integration.credentials())) {
      return Optional.of("credentials arn:aws:iam::*:user/* (calling the service as the caller) are not supported by"
          + " this gateway; use a role ARN or none (the gateway's own identity)");
    }
    if (!AwsServiceUri.matches(uri)) {
      return Optional.of("AWS integration uri " + uri
          + " is not arn:aws:apigateway:{region}:{service}:action/{Action} or :path/{path}");
    }
    AwsServiceUri parsed;
    try {
      parsed = AwsServiceUri.parse(uri);
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    if (parsed.action() != null && AwsProtocols.of(parsed.service()) == null) {
      return Optional.of("actions of " + parsed.service() + " are not supported by this gateway (supported: "
          + AwsProtocols.services() + "); a path-style uri reaches any service");
    }
    return Optional.empty();
  }
}
