package dev.apigw.node.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.RawHttp;
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
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.apigateway.model.Resource;

/** Resources, methods, integrations, deployments and stages through the real AWS SDK on a real node. */
@ExtendWith(CassandraExtension.class)
class DeploymentsAndStagesTest {
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

  /** An API with /pets (GET, MOCK) and /pets/{petId} (GET, HTTP); returns its id. */
  static String petStore(ApiGatewayClient client) {
    var api = client.createRestApi(r -> r.name("petstore"));
    String pets = client.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("pets")).id();
    String petId = client.createResource(r -> r.restApiId(api.id()).parentId(pets).pathPart("{petId}")).id();
    client.putMethod(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").authorizationType("NONE")
        .requestParameters(Map.of("method.request.querystring.type", false)));
    client.putMethodResponse(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").statusCode("200"));
    client.putIntegration(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    client.putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").statusCode("200")
        .responseTemplates(Map.of("application/json", "[{\"id\": 1}]")));
    client.putMethod(r -> r.restApiId(api.id()).resourceId(petId).httpMethod("GET").authorizationType("NONE")
        .apiKeyRequired(true));
    client.putIntegration(r -> r.restApiId(api.id()).resourceId(petId).httpMethod("GET").type(IntegrationType.HTTP)
        .integrationHttpMethod("GET").uri("http://petstore.example.com/pets/{petId}")
        .requestParameters(Map.of("integration.request.path.petId", "method.request.path.petId")));
    return api.id();
  }

