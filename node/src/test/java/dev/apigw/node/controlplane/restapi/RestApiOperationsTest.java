package dev.apigw.node.controlplane.restapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.TestNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.GatewayResponseType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

/** REST API operations of issue 16 (UpdateResource, UpdateGatewayResponse, ...) through the real AWS SDK. */
@ExtendWith(CassandraExtension.class)
class RestApiOperationsTest {
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

  static <T extends ApiGatewayException> T failure(Class<T> type, Runnable call, int status, String errorType,
      String message) {
    T e = catchThrowableOfType(type, call::run);
    assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorType);
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    return e;
  }

  @Test
  void updateResourceRenamesAndMovesWithItsSubtree() {
    var api = client.createRestApi(r -> r.name("moves"));
    String root = api.rootResourceId();
    var pets = client.createResource(r -> r.restApiId(api.id()).parentId(root).pathPart("pets"));
    var id = client.createResource(r -> r.restApiId(api.id()).parentId(pets.id()).pathPart("{id}"));
    var toys = client.createResource(r -> r.restApiId(api.id()).parentId(id.id()).pathPart("toys"));
    var shop = client.createResource(r -> r.restApiId(api.id()).parentId(root).pathPart("shop"));

    var renamed = client.updateResource(r -> r.restApiId(api.id()).resourceId(pets.id())
        .patchOperations(op(Op.REPLACE, "/pathPart", "animals")));
    assertThat(renamed.path()).isEqualTo("/animals");
    assertThat(renamed.pathPart()).isEqualTo("animals");
    assertThat(client.getResource(r -> r.restApiId(api.id()).resourceId(toys.id())).path()).isEqualTo("/animals/{id}/toys");

    var moved = client.updateResource(r -> r.restApiId(api.id()).resourceId(pets.id())
        .patchOperations(op(Op.REPLACE, "/parentId", shop.id())));
    assertThat(moved.parentId()).isEqualTo(shop.id());
    assertThat(moved.path()).isEqualTo("/shop/animals");
    assertThat(client.getResource(r -> r.restApiId(api.id()).resourceId(toys.id())).path())
        .isEqualTo("/shop/animals/{id}/toys");

    failure(BadRequestException.class, () -> client.updateResource(r -> r.restApiId(api.id()).resourceId(pets.id())
        .patchOperations(op(Op.REPLACE, "/parentId", toys.id()))), 400, "BadRequestException",
        "Resources cannot be cyclical.");
    failure(NotFoundException.class, () -> client.updateResource(r -> r.restApiId(api.id()).resourceId(pets.id())
        .patchOperations(op(Op.REPLACE, "/parentId", "zzzzzzzzzz"))), 404, "NotFoundException",
        "Invalid Resource identifier specified");
    client.createResource(r -> r.restApiId(api.id()).parentId(shop.id()).pathPart("taken"));
    failure(ConflictException.class, () -> client.updateResource(r -> r.restApiId(api.id()).resourceId(pets.id())
        .patchOperations(op(Op.REPLACE, "/pathPart", "taken"))), 409, "ConflictException",
        "Another resource with the same parent already has this name: taken");
    failure(BadRequestException.class, () -> client.updateResource(r -> r.restApiId(api.id()).resourceId(pets.id())
        .patchOperations(op(Op.REPLACE, "/path", "x"))), 400, "BadRequestException",
        "Invalid patch path  '/path' specified for op 'replace'. Must be one of: [/parentId, /pathPart]");
    failure(BadRequestException.class, () -> client.updateResource(r -> r.restApiId(api.id()).resourceId(pets.id())
        .patchOperations(op(Op.ADD, "/pathPart", "x"))), 400, "BadRequestException",
        "Invalid patch path  '/pathPart' specified for op 'add'. Please choose supported operations");
  }

  @Test
  void updateGatewayResponseStartsFromTheDefault() {
    var api = client.createRestApi(r -> r.name("responses"));
    var updated = client.updateGatewayResponse(r -> r.restApiId(api.id()).responseType(GatewayResponseType.THROTTLED)
        .patchOperations(op(Op.REPLACE, "/statusCode", "503"),
            op(Op.ADD, "/responseParameters/gatewayresponse.header.Retry-After", "'1'")));
    assertThat(updated.statusCode()).isEqualTo("503");
    assertThat(updated.defaultResponse()).isFalse();
    assertThat(updated.responseParameters()).containsExactly(Map.entry("gatewayresponse.header.Retry-After", "'1'"));
    assertThat(updated.responseTemplates()).containsKey("application/json");

    var removed = client.updateGatewayResponse(r -> r.restApiId(api.id()).responseType(GatewayResponseType.THROTTLED)
        .patchOperations(op(Op.REMOVE, "/responseTemplates/application~1json", null)));
    assertThat(removed.responseTemplates()).isEmpty();
    assertThat(client.getGatewayResponse(r -> r.restApiId(api.id()).responseType(GatewayResponseType.THROTTLED))
        .statusCode()).isEqualTo("503");
    failure(BadRequestException.class, () -> client.updateGatewayResponse(r -> r.restApiId(api.id())
        .responseType(GatewayResponseType.THROTTLED).patchOperations(op(Op.REPLACE, "/name", "x"))), 400,
        "BadRequestException", "Invalid patch path '/name' specified for op 'replace'. Must be one of: "
            + "[/statusCode, /responseParameters/{name}, /responseTemplates/{contentType}]");
  }
}
