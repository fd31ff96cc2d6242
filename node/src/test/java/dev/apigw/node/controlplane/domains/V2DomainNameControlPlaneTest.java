package dev.apigw.node.controlplane.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.TestNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ApiMapping;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.ConflictException;
import software.amazon.awssdk.services.apigatewayv2.model.DomainName;
import software.amazon.awssdk.services.apigatewayv2.model.DomainNameStatus;
import software.amazon.awssdk.services.apigatewayv2.model.EndpointType;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.apigatewayv2.model.SecurityPolicy;

/**
 * apigatewayv2's domain names and API mappings through the real {@link ApiGatewayV2Client} on a real node and
 * Cassandra: the same domains and mappings as apigateway's, multi-level keys, and the longest key winning at request time.
 */
@ExtendWith(CassandraExtension.class)
class V2DomainNameControlPlaneTest {
  private static final String CERT = "arn:aws:acm:us-east-1:000000000000:certificate/abc";
  private static TestNode node;
  private static ApiGatewayV2Client v2;
  private static ApiGatewayClient v1;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    v2 = node.v2Client();
    v1 = node.client();
  }

  @AfterAll
  static void stop() {
    v2.close();
    v1.close();
    node.close();
  }

  @Test
  void domainNamesAreSharedWithApigatewayAndUpdatable() {
    var created = v2.createDomainName(r -> r.domainName("Shop.V2.Example.com").tags(Map.of("env", "prod"))
        .domainNameConfigurations(c -> c.certificateArn(CERT).certificateName("shop").endpointType(EndpointType.REGIONAL)));
    assertThat(created.domainName()).isEqualTo("shop.v2.example.com");
    assertThat(created.apiMappingSelectionExpression()).isEqualTo("$request.basepath");
    assertThat(created.tags()).containsEntry("env", "prod");
    var config = created.domainNameConfigurations().get(0);
    assertThat(config.endpointType()).isEqualTo(EndpointType.REGIONAL);
    assertThat(config.apiGatewayDomainName()).matches("d-[a-z0-9]{10}\\.execute-api\\.us-east-1\\.amazonaws\\.com");
    assertThat(config.certificateArn()).isEqualTo(CERT);
    assertThat(config.certificateName()).isEqualTo("shop");
    assertThat(config.domainNameStatus()).isEqualTo(DomainNameStatus.AVAILABLE);
    assertThat(config.securityPolicy()).isEqualTo(SecurityPolicy.TLS_1_2);
    assertThat(config.certificateUploadDate()).isNotNull();

    // One model: apigateway sees it, and a domain made through apigateway is seen here.
    assertThat(v1.getDomainName(r -> r.domainName("shop.v2.example.com")).regionalCertificateArn()).isEqualTo(CERT);
    v1.createDomainName(r -> r.domainName("legacy.v2.example.com").certificateArn(CERT));
    var legacy = v2.getDomainName(r -> r.domainName("legacy.v2.example.com"));
    assertThat(legacy.domainNameConfigurations().get(0).endpointType()).isEqualTo(EndpointType.EDGE);
    assertThat(legacy.domainNameConfigurations().get(0).hostedZoneId()).isEqualTo("Z2FDTNDATAQYW2");
    assertThat(v2.getDomainNames(r -> r.maxResults("100")).items()).extracting(DomainName::domainName)
        .contains("shop.v2.example.com", "legacy.v2.example.com");

    var updated = v2.updateDomainName(r -> r.domainName("shop.v2.example.com").domainNameConfigurations(
        c -> c.certificateArn(CERT + "2").securityPolicy(SecurityPolicy.TLS_1_0)));
    assertThat(updated.domainNameConfigurations().get(0).certificateArn()).isEqualTo(CERT + "2");
    assertThat(updated.domainNameConfigurations().get(0).securityPolicy()).isEqualTo(SecurityPolicy.TLS_1_0);
    assertThat(v1.getDomainName(r -> r.domainName("shop.v2.example.com")).regionalCertificateArn()).isEqualTo(CERT + "2");
    assertThatThrownBy(() -> v2.updateDomainName(r -> r.domainName("shop.v2.example.com")
        .domainNameConfigurations(c -> c.endpointType(EndpointType.EDGE))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("endpoint type");
    assertThatThrownBy(() -> v2.createDomainName(r -> r.domainName("nocert.v2.example.com")))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("certificateArn is required");
    assertThatThrownBy(() -> v2.createDomainName(r -> r.domainName("shop.v2.example.com")
        .domainNameConfigurations(c -> c.certificateArn(CERT))))
        .isInstanceOf(ConflictException.class);

    v2.deleteDomainName(r -> r.domainName("legacy.v2.example.com"));
    assertThatThrownBy(() -> v1.getDomainName(r -> r.domainName("legacy.v2.example.com")))
        .isInstanceOf(software.amazon.awssdk.services.apigateway.model.NotFoundException.class);
    assertThatThrownBy(() -> v2.getDomainName(r -> r.domainName("legacy.v2.example.com")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void apiMappingsAreBasePathMappingsAndTheLongestKeyWinsAtRequestTime() {
    String domain = "orders.v2.example.com";
    v2.createDomainName(r -> r.domainName(domain).domainNameConfigurations(c -> c.certificateArn(CERT)));
    String orders = mockApi("orders");
    String ordersV2 = mockApi("orders-v2");
    String http = v2.createApi(r -> r.name("http").protocolType(ProtocolType.HTTP).target("http://127.0.0.1:9/")).apiId();
    String ws = v2.createApi(r -> r.name("ws").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    v2.createStage(r -> r.apiId(ws).stageName("prod"));

    var short_ = v2.createApiMapping(r -> r.domainName(domain).apiId(orders).stage("prod").apiMappingKey("orders"));
    assertThat(short_.apiMappingId()).matches("[a-z0-9]{10}");
    assertThat(short_.apiMappingKey()).isEqualTo("orders");
    var long_ = v2.createApiMapping(r -> r.domainName(domain).apiId(ordersV2).stage("prod").apiMappingKey("orders/v2"));
    var root = v2.createApiMapping(r -> r.domainName(domain).apiId(http).stage("$default"));
    assertThat(root.apiMappingKey()).isEmpty();

    // The same mappings through apigateway: base paths, "(none)" for the empty key.
    assertThat(v1.getBasePathMappings(r -> r.domainName(domain)).items())
        .extracting(m -> m.basePath() + "->" + m.restApiId())
        .containsExactly("orders->" + orders, "orders/v2->" + ordersV2, "(none)->" + http);
    v1.createBasePathMapping(r -> r.domainName(domain).basePath("legacy").restApiId(orders).stage("prod"));
    assertThat(v2.getApiMappings(r -> r.domainName(domain)).items()).extracting(ApiMapping::apiMappingKey)
        .containsExactly("orders", "orders/v2", "", "legacy");
    String legacyId = v2.getApiMappings(r -> r.domainName(domain)).items().get(3).apiMappingId();
    assertThat(v2.getApiMapping(r -> r.domainName(domain).apiMappingId(legacyId)).apiId()).isEqualTo(orders);

    // Longest key first: /orders/v2/... goes to the orders/v2 mapping, /orders/... to the orders one.
    var data = new DataPlaneClient(node.dataPlaneUri());
    var deep = DataPlaneClient.await(() -> data.callHost("GET", domain, "/orders/v2/ping", null, Map.of()),
        r -> r.statusCode() == 200);
    assertThat(deep.body()).as(deep.body()).contains("orders-v2");
    var shallow = data.callHost("GET", domain, "/orders/ping", null, Map.of());
    assertThat(shallow.statusCode()).isEqualTo(200);
    assertThat(shallow.body()).contains("\"orders\"");

    var moved = v2.updateApiMapping(r -> r.domainName(domain).apiMappingId(long_.apiMappingId()).apiId(ordersV2)
        .apiMappingKey("orders/v3"));
    assertThat(moved.apiMappingKey()).isEqualTo("orders/v3");
    assertThat(moved.apiMappingId()).isEqualTo(long_.apiMappingId());
    assertThat(moved.stage()).isEqualTo("prod");
    assertThat(v1.getBasePathMapping(r -> r.domainName(domain).basePath("orders/v3")).restApiId()).isEqualTo(ordersV2);

    assertThatThrownBy(() -> v2.createApiMapping(r -> r.domainName(domain).apiId(orders).stage("prod")
        .apiMappingKey("orders"))).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> v2.createApiMapping(r -> r.domainName(domain).apiId("zzzzzzzzzz").stage("prod")
        .apiMappingKey("nowhere"))).isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid API identifier");
    assertThatThrownBy(() -> v2.createApiMapping(r -> r.domainName(domain).apiId(http).stage("nope")
        .apiMappingKey("http"))).isInstanceOf(NotFoundException.class).hasMessageContaining("Stage");
    assertThatThrownBy(() -> v2.createApiMapping(r -> r.domainName(domain).apiId(ws).stage("prod")
        .apiMappingKey("chat/v1"))).isInstanceOf(BadRequestException.class).hasMessageContaining("WebSocket");
    assertThatThrownBy(() -> v2.createApiMapping(r -> r.domainName(domain).apiId(ws).apiMappingKey("chat")))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("stage is required");
    assertThatThrownBy(() -> v2.createApiMapping(r -> r.domainName(domain).apiId(http).stage("$default")
        .apiMappingKey("bad key!"))).isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> v2.getApiMapping(r -> r.domainName(domain).apiMappingId("zzzzzzzzzz")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> v2.getApiMappings(r -> r.domainName("missing.v2.example.com")))
        .isInstanceOf(NotFoundException.class);
    v2.createApiMapping(r -> r.domainName(domain).apiId(ws).stage("prod").apiMappingKey("chat"));

    v2.deleteApiMapping(r -> r.domainName(domain).apiMappingId(short_.apiMappingId()));
    assertThatThrownBy(() -> v2.deleteApiMapping(r -> r.domainName(domain).apiMappingId(short_.apiMappingId())))
        .isInstanceOf(NotFoundException.class);
    assertThat(v1.getBasePathMappings(r -> r.domainName(domain)).items()).extracting(m -> m.basePath())
        .containsExactly("orders/v3", "(none)", "legacy", "chat");
  }

  /** A REST API whose stage prod answers GET /ping with {"api": name}. */
  private static String mockApi(String name) {
    var api = v1.createRestApi(r -> r.name(name));
    String resource = v1.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("ping")).id();
    v1.putMethod(r -> r.restApiId(api.id()).resourceId(resource).httpMethod("GET").authorizationType("NONE"));
    v1.putMethodResponse(r -> r.restApiId(api.id()).resourceId(resource).httpMethod("GET").statusCode("200"));
    v1.putIntegration(r -> r.restApiId(api.id()).resourceId(resource).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    v1.putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(resource).httpMethod("GET").statusCode("200")
        .responseTemplates(Map.of("application/json", "{\"api\": \"" + name + "\"}")));
    v1.createDeployment(r -> r.restApiId(api.id()).stageName("prod"));
    return api.id();
  }
}
