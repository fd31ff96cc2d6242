package dev.apigw.node.controlplane.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.RawHttp;
import dev.apigw.node.testing.TestNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.BasePathMapping;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.DomainName;
import software.amazon.awssdk.services.apigateway.model.DomainNameStatus;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.GetDomainNameResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.apigateway.model.SecurityPolicy;

/** Domain names and base path mappings through the real AWS SDK against a real node on real Cassandra. */
@ExtendWith(CassandraExtension.class)
class DomainNameControlPlaneTest {
  private static final String CERT = "arn:aws:acm:us-east-1:000000000000:certificate/abc";
  private static TestNode node;
  private static ApiGatewayClient client;
  private static String apiId;
  private static String otherApiId;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    client = node.client();
    apiId = client.createRestApi(r -> r.name("mapped")).id();
    otherApiId = client.createRestApi(r -> r.name("mapped-too")).id();
  }

  @AfterAll
  static void stop() {
    client.close();
    node.close();
  }

  private static PatchOperation replace(String path, String value) {
    return PatchOperation.builder().op(Op.REPLACE).path(path).value(value).build();
  }

  private static GetDomainNameResponse regional(String name) {
    var created =
        client.createDomainName(
            r -> r.domainName(name).regionalCertificateArn(CERT).endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));
    return client.getDomainName(r -> r.domainName(created.domainName()));
  }

  @Test
  void createsRegionalAndEdgeDomains() {
    var created =
        client.createDomainName(
            r -> r.domainName("API.Regional.Example.com").regionalCertificateArn(CERT).regionalCertificateName("regional")
                .endpointConfiguration(e -> e.types(EndpointType.REGIONAL)).securityPolicy(SecurityPolicy.TLS_1_2)
                .tags(Map.of("env", "prod")));
    assertThat(created.domainName()).isEqualTo("api.regional.example.com");
    assertThat(created.regionalDomainName()).matches("d-[a-z0-9]{10}\\.execute-api\\.us-east-1\\.amazonaws\\.com");
    assertThat(created.regionalCertificateArn()).isEqualTo(CERT);
    assertThat(created.endpointConfiguration().types()).containsExactly(EndpointType.REGIONAL);
    assertThat(created.domainNameStatus()).isEqualTo(DomainNameStatus.AVAILABLE);
    assertThat(created.securityPolicy()).isEqualTo(SecurityPolicy.TLS_1_2);
    assertThat(created.tags()).containsEntry("env", "prod");

    var edge = client.createDomainName(r -> r.domainName("edge.example.com").certificateArn(CERT).certificateName("edge"));
    assertThat(edge.distributionDomainName()).matches("d[a-z0-9]{13}\\.cloudfront\\.net");
    assertThat(edge.distributionHostedZoneId()).isEqualTo("Z2FDTNDATAQYW2");
    assertThat(edge.endpointConfiguration().types()).containsExactly(EndpointType.EDGE);
    assertThat(edge.certificateUploadDate()).isNotNull();

    assertThat(client.getDomainName(r -> r.domainName("api.regional.example.com")).regionalDomainName())
        .isEqualTo(created.regionalDomainName());
    assertThatThrownBy(() -> client.createDomainName(r -> r.domainName("edge.example.com").certificateArn(CERT)))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void listsDeletesAndRecreates() {
    List<String> names = List.of("l1.example.com", "l2.example.com", "l3.example.com");
    names.forEach(DomainNameControlPlaneTest::regional);
    List<String> seen = new ArrayList<>();
    String position = null;
    int pages = 0;
    do {
      String from = position;
      var page = client.getDomainNames(r -> r.limit(2).position(from));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      page.items().forEach(d -> seen.add(d.domainName()));
      position = page.position();
      pages++;
    } while (position != null && pages < 1000);
    assertThat(seen).containsSubsequence(names).doesNotHaveDuplicates();

    client.deleteDomainName(r -> r.domainName("l2.example.com"));
    assertThatThrownBy(() -> client.getDomainName(r -> r.domainName("l2.example.com")))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid domain name identifier specified");
    assertThatThrownBy(() -> client.deleteDomainName(r -> r.domainName("l2.example.com"))).isInstanceOf(NotFoundException.class);
    assertThat(client.getDomainNamesPaginator(r -> r.limit(500)).items().stream().map(DomainName::domainName))
        .doesNotContain("l2.example.com");
    // A deleted domain name may be created again, as in AWS.
    assertThat(regional("l2.example.com").domainName()).isEqualTo("l2.example.com");
  }

  @Test
  void updatesWithPatchOperations() {
    regional("patched.example.com");
    var updated =
        client.updateDomainName(
            r -> r.domainName("patched.example.com")
                .patchOperations(replace("/securityPolicy", "TLS_1_0"), replace("/regionalCertificateName", "renamed")));
    assertThat(updated.securityPolicy()).isEqualTo(SecurityPolicy.TLS_1_0);
    assertThat(updated.regionalCertificateName()).isEqualTo("renamed");
    assertThatThrownBy(() -> client.updateDomainName(r -> r.domainName("patched.example.com").patchOperations(replace("/securityPolicy", "TLS_9"))))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> client.updateDomainName(r -> r.domainName("patched.example.com").patchOperations(replace("/domainName", "x.com"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid patch path '/domainName'");
    // Mutual TLS: a truststore file on the nodes, set, versioned and read back; S3 is out of reach here.
    var mtls = client.updateDomainName(r -> r.domainName("patched.example.com").patchOperations(
        replace("/mutualTlsAuthentication/truststoreUri", "file:///etc/apigw/clients.pem"),
        replace("/mutualTlsAuthentication/truststoreVersion", "v2")));
    assertThat(mtls.mutualTlsAuthentication().truststoreUri()).isEqualTo("file:///etc/apigw/clients.pem");
    assertThat(client.getDomainName(r -> r.domainName("patched.example.com")).mutualTlsAuthentication().truststoreVersion())
        .isEqualTo("v2");
    assertThatThrownBy(() -> client.updateDomainName(r -> r.domainName("patched.example.com").patchOperations(
        replace("/mutualTlsAuthentication/truststoreUri", "s3://bucket/clients.pem"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("truststoreUri");
  }

  @Test
  void managesBasePathMappings() {
    String domain = regional("mapped.example.com").domainName();
    var root = client.createBasePathMapping(r -> r.domainName(domain).restApiId(apiId).stage("prod"));
    assertThat(root.basePath()).isEqualTo("(none)");
    assertThat(root.restApiId()).isEqualTo(apiId);
    assertThat(root.stage()).isEqualTo("prod");
    client.createBasePathMapping(r -> r.domainName(domain).basePath("v2").restApiId(otherApiId));
    client.createBasePathMapping(r -> r.domainName(domain).basePath("v3").restApiId(otherApiId).stage("beta"));

    assertThatThrownBy(() -> client.createBasePathMapping(r -> r.domainName(domain).basePath("v2").restApiId(apiId)))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> client.createBasePathMapping(r -> r.domainName(domain).basePath("v9").restApiId("zzzzzzzzzz")))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid API identifier specified");
    assertThatThrownBy(() -> client.createBasePathMapping(r -> r.domainName("nowhere.example.com").restApiId(apiId)))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid domain name identifier specified");

    assertThat(client.getBasePathMapping(r -> r.domainName(domain).basePath("(none)")).stage()).isEqualTo("prod");
    assertThat(client.getBasePathMapping(r -> r.domainName(domain).basePath("v2")).restApiId()).isEqualTo(otherApiId);
    var page1 = client.getBasePathMappings(r -> r.domainName(domain).limit(2));
    assertThat(page1.items()).extracting(BasePathMapping::basePath).containsExactly("(none)", "v2");
    var page2 = client.getBasePathMappings(r -> r.domainName(domain).limit(2).position(page1.position()));
    assertThat(page2.items()).extracting(BasePathMapping::basePath).containsExactly("v3");
    assertThat(page2.position()).isNull();

    var moved =
        client.updateBasePathMapping(
            r -> r.domainName(domain).basePath("v2")
                .patchOperations(replace("/basePath", "v4"), replace("/restapiId", apiId), replace("/stage", "staging")));
    assertThat(moved.basePath()).isEqualTo("v4");
    assertThat(moved.restApiId()).isEqualTo(apiId);
    assertThat(moved.stage()).isEqualTo("staging");
    assertThatThrownBy(() -> client.getBasePathMapping(r -> r.domainName(domain).basePath("v2")))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid base path mapping identifier specified");
    assertThatThrownBy(() -> client.updateBasePathMapping(r -> r.domainName(domain).basePath("v4").patchOperations(replace("/basePath", "v3"))))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> client.updateBasePathMapping(r -> r.domainName(domain).basePath("v4").patchOperations(replace("/restapiId", "zzzzzzzzzz"))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client.updateBasePathMapping(r -> r.domainName(domain).basePath("v4").patchOperations(replace("/basePath", "bad path!"))))
        .isInstanceOf(BadRequestException.class);

    client.deleteBasePathMapping(r -> r.domainName(domain).basePath("(none)"));
    assertThatThrownBy(() -> client.deleteBasePathMapping(r -> r.domainName(domain).basePath("(none)")))
        .isInstanceOf(NotFoundException.class);
    assertThat(client.getBasePathMappings(r -> r.domainName(domain)).items()).extracting(BasePathMapping::basePath)
        .containsExactly("v4", "v3");
  }

  @Test
  void privateDomainNamesTakeAccessAssociations() {
    var created = client.createDomainName(r -> r.domainName("private.example.com").certificateArn(CERT)
        .endpointConfiguration(e -> e.types(EndpointType.PRIVATE)).policy("{\"Version\":\"2012-10-17\"}"));
    assertThat(created.domainNameId()).matches("[a-z0-9]{10}");
    String domainArn = "arn:aws:apigateway:us-east-1:000000000000:/domainnames/private.example.com+"
        + created.domainNameId();
    assertThat(created.domainNameArn()).isEqualTo(domainArn);
    assertThat(created.policy()).isEqualTo("{\"Version\":\"2012-10-17\"}");
    var updated = client.updateDomainName(r -> r.domainName("private.example.com")
        .patchOperations(replace("/policy", "{\"Version\":\"2012-10-17\",\"Statement\":[]}")));
    assertThat(updated.policy()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[]}");

    var association = client.createDomainNameAccessAssociation(r -> r.domainNameArn(domainArn)
        .accessAssociationSourceType("VPCE").accessAssociationSource("vpce-0123456789abcdef0").tags(Map.of("k", "v")));
    String arn = "arn:aws:apigateway:us-east-1:000000000000:/domainnameaccessassociations/domainname/private.example.com+"
        + created.domainNameId() + "/vpcesource/vpce-0123456789abcdef0";
    assertThat(association.domainNameAccessAssociationArn()).isEqualTo(arn);
    assertThat(association.domainNameArn()).isEqualTo(domainArn);
    assertThat(association.accessAssociationSourceTypeAsString()).isEqualTo("VPCE");
    assertThat(association.tags()).containsEntry("k", "v");
    assertThat(client.getDomainNameAccessAssociations(r -> r.resourceOwner("SELF")).items())
        .extracting(a -> a.domainNameAccessAssociationArn()).containsExactly(arn);
    assertThat(client.getDomainNameAccessAssociations(r -> {}).items()).hasSize(1);
    assertThat(client.getDomainNameAccessAssociations(r -> r.resourceOwner("OTHER_ACCOUNTS")).items()).isEmpty();

    assertThatThrownBy(() -> client.createDomainNameAccessAssociation(r -> r.domainNameArn(domainArn)
        .accessAssociationSourceType("VPCE").accessAssociationSource("vpce-0123456789abcdef0")))
        .isInstanceOf(ConflictException.class);
    String publicArn = "arn:aws:apigateway:us-east-1::/domainnames/" + regional("public.example.com").domainName();
    assertThatThrownBy(() -> client.createDomainNameAccessAssociation(r -> r.domainNameArn(publicArn)
        .accessAssociationSourceType("VPCE").accessAssociationSource("vpce-1")))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("only be created for private custom domain names");
    assertThatThrownBy(() -> client.createDomainNameAccessAssociation(r -> r.domainNameArn(domainArn + "x")
        .accessAssociationSourceType("VPCE").accessAssociationSource("vpce-1")))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid domain name identifier specified");
    var invalid = org.assertj.core.api.Assertions.catchThrowableOfType(
        software.amazon.awssdk.services.apigateway.model.ApiGatewayException.class,
        () -> client.createDomainNameAccessAssociation(r -> r.domainNameArn(domainArn)
            .accessAssociationSourceType("VPC").accessAssociationSource("vpce-1")));
    assertThat(invalid.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(invalid.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value 'VPC' at "
        + "'createDomainNameAccessAssociationInput.accessAssociationSourceType' failed to satisfy constraint: Member "
        + "must satisfy enum value set: [VPCE]");

    client.rejectDomainNameAccessAssociation(r -> r.domainNameAccessAssociationArn(arn).domainNameArn(domainArn));
    assertThat(client.getDomainNameAccessAssociations(r -> {}).items()).isEmpty();
    assertThatThrownBy(() -> client.deleteDomainNameAccessAssociation(r -> r.domainNameAccessAssociationArn(arn)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Invalid domain name access association identifier specified");
    client.createDomainNameAccessAssociation(r -> r.domainNameArn(domainArn)
        .accessAssociationSourceType("VPCE").accessAssociationSource("vpce-0123456789abcdef0"));
    client.deleteDomainNameAccessAssociation(r -> r.domainNameAccessAssociationArn(arn));
    assertThat(client.getDomainNameAccessAssociations(r -> {}).items()).isEmpty();
  }

  @Test
  void badBodiesGetBadRequest() {
    URI domains = node.managementUri().resolve("/domainnames");
    assertError(RawHttp.signed("POST", domains, "{\"domainName\":"), 400, "Could not parse request body into json");
    assertError(RawHttp.signed("POST", domains, "{}"), 400, "ValidationException", "1 validation error detected: Value "
        + "null at 'createDomainNameInput.domainName' failed to satisfy constraint: Member must not be null");
    assertError(RawHttp.signed("POST", domains, "{\"domainName\":\"not a host\",\"certificateArn\":\"a\"}"), 400, "Invalid domain name");
    assertError(RawHttp.signed("POST", domains, "{\"domainName\":\"nocert.example.com\"}"), 400, "certificateArn is required");
    assertError(RawHttp.signed("POST", domains,
        "{\"domainName\":\"x.example.com\",\"endpointConfiguration\":{\"types\":[\"REGIONAL\"]}}"), 400, "regionalCertificateArn is required");
    assertError(RawHttp.signed("POST", domains,
        "{\"domainName\":\"x.example.com\",\"certificateArn\":\"a\",\"securityPolicy\":\"SSL3\"}"), 400,
        "ValidationException", "Value 'SSL3' at 'createDomainNameInput.securityPolicy' failed to satisfy constraint: "
            + "Member must satisfy enum value set: [TLS_1_0, TLS_1_2]");
    assertError(RawHttp.signed("POST", domains,
        "{\"domainName\":\"x.example.com\",\"certificateArn\":\"a\",\"endpointConfiguration\":{\"types\":[\"FOO\"]}}"), 400,
        "ValidationException", "Value '[FOO]' at 'createDomainNameInput.endpointConfiguration.types'");
    // Key material never comes through the API (it would land in the journal): files on the nodes instead.
    assertError(RawHttp.signed("POST", domains, "{\"domainName\":\"x.example.com\",\"certificateArn\":\"a\","
        + "\"certificatePrivateKey\":\"-----BEGIN PRIVATE KEY-----\"}"), 400, "certificatePrivateKey is not supported");
    assertError(RawHttp.signed("POST", domains, "{\"domainName\":\"x.example.com\",\"certificateArn\":\"a\","
        + "\"mutualTlsAuthentication\":{\"truststoreUri\":\"s3://b/k\"}}"), 400, "Invalid truststoreUri");
    assertError(RawHttp.signed("POST", domains, "{\"domainName\":\"x.example.com\","
        + "\"certificateArn\":\"-----BEGIN CERTIFICATE-----\\nMIIB\"}"), 400, "give the chain's absolute path");
    String domain = regional("raw.example.com").domainName();
    URI mappings = node.managementUri().resolve("/domainnames/" + domain + "/basepathmappings");
    assertError(RawHttp.signed("POST", mappings, "{}"), 400, "restApiId is required");
    assertError(RawHttp.signed("POST", mappings, "{\"restApiId\":\"" + apiId + "\",\"basePath\":\"a b\"}"), 400, "Invalid base path");
  }

  private static void assertError(HttpResponse<String> response, int status, String messagePart) {
    assertError(response, status, "BadRequestException", messagePart);
  }

  private static void assertError(HttpResponse<String> response, int status, String type, String messagePart) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
    assertThat(response.body()).startsWith("{\"message\":").contains(messagePart);
  }
}
