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

  /** An API with one MOCK method, deployed to stage {@code prod}. */
  private static software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse deployedApi(String name) {
    var api = client.createRestApi(r -> r.name(name).tags(Map.of("team", "core")));
    client.putMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET").authorizationType("NONE"));
    client.putIntegration(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
        .type(software.amazon.awssdk.services.apigateway.model.IntegrationType.MOCK));
    client.createDeployment(r -> r.restApiId(api.id()).stageName("prod").variables(Map.of("color", "blue")));
    return api;
  }

  @Test
  void tagsRestApisAndStagesThroughTheirArns() {
    var api = deployedApi("tagged");
    String apiArn = "arn:aws:apigateway:us-east-1::/restapis/" + api.id();
    String stageArn = apiArn + "/stages/prod";
    assertThat(client.getTags(r -> r.resourceArn(apiArn)).tags()).containsExactly(Map.entry("team", "core"));
    client.tagResource(r -> r.resourceArn(apiArn).tags(Map.of("cost", "42")));
    client.untagResource(r -> r.resourceArn(apiArn).tagKeys("team"));
    assertThat(client.getRestApi(r -> r.restApiId(api.id())).tags()).containsExactly(Map.entry("cost", "42"));

    assertThat(client.getTags(r -> r.resourceArn(stageArn)).tags()).isEmpty();
    client.tagResource(r -> r.resourceArn(stageArn).tags(Map.of("env", "prod")));
    assertThat(client.getStage(r -> r.restApiId(api.id()).stageName("prod")).tags()).containsExactly(Map.entry("env", "prod"));
    failure(NotFoundException.class, () -> client.getTags(r -> r.resourceArn(apiArn + "/stages/nope")), 404,
        "NotFoundException", "Invalid Stage identifier specified");
    failure(NotFoundException.class, () -> client.tagResource(r -> r.resourceArn(
        "arn:aws:apigateway:us-east-1::/restapis/zzzzzzzzzz").tags(Map.of("a", "b"))), 404, "NotFoundException",
        "Invalid API identifier specified 000000000000:zzzzzzzzzz");
  }

  @Test
  void cloneFromCopiesTheDefinitionWithNewResourceIds() {
    var source = deployedApi("source");
    var child = client.createResource(r -> r.restApiId(source.id()).parentId(source.rootResourceId()).pathPart("pets"));
    var clone = client.createRestApi(r -> r.name("clone").cloneFrom(source.id()));
    assertThat(clone.name()).isEqualTo("clone");
    assertThat(clone.rootResourceId()).isNotEqualTo(source.rootResourceId());
    var resources = client.getResources(r -> r.restApiId(clone.id())).items();
    assertThat(resources).extracting(r -> r.path()).containsExactly("/", "/pets");
    assertThat(resources).extracting(r -> r.id()).doesNotContain(child.id(), source.rootResourceId());
    assertThat(client.getMethod(r -> r.restApiId(clone.id()).resourceId(clone.rootResourceId()).httpMethod("GET"))
        .methodIntegration().typeAsString()).isEqualTo("MOCK");
    assertThat(client.getModels(r -> r.restApiId(clone.id())).items()).extracting(m -> m.name())
        .containsExactlyInAnyOrder("Empty", "Error");
    assertThat(client.getStages(r -> r.restApiId(clone.id())).item()).isEmpty();
    failure(NotFoundException.class, () -> client.createRestApi(r -> r.name("x").cloneFrom("zzzzzzzzzz")), 404,
        "NotFoundException", "Invalid API identifier specified 000000000000:zzzzzzzzzz");
  }

  @Test
  void canaryDeploymentsAndTheirPromotionByCopy() {
    var api = deployedApi("canary");
    String base = client.getStage(r -> r.restApiId(api.id()).stageName("prod")).deploymentId();
    var canary = client.createDeployment(r -> r.restApiId(api.id()).stageName("prod")
        .canarySettings(c -> c.percentTraffic(10.0).stageVariableOverrides(Map.of("color", "green"))));
    var stage = client.getStage(r -> r.restApiId(api.id()).stageName("prod"));
    assertThat(stage.deploymentId()).isEqualTo(base);
    assertThat(stage.canarySettings().deploymentId()).isEqualTo(canary.id());
    assertThat(stage.canarySettings().percentTraffic()).isEqualTo(10.0);
    failure(NotFoundException.class, () -> client.createDeployment(r -> r.restApiId(api.id()).stageName("beta")
        .canarySettings(c -> c.percentTraffic(5.0))), 404, "NotFoundException", "Invalid Stage identifier specified");
    assertThat(client.getStages(r -> r.restApiId(api.id())).item()).extracting(s -> s.stageName()).containsExactly("prod");

    var promoted = client.updateStage(r -> r.restApiId(api.id()).stageName("prod").patchOperations(
        PatchOperation.builder().op(Op.COPY).from("/canarySettings/deploymentId").path("/deploymentId").build(),
        PatchOperation.builder().op(Op.COPY).from("/canarySettings/stageVariableOverrides").path("/variables").build(),
        op(Op.REMOVE, "/canarySettings", null)));
    assertThat(promoted.deploymentId()).isEqualTo(canary.id());
    assertThat(promoted.variables()).containsExactly(Map.entry("color", "green"));
    assertThat(promoted.canarySettings()).isNull();

    var described = client.updateDeployment(r -> r.restApiId(api.id()).deploymentId(canary.id())
        .patchOperations(op(Op.REPLACE, "/description", "canary build")));
    assertThat(described.description()).isEqualTo("canary build");
    assertThat(client.getDeployment(r -> r.restApiId(api.id()).deploymentId(canary.id())).description())
        .isEqualTo("canary build");
  }

  @Test
  void modelTemplatesFollowTheSchema() {
    var api = client.createRestApi(r -> r.name("templates"));
    client.createModel(r -> r.restApiId(api.id()).name("Pet").contentType("application/json").schema(
        "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"age\":{\"type\":\"integer\"},"
            + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}"));
    String template = client.getModelTemplate(r -> r.restApiId(api.id()).modelName("Pet")).value();
    assertThat(template).startsWith("#set($inputRoot = $input.path('$'))\n{")
        .contains("\"name\" : \"$inputRoot.name\"", "\"age\" : $inputRoot.age",
            "#foreach($elem1 in $inputRoot.tags)", "#if($foreach.hasNext),#end");
    failure(NotFoundException.class, () -> client.getModelTemplate(r -> r.restApiId(api.id()).modelName("Nope")), 404,
        "NotFoundException", "Invalid model name specified: Nope");
  }

  @Test
  void documentationPartsAndVersions() {
    var api = client.createRestApi(r -> r.name("documented"));
    var part = client.createDocumentationPart(r -> r.restApiId(api.id())
        .location(l -> l.type("METHOD").path("/pets").method("GET")).properties("{\"summary\":\"List pets\"}"));
    assertThat(part.location().statusCode()).isNull();
    assertThat(part.location().method()).isEqualTo("GET");
    failure(ConflictException.class, () -> client.createDocumentationPart(r -> r.restApiId(api.id())
        .location(l -> l.type("METHOD").path("/pets").method("GET")).properties("{}")), 409, "ConflictException",
        "Documentation part already exists for the specified location: type 'METHOD', path '/pets'.");
    var apiPart = client.createDocumentationPart(r -> r.restApiId(api.id()).location(l -> l.type("API"))
        .properties("{\"description\":\"Pets\"}"));
    assertThat(apiPart.location().path()).isNull();
    var bad = failure(ApiGatewayException.class, () -> client.createDocumentationPart(r -> r.restApiId(api.id())
        .location(l -> l.type("NOPE")).properties("{}")), 400, "ValidationException",
        "1 validation error detected: Value 'NOPE' at 'createDocumentationPartInput.location.type' failed to satisfy "
            + "constraint: Member must satisfy enum value set: [RESPONSE_BODY, RESPONSE, METHOD, MODEL, AUTHORIZER, "
            + "RESPONSE_HEADER, RESOURCE, PATH_PARAMETER, REQUEST_BODY, QUERY_PARAMETER, API, REQUEST_HEADER]");
    assertThat(bad).isNotNull();

    var updated = client.updateDocumentationPart(r -> r.restApiId(api.id()).documentationPartId(part.id())
        .patchOperations(op(Op.REPLACE, "/properties", "{\"summary\":\"All pets\"}")));
    assertThat(updated.properties()).isEqualTo("{\"summary\":\"All pets\"}");
    failure(BadRequestException.class, () -> client.updateDocumentationPart(r -> r.restApiId(api.id())
        .documentationPartId(part.id()).patchOperations(op(Op.REPLACE, "/location", "x"))), 400, "BadRequestException",
        "Invalid patch path  '/location' specified for op 'replace'. Must be one of: [/properties]");
    assertThat(client.getDocumentationParts(r -> r.restApiId(api.id()).type("METHOD")).items())
        .extracting(p -> p.id()).containsExactly(part.id());

    var version = client.createDocumentationVersion(r -> r.restApiId(api.id()).documentationVersion("1.0")
        .description("first"));
    assertThat(version.version()).isEqualTo("1.0");
    failure(ConflictException.class, () -> client.createDocumentationVersion(r -> r.restApiId(api.id())
        .documentationVersion("1.0")), 409, "ConflictException", "Documentation version already exists: 1.0");

    String openApi = "{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"d\",\"version\":\"1\"},\"paths\":{},"
        + "\"x-amazon-apigateway-documentation\":{\"version\":\"2\",\"documentationParts\":["
        + "{\"location\":{\"type\":\"API\"},\"properties\":{\"description\":\"Imported\"}},"
        + "{\"location\":{\"type\":\"RESOURCE\",\"path\":\"/pets\"},\"properties\":{\"description\":\"Pets\"}}]}}";
    var ids = client.importDocumentationParts(r -> r.restApiId(api.id())
        .mode(software.amazon.awssdk.services.apigateway.model.PutMode.OVERWRITE)
        .body(software.amazon.awssdk.core.SdkBytes.fromUtf8String(openApi)));
    assertThat(ids.ids()).hasSize(2).contains(apiPart.id());
    assertThat(client.getDocumentationParts(r -> r.restApiId(api.id())).items()).hasSize(2);
    failure(NotFoundException.class, () -> client.getDocumentationPart(r -> r.restApiId(api.id())
        .documentationPartId(part.id())), 404, "NotFoundException", "Invalid Documentation part identifier specified");
    assertThat(client.getDocumentationVersions(r -> r.restApiId(api.id())).items()).extracting(v -> v.version())
        .containsExactly("1.0");
    client.deleteDocumentationVersion(r -> r.restApiId(api.id()).documentationVersion("1.0"));
    failure(NotFoundException.class, () -> client.getDocumentationVersion(r -> r.restApiId(api.id())
        .documentationVersion("1.0")), 404, "NotFoundException", "Invalid Documentation version identifier specified");
  }
}
