package dev.apigw.node.dataplane.integration;

import dev.apigw.node.dataplane.integration.aws.AwsServiceClient;
import dev.apigw.node.awsservice.AwsServiceUri;
import dev.apigw.node.dataplane.integration.lambda.LambdaInvoker;
import dev.apigw.node.dataplane.mapping.TemplateSettings;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.protocol.restapi.Integration;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.Resource;
import dev.apigw.protocol.restapi.RestApi;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Compiles a method's integration into the plan that serves it. */
public final class IntegrationFactory {
  private static final Logger log = LoggerFactory.getLogger(IntegrationFactory.class);

  private final ActorSystem<?> system;
  private final Backend backend;
  private final LambdaInvoker lambda;
  private final AwsServiceClient aws;
  private final long maxBodyBytes;
  private final TemplateSettings templates;
  private final Executor renders;

  /** @param renders where mapping templates render ({@link TemplateSettings#DISPATCHER}) */
  public IntegrationFactory(ActorSystem<?> system, Backend backend, LambdaInvoker lambda, AwsServiceClient aws,
      long maxBodyBytes, TemplateSettings templates, Executor renders) {
    this.system = system;
    this.backend = backend;
    this.lambda = lambda;
    this.aws = aws;
    this.maxBodyBytes = maxBodyBytes;
    this.templates = templates;
    this.renders = renders;
  }

  /** The limits every mapping template of the plans renders within. */
  public TemplateSettings templates() {
    return templates;
  }

  /** The plan for {@code method} of {@code resource}; throws IllegalArgumentException if it cannot compile. */
  public IntegrationPlan plan(RestApi api, Resource resource, Method method) {
    Integration integration = method.integration();
    if (integration == null) {
      return broken(method.httpMethod() + " " + resource.path() + " has no integration");
    }
    if ("VPC_LINK".equals(integration.connectionType()) && !isHttp(integration)) {
      return broken("connectionType VPC_LINK is for HTTP and HTTP_PROXY integrations (this one is "
          + integration.type() + ")");
    }
    Duration timeout = IntegrationTimeouts.of(integration.timeoutInMillis());
    return switch (integration.type()) {
      case "HTTP_PROXY" -> new HttpProxyPlan(backend, integration, timeout, maxBodyBytes);
      case "HTTP" -> new HttpPlan(system, backend, integration, timeout, maxBodyBytes, templates, renders);
      case "MOCK" -> new MockPlan(integration, templates, renders);
      case "AWS_PROXY" -> isLambda(integration)
          ? new LambdaProxyPlan(lambda, integration, timeout)
          : broken("AWS_PROXY integrations other than Lambda are not supported by this gateway: " + integration.uri());
      case "AWS" -> isLambda(integration)
          ? new LambdaPlan(lambda, integration, timeout, templates, renders)
          : awsService(integration, timeout);
      default -> broken("integration type " + integration.type() + " is not supported yet by this gateway");
    };
  }

  private IntegrationPlan awsService(Integration integration, Duration timeout) {
    if (CALLER_CREDENTIALS.equals(integration.credentials())) {
      return broken("integration credentials " + CALLER_CREDENTIALS + " (the caller's own identity) are not supported by"
          + " this gateway (expected: a role ARN, or none for the gateway's identity): " + integration.uri());
    }
    if (integration.uri() == null || !integration.uri().contains("${") && !AwsServiceUri.matches(integration.uri())) {
      return broken("AWS integration uri " + integration.uri()
          + " (expected: arn:aws:apigateway:{region}:{service}:action/{Action} or :path/{path})");
    }
    try {
      return new AwsServicePlan(aws, integration, timeout, templates, renders);
    } catch (IllegalArgumentException e) {
      return broken(e.getMessage());
    }
  }

  private static boolean isHttp(Integration integration) {
    return "HTTP".equals(integration.type()) || "HTTP_PROXY".equals(integration.type());
  }

  /** The credentials value that asks API Gateway to call the service as the caller (IAM-signed requests). */
  static final String CALLER_CREDENTIALS = "arn:aws:iam::*:user/*";

  private static boolean isLambda(Integration integration) {
    return integration.uri() != null && integration.uri().contains(":lambda:path/");
  }

  /**
   * A plan for a method that cannot be served: every call is AWS's answer to a configuration
   * error (500 Internal server error), and the reason is logged, as AWS's execution log would.
   */
  public static IntegrationPlan broken(String why) {
    return inv -> {
      log.warn("API {} {} {}: {}", inv.address().apiId(), inv.request().httpMethod(), inv.request().path(), why);
      return CompletableFuture.failedFuture(
          new GatewayError(ResponseTypes.API_CONFIGURATION_ERROR, ResponseTypes.INTERNAL_SERVER_ERROR));
    };
  }
}