  @Test
  void buildsTheResourceTreeWithMethodsAndIntegrations() {
    String apiId = petStore(client);
    var resources = client.getResources(r -> r.restApiId(apiId).embed("methods")).items();
    assertThat(resources).extracting(Resource::path).containsExactly("/", "/pets", "/pets/{petId}");
    Resource petIdResource = resources.get(2);
    assertThat(petIdResource.pathPart()).isEqualTo("{petId}");
    assertThat(petIdResource.resourceMethods()).containsKey("GET");
    assertThat(petIdResource.resourceMethods().get("GET").httpMethod()).isEqualTo("GET");
    // Without embed, as AWS: each method's name with an empty object.
    var plain = client.getResources(r -> r.restApiId(apiId)).items().get(2);
    assertThat(plain.resourceMethods()).containsOnlyKeys("GET");
    assertThat(plain.resourceMethods().get("GET").httpMethod()).isNull();

    var method = client.getMethod(r -> r.restApiId(apiId).resourceId(resources.get(1).id()).httpMethod("GET"));
    assertThat(method.authorizationType()).isEqualTo("NONE");
    assertThat(method.requestParameters()).containsEntry("method.request.querystring.type", false);
    assertThat(method.methodResponses()).containsKey("200");
    assertThat(method.methodIntegration().type()).isEqualTo(IntegrationType.MOCK);
    assertThat(method.methodIntegration().integrationResponses().get("200").responseTemplates())
        .containsEntry("application/json", "[{\"id\": 1}]");

    var integration = client.getIntegration(r -> r.restApiId(apiId).resourceId(petIdResource.id()).httpMethod("GET"));
    assertThat(integration.uri()).isEqualTo("http://petstore.example.com/pets/{petId}");
    assertThat(integration.timeoutInMillis()).isEqualTo(29000);
    assertThat(integration.passthroughBehavior()).isEqualTo("WHEN_NO_MATCH");

    assertThatThrownBy(() -> client.createResource(r -> r.restApiId(apiId).parentId(resources.get(0).id()).pathPart("pets")))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> client.putMethod(r -> r.restApiId(apiId).resourceId(petIdResource.id()).httpMethod("GET")
        .authorizationType("NONE"))).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> client.putMethod(r -> r.restApiId(apiId).resourceId(petIdResource.id()).httpMethod("POST")
        .authorizationType("MAGIC"))).isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> client.putIntegration(r -> r.restApiId(apiId).resourceId(petIdResource.id()).httpMethod("GET")
        .type(IntegrationType.HTTP).integrationHttpMethod("GET").uri("not a url"))).isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> client.getResource(r -> r.restApiId(apiId).resourceId("zzzzzzzzzz")))
        .isInstanceOf(NotFoundException.class);

    client.deleteMethod(r -> r.restApiId(apiId).resourceId(petIdResource.id()).httpMethod("GET"));
    assertThatThrownBy(() -> client.getMethod(r -> r.restApiId(apiId).resourceId(petIdResource.id()).httpMethod("GET")))
        .isInstanceOf(NotFoundException.class);
    client.deleteResource(r -> r.restApiId(apiId).resourceId(resources.get(1).id()));
    assertThat(client.getResources(r -> r.restApiId(apiId)).items()).extracting(Resource::path).containsExactly("/");
  }

  @Test
  void deploysFreezesAndManagesStages() {
    String apiId = petStore(client);
    var first = client.createDeployment(r -> r.restApiId(apiId).stageName("prod").description("v1")
        .variables(Map.of("backend", "blue")));
    var prod = client.getStage(r -> r.restApiId(apiId).stageName("prod"));
    assertThat(prod.deploymentId()).isEqualTo(first.id());
    assertThat(prod.variables()).containsEntry("backend", "blue");
    assertThat(first.apiSummary()).containsKeys("/pets", "/pets/{petId}");

    // Edits after a deployment do not change it.
    String pets = client.getResources(r -> r.restApiId(apiId)).items().get(1).id();
    client.deleteMethod(r -> r.restApiId(apiId).resourceId(pets).httpMethod("GET"));
    assertThat(client.getDeployment(r -> r.restApiId(apiId).deploymentId(first.id())).apiSummary()).containsKey("/pets");

    var second = client.createDeployment(r -> r.restApiId(apiId).description("v2"));
    assertThat(client.getDeployments(r -> r.restApiId(apiId)).items()).hasSize(2);
    // An empty stageName is no stage, as at AWS (what Terraform's aws_api_gateway_deployment sends).
    var unstaged = client.createDeployment(r -> r.restApiId(apiId).stageName("").description("v2b"));
    assertThat(unstaged.id()).isNotBlank();
    assertThat(client.getDeployments(r -> r.restApiId(apiId)).items()).hasSize(3);
    client.deleteDeployment(r -> r.restApiId(apiId).deploymentId(unstaged.id()));

    var updated = client.updateStage(r -> r.restApiId(apiId).stageName("prod").patchOperations(
        PatchOperation.builder().op(Op.REPLACE).path("/deploymentId").value(second.id()).build(),
        PatchOperation.builder().op(Op.REPLACE).path("/variables/backend").value("green").build(),
        PatchOperation.builder().op(Op.REPLACE).path("/*/*/throttling/rateLimit").value("100").build(),
        PatchOperation.builder().op(Op.REPLACE).path("/~1pets/GET/throttling/burstLimit").value("20").build()));
    assertThat(updated.deploymentId()).isEqualTo(second.id());
    assertThat(updated.variables()).containsEntry("backend", "green");
    assertThat(updated.methodSettings().get("*/*").throttlingRateLimit()).isEqualTo(100.0);
    assertThat(updated.methodSettings().get("pets/GET").throttlingBurstLimit()).isEqualTo(20);

    client.createStage(r -> r.restApiId(apiId).stageName("beta").deploymentId(first.id()));
    assertThat(client.getStages(r -> r.restApiId(apiId)).item()).hasSize(2);
    assertThatThrownBy(() -> client.createStage(r -> r.restApiId(apiId).stageName("beta").deploymentId(first.id())))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> client.deleteDeployment(r -> r.restApiId(apiId).deploymentId(first.id())))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Active stages");
    assertThatThrownBy(() -> client.updateStage(r -> r.restApiId(apiId).stageName("prod").patchOperations(
        PatchOperation.builder().op(Op.REPLACE).path("/variables/bad-name").value("x").build())))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> client.updateStage(r -> r.restApiId(apiId).stageName("prod").patchOperations(
        PatchOperation.builder().op(Op.REPLACE).path("/nope").value("x").build())))
        .isInstanceOfSatisfying(ApiGatewayException.class, e -> assertThat(e.getMessage()).contains("Invalid patch path"));

    client.deleteStage(r -> r.restApiId(apiId).stageName("beta"));
    client.deleteDeployment(r -> r.restApiId(apiId).deploymentId(first.id()));
    assertThatThrownBy(() -> client.getDeployment(r -> r.restApiId(apiId).deploymentId(first.id())))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void refusesToDeployAnApiWithoutMethodsAndLimitsStages() {
    var api = client.createRestApi(r -> r.name("empty"));
    assertThatThrownBy(() -> client.createDeployment(r -> r.restApiId(api.id()).stageName("prod")))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("doesn't contain any methods");

    String apiId = petStore(client);
    var deployment = client.createDeployment(r -> r.restApiId(apiId));
    for (int i = 0; i < 10; i++) {
      String name = "s" + i;
      client.createStage(r -> r.restApiId(apiId).stageName(name).deploymentId(deployment.id()));
    }
    assertThatThrownBy(() -> client.createStage(r -> r.restApiId(apiId).stageName("s10").deploymentId(deployment.id())))
        .isInstanceOfSatisfying(ApiGatewayException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
  }

  @Test
  void malformedPatchBodiesGetBadRequest() {
    String apiId = petStore(client);
    client.createDeployment(r -> r.restApiId(apiId).stageName("prod"));
    var response = RawHttp.signed("PATCH", node.managementUri().resolve("/restapis/" + apiId + "/stages/prod"),
        "{\"patchOperations\":[{\"op\":\"explode\",\"path\":\"/description\"}]}");
    RestApiControlPlaneTest.assertError(response, 400, "BadRequestException", "Invalid patch operation");
  }

  @Test
  void updatesMethodsIntegrationsAndTheirResponsesWithPatchOperations() {
    String apiId = petStore(client);
    String pets = client.getResources(r -> r.restApiId(apiId)).items().get(1).id();
    var method = client.updateMethod(r -> r.restApiId(apiId).resourceId(pets).httpMethod("GET").patchOperations(
        PatchOperation.builder().op(Op.REPLACE).path("/apiKeyRequired").value("true").build(),
        PatchOperation.builder().op(Op.ADD).path("/requestParameters/method.request.header.X-Trace").value("true").build(),
        PatchOperation.builder().op(Op.REMOVE).path("/requestParameters/method.request.querystring.type").build()));
    assertThat(method.apiKeyRequired()).isTrue();
    assertThat(method.requestParameters()).containsOnly(Map.entry("method.request.header.X-Trace", true));

    var integration = client.updateIntegration(r -> r.restApiId(apiId).resourceId(pets).httpMethod("GET").patchOperations(
        PatchOperation.builder().op(Op.REPLACE).path("/timeoutInMillis").value("5000").build(),
        PatchOperation.builder().op(Op.ADD).path("/requestTemplates/application~1xml").value("<a/>").build()));
    assertThat(integration.timeoutInMillis()).isEqualTo(5000);
    assertThat(integration.requestTemplates()).containsEntry("application/xml", "<a/>");
    assertThat(integration.integrationResponses()).containsKey("200");

    var response = client.updateIntegrationResponse(r -> r.restApiId(apiId).resourceId(pets).httpMethod("GET")
        .statusCode("200").patchOperations(
            PatchOperation.builder().op(Op.REPLACE).path("/selectionPattern").value("2\\d{2}").build()));
    assertThat(response.selectionPattern()).isEqualTo("2\\d{2}");
    var methodResponse = client.updateMethodResponse(r -> r.restApiId(apiId).resourceId(pets).httpMethod("GET")
        .statusCode("200").patchOperations(
            PatchOperation.builder().op(Op.ADD).path("/responseParameters/method.response.header.X-Id").value("false").build()));
    assertThat(methodResponse.responseParameters()).containsEntry("method.response.header.X-Id", false);

    assertThatThrownBy(() -> client.updateIntegration(r -> r.restApiId(apiId).resourceId(pets).httpMethod("GET")
        .patchOperations(PatchOperation.builder().op(Op.REPLACE).path("/timeoutInMillis").value("10").build())))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Timeout");
    assertThatThrownBy(() -> client.updateMethod(r -> r.restApiId(apiId).resourceId(pets).httpMethod("GET")
        .patchOperations(PatchOperation.builder().op(Op.REPLACE).path("/nope").value("x").build())))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid patch path");
    assertThatThrownBy(() -> client.updateMethod(r -> r.restApiId(apiId).resourceId(pets).httpMethod("PUT")
        .patchOperations(PatchOperation.builder().op(Op.REPLACE).path("/apiKeyRequired").value("true").build())))
        .isInstanceOf(NotFoundException.class);
    // A refused update changes nothing.
    assertThat(client.getIntegration(r -> r.restApiId(apiId).resourceId(pets).httpMethod("GET")).timeoutInMillis())
        .isEqualTo(5000);
  }
}
