package dev.apigw.node.controlplane.account;

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
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

/** The account-wide operations (Account, client certificates, VPC links) through the real AWS SDK. */
@ExtendWith(CassandraExtension.class)
class AccountOperationsTest {
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

  static PatchOperation op(Op op, String path, String value) {
    return PatchOperation.builder().op(op).path(path).value(value).build();
  }

  static <T extends ApiGatewayException> T failure(Class<T> type, Runnable call, int status, String message) {
    T e = catchThrowableOfType(type, call::run);
    assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(type.getSimpleName());
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    return e;
  }

  @Test
  void accountShowsTheEnforcedLimitsAndKeepsItsRole() {
    var account = client.getAccount(r -> {});
    // The node's configured account throttle (AWS's defaults), usage plans on, API key version 4.
    assertThat(account.throttleSettings().rateLimit()).isEqualTo(10000.0);
    assertThat(account.throttleSettings().burstLimit()).isEqualTo(5000);
    assertThat(account.features()).containsExactly("UsagePlans");
    assertThat(account.apiKeyVersion()).isEqualTo("4");
    assertThat(account.cloudwatchRoleArn()).isNull();

    String role = "arn:aws:iam::000000000000:role/APIGatewayToCloudWatchLogs";
    var updated = client.updateAccount(r -> r.patchOperations(op(Op.REPLACE, "/cloudwatchRoleArn", role)));
    assertThat(updated.cloudwatchRoleArn()).isEqualTo(role);
    assertThat(client.getAccount(r -> {}).cloudwatchRoleArn()).isEqualTo(role);

    failure(BadRequestException.class, () -> client.updateAccount(r -> r.patchOperations(
        op(Op.REPLACE, "/cloudwatchRoleArn", "not-a-role"))), 400, "The role ARN is not well formed: not-a-role");
    failure(BadRequestException.class, () -> client.updateAccount(r -> r.patchOperations(
        op(Op.REPLACE, "/throttleSettings/rateLimit", "1"))), 400,
        "Invalid patch path '/throttleSettings/rateLimit' specified for op 'replace'. "
            + "Must be one of: [replace /cloudwatchRoleArn, add /features, remove /features]");
    client.updateAccount(r -> r.patchOperations(op(Op.REPLACE, "/cloudwatchRoleArn", "")));
    assertThat(client.getAccount(r -> {}).cloudwatchRoleArn()).isNull();
  }
}
