package dev.apigw.node.controlplane.restapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;

/**
 * AWS's ValidationException for model constraints (enums, required members) through the real AWS SDK, which sends
 * unknown enum strings as they are; AWS's own checks keep their BadRequestException.
 */
@ExtendWith(CassandraExtension.class)
class ValidationMessagesTest {
  private static TestNode node;
  private static ApiGatewayClient client;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    client = node.client();
  }

  @AfterAll
  static void stop() {
    client.close();
    node.close();
  }

  private static void fails(Runnable call, String errorType, String message) {
    ApiGatewayException e = catchThrowableOfType(ApiGatewayException.class, call::run);
    assertThat(e).as("expected %s", errorType).isNotNull();
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorType);
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
  }

  @Test
  void createRestApiChecksEnumsAndCountsSeveralViolations() {
    fails(() -> client.createRestApi(r -> r.name("x").endpointConfiguration(c -> c.typesWithStrings("FOO"))),
        "ValidationException", "1 validation error detected: Value '[FOO]' at 'createRestApiInput.endpointConfiguration"
            + ".types' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: "
            + "[PRIVATE, EDGE, REGIONAL]]");
    fails(() -> client.createRestApi(r -> r.name("x").apiKeySource("NOPE")
            .endpointConfiguration(c -> c.typesWithStrings("FOO"))),
        "ValidationException", "2 validation errors detected: Value 'NOPE' at 'createRestApiInput.apiKeySource' failed "
            + "to satisfy constraint: Member must satisfy enum value set: [AUTHORIZER, HEADER]; Value '[FOO]' at "
            + "'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: Member must satisfy "
            + "constraint: [Member must satisfy enum value set: [PRIVATE, EDGE, REGIONAL]]");
    fails(() -> client.createRestApi(r -> r.name("x").endpointConfiguration(c -> c.typesWithStrings("EDGE", "REGIONAL"))),
        "BadRequestException", "Cannot create an api with multiple Endpoint Types.");
  }

  @Test
  void putIntegrationAndCreateAuthorizerCheckTheirTypes() {
    var api = client.createRestApi(r -> r.name("typed"));
    client.putMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET").authorizationType("NONE"));
    fails(() -> client.putIntegration(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
            .type("FOO")),
        "ValidationException", "1 validation error detected: Value 'FOO' at 'putIntegrationInput.type' failed to satisfy "
            + "constraint: Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]");
    fails(() -> client.putIntegration(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
            .connectionType("WIRE").contentHandling("ZIP")),
        "ValidationException", "3 validation errors detected: Value null at 'putIntegrationInput.type' failed to "
            + "satisfy constraint: Member must not be null; Value 'WIRE' at 'putIntegrationInput.connectionType' failed "
            + "to satisfy constraint: Member must satisfy enum value set: [INTERNET, VPC_LINK]; Value 'ZIP' at "
            + "'putIntegrationInput.contentHandling' failed to satisfy constraint: Member must satisfy enum value set: "
            + "[CONVERT_TO_BINARY, CONVERT_TO_TEXT]");
    fails(() -> client.createAuthorizer(r -> r.restApiId(api.id()).name("a").type("BASIC")),
        "ValidationException", "1 validation error detected: Value 'BASIC' at 'createAuthorizerInput.type' failed to "
            + "satisfy constraint: Member must satisfy enum value set: [TOKEN, REQUEST, COGNITO_USER_POOLS]");
    // authorizationType is a plain string in AWS's model: AWS checks it itself, with a BadRequestException.
    ApiGatewayException e = catchThrowableOfType(ApiGatewayException.class, () -> client.putMethod(r -> r
        .restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("POST").authorizationType("BASIC")));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadRequestException");
    assertThat(e.awsErrorDetails().errorMessage()).startsWith("Invalid authorization type specified");
  }

  @Test
  void createUsagePlanChecksTheQuotaPeriod() {
    fails(() -> client.createUsagePlan(r -> r.name("plan").quota(q -> q.limit(10).period("YEAR"))),
        "ValidationException", "1 validation error detected: Value 'YEAR' at 'createUsagePlanInput.quota.period' failed "
            + "to satisfy constraint: Member must satisfy enum value set: [DAY, WEEK, MONTH]");
  }
}
