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

  @Test
  void clientCertificatesAreRealSelfSignedCertificates() throws Exception {
    var generated = client.generateClientCertificate(r -> r.description("backend mTLS").tags(java.util.Map.of("a", "b")));
    assertThat(generated.clientCertificateId()).isNotBlank();
    var x509 = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(
            generated.pemEncodedCertificate().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    x509.verify(x509.getPublicKey()); // self-signed
    assertThat(x509.getPublicKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(x509.getNotAfter().toInstant()).isEqualTo(generated.expirationDate());
    assertThat(java.time.Duration.between(generated.createdDate(), generated.expirationDate()).toDays()).isEqualTo(365);
    assertThat(generated.pemEncodedCertificate()).doesNotContain("PRIVATE KEY");

    var updated = client.updateClientCertificate(r -> r.clientCertificateId(generated.clientCertificateId())
        .patchOperations(op(Op.REPLACE, "/description", "renamed")));
    assertThat(updated.description()).isEqualTo("renamed");
    assertThat(client.getClientCertificates(r -> {}).items()).extracting(c -> c.clientCertificateId())
        .contains(generated.clientCertificateId());
    assertThat(client.getTags(r -> r.resourceArn("arn:aws:apigateway:us-east-1::/clientcertificates/"
        + generated.clientCertificateId())).tags()).containsEntry("a", "b");
    var api = client.createRestApi(r -> r.name("mtls"));
    client.putMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET").authorizationType("NONE"));
    client.putIntegration(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
        .type(software.amazon.awssdk.services.apigateway.model.IntegrationType.MOCK));
    client.createDeployment(r -> r.restApiId(api.id()).stageName("prod"));
    var stage = client.updateStage(r -> r.restApiId(api.id()).stageName("prod")
        .patchOperations(op(Op.REPLACE, "/clientCertificateId", generated.clientCertificateId())));
    assertThat(stage.clientCertificateId()).isEqualTo(generated.clientCertificateId());
    failure(software.amazon.awssdk.services.apigateway.model.NotFoundException.class, () -> client.updateStage(r -> r
        .restApiId(api.id()).stageName("prod").patchOperations(op(Op.REPLACE, "/clientCertificateId", "nosuchcert"))),
        404, "Invalid client certificate identifier specified");
    client.deleteClientCertificate(r -> r.clientCertificateId(generated.clientCertificateId()));
    failure(software.amazon.awssdk.services.apigateway.model.NotFoundException.class,
        () -> client.getClientCertificate(r -> r.clientCertificateId(generated.clientCertificateId())), 404,
        "Invalid client certificate identifier specified");
  }

  @Test
  void vpcLinksGoFromPendingToAvailable() throws Exception {
    String nlb = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/my-nlb/1234567890abcdef";
    var created = client.createVpcLink(r -> r.name("private").targetArns(nlb));
    assertThat(created.statusAsString()).isEqualTo("PENDING");
    assertThat(created.targetArns()).containsExactly(nlb);
    String status = created.statusAsString();
    for (int i = 0; i < 100 && !status.equals("AVAILABLE"); i++) {
      Thread.sleep(100);
      status = client.getVpcLink(r -> r.vpcLinkId(created.id())).statusAsString();
    }
    assertThat(status).isEqualTo("AVAILABLE");
    var renamed = client.updateVpcLink(r -> r.vpcLinkId(created.id()).patchOperations(op(Op.REPLACE, "/name", "renamed")));
    assertThat(renamed.name()).isEqualTo("renamed");
    assertThat(client.getVpcLinks(r -> {}).items()).extracting(l -> l.id()).contains(created.id());
    failure(BadRequestException.class, () -> client.createVpcLink(r -> r.name("bad").targetArns("arn:nope")), 400,
        "Invalid target ARN specified: arn:nope (expected: a network load balancer, "
            + "arn:aws:elasticloadbalancing:{region}:{account}:loadbalancer/net/...)");
    client.deleteVpcLink(r -> r.vpcLinkId(created.id()));
    failure(software.amazon.awssdk.services.apigateway.model.NotFoundException.class,
        () -> client.getVpcLink(r -> r.vpcLinkId(created.id())), 404, "Invalid VPC link identifier specified");
  }

  @Test
  void importApiKeysFromCsv() {
    var plan = client.createUsagePlan(r -> r.name("imported"));
    String csv = "Name,key,description,Enabled,usageplanIds\n"
        + "partner,importedkey0123456789abcd,from a file,TRUE," + plan.id() + "\n"
        + "short,tooshort,,TRUE,\n";
    var imported = client.importApiKeys(r -> r.format(software.amazon.awssdk.services.apigateway.model.ApiKeysFormat.CSV)
        .body(software.amazon.awssdk.core.SdkBytes.fromUtf8String(csv)));
    assertThat(imported.ids()).hasSize(1);
    assertThat(imported.warnings()).containsExactly(
        "Line 3: API Key value should be at least 20 and at most 128 characters long: got 8");
    var key = client.getApiKey(r -> r.apiKey(imported.ids().get(0)).includeValue(true));
    assertThat(key.name()).isEqualTo("partner");
    assertThat(key.value()).isEqualTo("importedkey0123456789abcd");
    assertThat(key.description()).isEqualTo("from a file");
    assertThat(client.getUsagePlanKeys(r -> r.usagePlanId(plan.id())).items()).extracting(k -> k.id())
        .containsExactly(key.id());
    failure(BadRequestException.class, () -> client.importApiKeys(r -> r.failOnWarnings(true)
        .format(software.amazon.awssdk.services.apigateway.model.ApiKeysFormat.CSV)
        .body(software.amazon.awssdk.core.SdkBytes.fromUtf8String(csv))), 400,
        "The API key file has errors: Line 3: API Key value should be at least 20 and at most 128 characters long: got 8");
  }
}
