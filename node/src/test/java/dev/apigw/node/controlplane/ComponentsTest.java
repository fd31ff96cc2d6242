package dev.apigw.node.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.TestNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiKeySourceType;
import software.amazon.awssdk.services.apigateway.model.AuthorizerType;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.GatewayResponseType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

/** Models, request validators, authorizers, gateway responses and UpdateRestApi through the real AWS SDK. */
@ExtendWith(CassandraExtension.class)
class ComponentsTest {
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

  @Test
  void modelsValidatorsAndAuthorizersAreReferencedByMethods() {
    var api = client.createRestApi(r -> r.name("components"));
    String schema = "{\"type\":\"object\",\"required\":[\"name\"]}";
    var model = client.createModel(r -> r.restApiId(api.id()).name("Pet").contentType("application/json").schema(schema));
    assertThat(model.schema()).isEqualTo(schema);
    assertThatThrownBy(() -> client.createModel(r -> r.restApiId(api.id()).name("Pet").contentType("application/json")))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> client.createModel(r -> r.restApiId(api.id()).name("Bad").contentType("application/json")
        .schema("{not json"))).isInstanceOf(BadRequestException.class);

    var validator = client.createRequestValidator(r -> r.restApiId(api.id()).name("body-only").validateRequestBody(true));
    assertThat(validator.validateRequestBody()).isTrue();
    var authorizer = client.createAuthorizer(r -> r.restApiId(api.id()).name("tokens").type(AuthorizerType.TOKEN)
        .authorizerUri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations")
        .identitySource("method.request.header.Authorization"));
    assertThat(authorizer.authorizerResultTtlInSeconds()).isEqualTo(300);
    assertThatThrownBy(() -> client.createAuthorizer(r -> r.restApiId(api.id()).name("broken").type(AuthorizerType.TOKEN)))
        .isInstanceOf(BadRequestException.class);
    // A cached REQUEST authorizer needs an identity to key its results by; uncached it may have none.
    String uri = authorizer.authorizerUri();
    assertThatThrownBy(() -> client.createAuthorizer(r -> r.restApiId(api.id()).name("shared").type(AuthorizerType.REQUEST)
        .authorizerUri(uri)))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("caching");
    var uncached = client.createAuthorizer(r -> r.restApiId(api.id()).name("uncached").type(AuthorizerType.REQUEST)
        .authorizerUri(uri).authorizerResultTtlInSeconds(0));
    assertThat(uncached.authorizerResultTtlInSeconds()).isZero();
    client.deleteAuthorizer(r -> r.restApiId(api.id()).authorizerId(uncached.id()));

    client.putMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("POST")
        .authorizationType("CUSTOM").authorizerId(authorizer.id()).requestValidatorId(validator.id())
        .requestModels(Map.of("application/json", "Pet")));
    assertThatThrownBy(() -> client.putMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("PUT")
        .authorizationType("NONE").requestModels(Map.of("application/json", "Missing"))))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> client.deleteModel(r -> r.restApiId(api.id()).modelName("Pet")))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> client.deleteAuthorizer(r -> r.restApiId(api.id()).authorizerId(authorizer.id())))
        .isInstanceOf(ConflictException.class);

    var patched = client.updateModel(r -> r.restApiId(api.id()).modelName("Pet").patchOperations(
        PatchOperation.builder().op(Op.REPLACE).path("/description").value("a pet").build()));
    assertThat(patched.description()).isEqualTo("a pet");
    var renamed = client.updateRequestValidator(r -> r.restApiId(api.id()).requestValidatorId(validator.id())
        .patchOperations(PatchOperation.builder().op(Op.REPLACE).path("/name").value("strict").build()));
    assertThat(renamed.name()).isEqualTo("strict");
    assertThat(client.getAuthorizers(r -> r.restApiId(api.id())).items()).hasSize(1);
    // Pet and AWS's two default models of every new API.
    assertThat(client.getModels(r -> r.restApiId(api.id())).items()).extracting(m -> m.name())
        .containsExactlyInAnyOrder("Pet", "Empty", "Error");
    var empty = client.getModel(r -> r.restApiId(api.id()).modelName("Empty"));
    assertThat(empty.description()).isEqualTo("This is a default empty schema model");
    assertThat(empty.contentType()).isEqualTo("application/json");
    assertThat(empty.schema()).contains("\"title\" : \"Empty Schema\"");

    client.deleteMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("POST"));
    client.deleteModel(r -> r.restApiId(api.id()).modelName("Pet"));
    client.deleteAuthorizer(r -> r.restApiId(api.id()).authorizerId(authorizer.id()));
    client.deleteRequestValidator(r -> r.restApiId(api.id()).requestValidatorId(validator.id()));
    assertThatThrownBy(() -> client.getModel(r -> r.restApiId(api.id()).modelName("Pet"))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void gatewayResponsesHaveDefaultsAndCanBeCustomised() {
    var api = client.createRestApi(r -> r.name("responses"));
    var defaults = client.getGatewayResponses(r -> r.restApiId(api.id())).items();
    assertThat(defaults).hasSizeGreaterThanOrEqualTo(20).allMatch(g -> g.defaultResponse());
    var throttled = client.getGatewayResponse(r -> r.restApiId(api.id()).responseType(GatewayResponseType.THROTTLED));
    assertThat(throttled.statusCode()).isEqualTo("429");

    client.putGatewayResponse(r -> r.restApiId(api.id()).responseType(GatewayResponseType.DEFAULT_4_XX).statusCode("400")
        .responseParameters(Map.of("gatewayresponse.header.Access-Control-Allow-Origin", "'*'")));
    var custom = client.getGatewayResponse(r -> r.restApiId(api.id()).responseType(GatewayResponseType.DEFAULT_4_XX));
    assertThat(custom.defaultResponse()).isFalse();
    assertThat(custom.responseParameters()).containsKey("gatewayresponse.header.Access-Control-Allow-Origin");
    client.deleteGatewayResponse(r -> r.restApiId(api.id()).responseType(GatewayResponseType.DEFAULT_4_XX));
    assertThat(client.getGatewayResponse(r -> r.restApiId(api.id()).responseType(GatewayResponseType.DEFAULT_4_XX))
        .defaultResponse()).isTrue();
  }

  @Test
  void updateRestApiPatchesSettings() {
    var api = client.createRestApi(r -> r.name("before"));
    var updated = client.updateRestApi(r -> r.restApiId(api.id()).patchOperations(
        PatchOperation.builder().op(Op.REPLACE).path("/name").value("after").build(),
        PatchOperation.builder().op(Op.REPLACE).path("/apiKeySource").value("AUTHORIZER").build(),
        PatchOperation.builder().op(Op.ADD).path("/binaryMediaTypes/image~1png").build()));
    assertThat(updated.name()).isEqualTo("after");
    assertThat(updated.apiKeySource()).isEqualTo(ApiKeySourceType.AUTHORIZER);
    assertThat(updated.binaryMediaTypes()).containsExactly("image/png");
    assertThat(client.getRestApi(r -> r.restApiId(api.id())).name()).isEqualTo("after");
    assertThatThrownBy(() -> client.updateRestApi(r -> r.restApiId(api.id()).patchOperations(
        PatchOperation.builder().op(Op.REPLACE).path("/apiKeySource").value("NOWHERE").build())))
        .isInstanceOf(BadRequestException.class);
  }
}
