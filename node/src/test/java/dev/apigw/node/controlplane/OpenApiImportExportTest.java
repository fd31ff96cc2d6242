package dev.apigw.node.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.RawHttp;
import dev.apigw.node.testing.TestNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.PutMode;
import software.amazon.awssdk.services.apigateway.model.Resource;

/** ImportRestApi, PutRestApi and GetExport through the real AWS SDK on a real node. */
@ExtendWith(CassandraExtension.class)
class OpenApiImportExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = io.swagger.v3.core.util.Yaml.mapper();
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

  static String petstoreYaml() {
    try (InputStream in = OpenApiImportExportTest.class.getResourceAsStream("/openapi/petstore-oas30.yaml")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Resource> resources(String apiId) {
    Map<String, Resource> out = new TreeMap<>();
    client.getResources(r -> r.restApiId(apiId).embed("methods").limit(500)).items().forEach(r -> out.put(r.path(), r));
    return out;
  }

  private static GetMethodResponse method(String apiId, Map<String, Resource> resources, String path, String httpMethod) {
    return client.getMethod(r -> r.restApiId(apiId).resourceId(resources.get(path).id()).httpMethod(httpMethod));
  }

  @Test
  void importsAnOpenApi30YamlDocument() {
    var api = client.importRestApi(r -> r.body(SdkBytes.fromUtf8String(petstoreYaml()))
        .parameters(Map.of("endpointConfigurationTypes", "REGIONAL")));
    assertThat(api.name()).isEqualTo("PetStore");
    assertThat(api.version()).isEqualTo("2024-01-01");
    assertThat(api.description()).startsWith("Your first API");
    assertThat(api.binaryMediaTypes()).containsExactly("image/png");
    assertThat(api.apiKeySourceAsString()).isEqualTo("HEADER");
    assertThat(api.endpointConfiguration().typesAsStrings()).containsExactly("REGIONAL");

    Map<String, Resource> resources = resources(api.id());
    assertThat(resources).containsOnlyKeys("/", "/pets", "/pets/{petId}", "/proxy", "/proxy/{proxy+}");
    assertThat(resources.get("/").id()).isEqualTo(api.rootResourceId());
    assertThat(resources.get("/pets").resourceMethods()).containsOnlyKeys("GET", "POST");
    assertThat(resources.get("/proxy/{proxy+}").resourceMethods()).containsOnlyKeys("ANY");

    var root = method(api.id(), resources, "/", "GET");
    assertThat(root.methodIntegration().type()).isEqualTo(IntegrationType.MOCK);
    assertThat(root.methodIntegration().requestTemplates()).containsEntry("application/json", "{\"statusCode\": 200}");
    assertThat(root.methodIntegration().integrationResponses().get("200").responseTemplates())
        .containsEntry("text/html", "<html><body>Welcome</body></html>");

    var list = method(api.id(), resources, "/pets", "GET");
    assertThat(list.operationName()).isEqualTo("listPets");
    assertThat(list.requestParameters()).containsEntry("method.request.querystring.type", true)
        .containsEntry("method.request.querystring.page", false);
    assertThat(list.requestValidatorId()).isNotNull();
    assertThat(list.methodResponses().get("200").responseModels()).containsEntry("application/json", "Pets");
    assertThat(list.methodIntegration().type()).isEqualTo(IntegrationType.HTTP);
    assertThat(list.methodIntegration().uri()).isEqualTo("http://petstore.execute-api.us-east-1.amazonaws.com/petstore/pets");
    assertThat(list.methodIntegration().timeoutInMillis()).isEqualTo(10000);
    assertThat(list.methodIntegration().integrationResponses().get("500").selectionPattern()).isEqualTo("5\\d{2}");
    assertThat(list.methodIntegration().integrationResponses().get("200").selectionPattern()).isNull();

    var create = method(api.id(), resources, "/pets", "POST");
    assertThat(create.apiKeyRequired()).isTrue();
    assertThat(create.requestModels()).containsEntry("application/json", "Pet");
    assertThat(create.requestValidatorId()).isNotNull().isNotEqualTo(list.requestValidatorId());

    var get = method(api.id(), resources, "/pets/{petId}", "GET");
    assertThat(get.authorizationType()).isEqualTo("CUSTOM");
    assertThat(get.authorizerId()).isNotNull();
    assertThat(get.apiKeyRequired()).isFalse();
    assertThat(get.requestParameters()).containsEntry("method.request.path.petId", true);
    assertThat(get.methodResponses()).containsOnlyKeys("200", "404");
    assertThat(get.methodResponses().get("200").responseParameters())
        .containsEntry("method.response.header.Access-Control-Allow-Origin", false);
    assertThat(get.methodIntegration().requestParameters())
        .containsEntry("integration.request.path.petId", "method.request.path.petId");

    var any = method(api.id(), resources, "/proxy/{proxy+}", "ANY");
    assertThat(any.methodIntegration().type()).isEqualTo(IntegrationType.HTTP_PROXY);
    assertThat(any.methodIntegration().uri()).isEqualTo("http://backend.example.com/{proxy}");
  }

  @Test
  void exportsTheStagesDeploymentAndItsReimportIsEquivalent() throws Exception {
    String apiId = client.importRestApi(r -> r.body(SdkBytes.fromUtf8String(petstoreYaml()))).id();
    client.createDeployment(r -> r.restApiId(apiId).stageName("prod"));
    // An edit after the deployment must not show: the export is of the stage's frozen deployment.
    Map<String, Resource> before = resources(apiId);
    client.deleteMethod(r -> r.restApiId(apiId).resourceId(before.get("/pets").id()).httpMethod("POST"));

    var oas = client.getExport(r -> r.restApiId(apiId).stageName("prod").exportType("oas30")
        .parameters(Map.of("extensions", "apigateway")).accepts("application/yaml"));
    assertThat(oas.contentType()).startsWith("application/yaml");
    JsonNode doc = YAML.readTree(oas.body().asUtf8String());
    assertThat(doc.get("openapi").asText()).isEqualTo("3.0.1");
    assertThat(doc.at("/info/title").asText()).isEqualTo("PetStore");
    assertThat(doc.at("/servers/0/url").asText()).isEqualTo("https://" + apiId + ".execute-api.us-east-1.amazonaws.com/{basePath}");
    assertThat(doc.at("/servers/0/variables/basePath/default").asText()).isEqualTo("prod");
    assertThat(doc.at("/paths/~1pets/post/x-amazon-apigateway-integration/uri").asText())
        .isEqualTo("http://petstore.execute-api.us-east-1.amazonaws.com/petstore/pets");
    assertThat(doc.at("/paths/~1pets/get/x-amazon-apigateway-request-validator").asText()).isEqualTo("params-only");
    assertThat(doc.at("/paths/~1proxy~1{proxy+}/x-amazon-apigateway-any-method/x-amazon-apigateway-integration/type").asText())
        .isEqualTo("http_proxy");
    assertThat(doc.at("/components/schemas/Pets/items/$ref").asText()).isEqualTo("#/components/schemas/Pet");
    assertThat(doc.at("/components/securitySchemes/tokenAuth/x-amazon-apigateway-authorizer/type").asText()).isEqualTo("token");
    assertThat(doc.at("/x-amazon-apigateway-gateway-responses/DEFAULT_4XX/statusCode").asText()).isEqualTo("400");
    assertThat(doc.at("/x-amazon-apigateway-binary-media-types/0").asText()).isEqualTo("image/png");

    var swagger = client.getExport(r -> r.restApiId(apiId).stageName("prod").exportType("swagger")
        .parameters(Map.of("extensions", "integrations")).accepts("application/json"));
    assertThat(swagger.contentType()).startsWith("application/json");
    JsonNode swaggerDoc = JSON.readTree(swagger.body().asUtf8String());
    assertThat(swaggerDoc.get("swagger").asText()).isEqualTo("2.0");
    assertThat(swaggerDoc.get("host").asText()).isEqualTo(apiId + ".execute-api.us-east-1.amazonaws.com");
    assertThat(swaggerDoc.get("basePath").asText()).isEqualTo("/prod");
    assertThat(swaggerDoc.at("/definitions/Pets/items/$ref").asText()).isEqualTo("#/definitions/Pet");
    assertThat(swaggerDoc.at("/securityDefinitions/tokenAuth").has("x-amazon-apigateway-authorizer")).isFalse();

    var oasIntegrations = client.getExport(r -> r.restApiId(apiId).stageName("prod").exportType("oas30")
        .parameters(Map.of("extensions", "integrations")));
    for (String exported : List.of(oasIntegrations.body().asUtf8String(), swagger.body().asUtf8String())) {
      var copy = client.importRestApi(r -> r.body(SdkBytes.fromUtf8String(exported)));
      assertThat(shape(copy.id())).isEqualTo(shape(apiId + "@prod"));
      String copyStage = "v" + System.nanoTime();
      client.createDeployment(r -> r.restApiId(copy.id()).stageName(copyStage));
      assertThat(validatorNames(copy.id(), copyStage)).isEqualTo(validatorNames(apiId, "prod"));
    }
  }

  /** Path -> method -> what must survive a round trip. For "id@stage", the deployed definition (before later edits). */
  private static Map<String, Map<String, List<Object>>> shape(String apiIdOrStage) {
    String apiId = apiIdOrStage.split("@")[0];
    Map<String, Map<String, List<Object>>> out = new TreeMap<>();
    resources(apiId).forEach((path, r) -> {
      Map<String, List<Object>> methods = new TreeMap<>();
      r.resourceMethods().keySet().forEach(m -> {
        var method = client.getMethod(x -> x.restApiId(apiId).resourceId(r.id()).httpMethod(m));
        var i = method.methodIntegration();
        methods.put(m, List.of(i.typeAsString(), String.valueOf(i.uri()), method.apiKeyRequired(),
            new TreeMap<>(method.requestParameters()), new TreeMap<>(method.requestModels()),
            new TreeMap<>(i.requestTemplates()), i.integrationResponses().keySet().stream().sorted().toList()));
      });
      out.put(path, methods);
    });
    if (apiIdOrStage.contains("@")) {
      // The deployed definition still has POST /pets, deleted afterwards; put it back into the expectation.
      var create = List.<Object>of("HTTP", "http://petstore.execute-api.us-east-1.amazonaws.com/petstore/pets", true,
          new TreeMap<>(), new TreeMap<>(Map.of("application/json", "Pet")), new TreeMap<>(), List.of("200"));
      out.get("/pets").put("POST", create);
    }
    return out;
  }

  /** Validator names per path and method, from a stage's export (no GetRequestValidators on this branch yet). */
  private static Map<String, String> validatorNames(String apiId, String stage) {
    JsonNode doc;
    try {
      doc = JSON.readTree(client.getExport(r -> r.restApiId(apiId).stageName(stage).exportType("oas30")
          .parameters(Map.of("extensions", "integrations"))).body().asUtf8String());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> out = new TreeMap<>();
    doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
      if (m.getValue().has("x-amazon-apigateway-request-validator")) {
        out.put(p.getKey() + " " + m.getKey(), m.getValue().get("x-amazon-apigateway-request-validator").asText());
      }
    }));
    out.put("validators", doc.get("x-amazon-apigateway-request-validators").toString());
    return out;
  }

  @Test
  void importsSwagger20Json() {
    String swagger = """
        {"swagger": "2.0", "info": {"title": "legacy", "version": "1.0"}, "basePath": "/v1",
         "securityDefinitions": {"api_key": {"type": "apiKey", "name": "x-api-key", "in": "header"}},
         "paths": {
           "/orders/{id}": {
             "get": {"parameters": [{"name": "id", "in": "path", "required": true, "type": "string"},
                                    {"name": "X-Trace", "in": "header", "required": true, "type": "string"}],
                     "security": [{"api_key": []}],
                     "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Order"}}},
                     "x-amazon-apigateway-integration": {"type": "mock", "requestTemplates": {"application/json": "{\\"statusCode\\": 200}"},
                       "responses": {"default": {"statusCode": "200"}}}},
             "x-amazon-apigateway-any-method": {
               "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"},
                              {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Order"}}],
               "responses": {"200": {"description": "ok"}},
               "x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "ANY", "uri": "https://orders.example.com/{id}"}}}},
         "definitions": {"Order": {"type": "object", "properties": {"id": {"type": "string"}}}}}
        """;
    var api = client.importRestApi(r -> r.body(SdkBytes.fromUtf8String(swagger)).parameters(Map.of("basepath", "prepend")));
    Map<String, Resource> resources = resources(api.id());
    assertThat(resources).containsOnlyKeys("/", "/v1", "/v1/orders", "/v1/orders/{id}");
    var get = method(api.id(), resources, "/v1/orders/{id}", "GET");
    assertThat(get.apiKeyRequired()).isTrue();
    assertThat(get.requestParameters()).containsEntry("method.request.path.id", true)
        .containsEntry("method.request.header.X-Trace", true);
    assertThat(get.methodResponses().get("200").responseModels()).containsValue("Order");
    var any = method(api.id(), resources, "/v1/orders/{id}", "ANY");
    assertThat(any.requestModels()).containsEntry("application/json", "Order");
    assertThat(any.methodIntegration().type()).isEqualTo(IntegrationType.HTTP_PROXY);
    assertThat(any.methodIntegration().uri()).isEqualTo("https://orders.example.com/{id}");
  }

  @Test
  void invalidDocumentsAre400WithTheProblem() {
    assertThatThrownBy(() -> client.importRestApi(r -> r.body(SdkBytes.fromUtf8String("paths: [unclosed"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("neither JSON nor YAML");
    assertThatThrownBy(() -> client.importRestApi(r -> r.body(SdkBytes.fromUtf8String("{\"name\": \"not an api\"}"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("openapi");
    assertThatThrownBy(() -> client.importRestApi(r -> r.body(SdkBytes.fromUtf8String(
        "openapi: 3.0.1\ninfo: {version: '1'}\npaths: {}\n"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("info.title");
    String badPath = """
        openapi: 3.0.1
        info: {title: t, version: "1"}
        paths:
          /a/{x}:
            get:
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration: {type: mock}
          /a/{y}:
            get:
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration: {type: http, httpMethod: GET, uri: "not a url"}
        """;
    assertThatThrownBy(() -> client.importRestApi(r -> r.body(SdkBytes.fromUtf8String(badPath))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("paths./a/{y}");
  }

  /** "Billion laughs": nine levels of nine aliases, 9^9 strings once expanded, in under 1 KB. */
  static String yamlAliasBomb() {
    StringBuilder yaml = new StringBuilder("openapi: 3.0.1\ninfo: {title: bomb, version: \"1\"}\npaths: {}\n");
    yaml.append("x-l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int level = 1; level <= 9; level++) {
      String alias = "*l" + (level - 1);
      yaml.append("x-l").append(level).append(": &l").append(level).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(9, alias))).append("]\n");
    }
    return yaml.toString();
  }

  @Test
  void aYamlAliasBombIs400Quickly() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.importRestApi(r -> r.body(SdkBytes.fromUtf8String(yamlAliasBomb()))
            .overrideConfiguration(o -> o.apiCallTimeout(java.time.Duration.ofSeconds(20)))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("alias");
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(10));
    // Anchors used sparingly, as in real documents, still import.
    String withAnchors = """
        openapi: 3.0.1
        info: {title: anchors, version: "1"}
        x-ok: &ok {"200": {description: ok}}
        paths:
          /a:
            get:
              responses: *ok
              x-amazon-apigateway-integration: {type: mock}
          /b:
            get:
              responses: *ok
              x-amazon-apigateway-integration: {type: mock}
        """;
    assertThat(client.importRestApi(r -> r.body(SdkBytes.fromUtf8String(withAnchors))).name()).isEqualTo("anchors");
  }

  @Test
  void unsupportedConstructsAreWarningsOrWithFailOnWarningsA400() {
    String doc = """
        openapi: 3.0.1
        info: {title: warned, version: "1"}
        paths:
          /a:
            get:
              parameters: [{name: session, in: cookie, schema: {type: string}}]
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration: {type: mock}
        """;
    int before = client.getRestApis(r -> r.limit(500)).items().size();
    assertThatThrownBy(() -> client.importRestApi(r -> r.body(SdkBytes.fromUtf8String(doc)).failOnWarnings(true)))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("cookie");
    assertThat(client.getRestApis(r -> r.limit(500)).items()).hasSize(before);

    var api = client.importRestApi(r -> r.body(SdkBytes.fromUtf8String(doc)));
    assertThat(api.warnings()).anyMatch(w -> w.contains("cookie"));
    assertThat(resources(api.id())).containsKey("/a");
  }

  @Test
  void documentationPartsRoundTripThroughImportAndExport() throws Exception {
    String doc = """
        openapi: 3.0.1
        info: {title: documented, version: "1"}
        x-amazon-apigateway-documentation:
          version: "1.0.3"
          documentationParts:
            - location: {type: API}
              properties: {description: API description, info: {description: API info description}}
            - location: {type: METHOD, path: /pets, method: GET}
              properties: {description: Lists the pets.}
            - location: {type: RESPONSE, path: /pets, method: GET, statusCode: "200"}
              properties: {description: The pets}
            - location: {type: QUERY_PARAMETER, path: /pets, method: GET, name: limit}
              properties: {description: At most this many}
        paths:
          /pets:
            get:
              parameters: [{name: limit, in: query, schema: {type: integer}}]
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}}
        """;
    // Documentation is no warning: an import that fails on warnings takes it.
    var api = client.importRestApi(r -> r.body(SdkBytes.fromUtf8String(doc)).failOnWarnings(true));
    assertThat(api.warnings()).isNullOrEmpty();
    var parts = client.getDocumentationParts(r -> r.restApiId(api.id())).items();
    assertThat(parts).hasSize(4);
    var method = parts.stream().filter(p -> p.location().typeAsString().equals("METHOD")).findFirst().orElseThrow();
    assertThat(method.location().path()).isEqualTo("/pets");
    assertThat(method.location().method()).isEqualTo("GET");
    assertThat(JSON.readTree(method.properties()).get("description").asText()).isEqualTo("Lists the pets.");
    var query = parts.stream().filter(p -> p.location().typeAsString().equals("QUERY_PARAMETER")).findFirst().orElseThrow();
    assertThat(query.location().name()).isEqualTo("limit");

    // Published on a stage, the version is what GetExport includes: by default, or when extensions names it.
    client.createDocumentationVersion(r -> r.restApiId(api.id()).documentationVersion("1.0.3"));
    client.createDeployment(r -> r.restApiId(api.id()).stageName("docs"));
    var before = JSON.readTree(client.getExport(r -> r.restApiId(api.id()).stageName("docs").exportType("oas30")
        .accepts("application/json")).body().asUtf8String());
    assertThat(before.has("x-amazon-apigateway-documentation")).isFalse();
    var stage = client.updateStage(r -> r.restApiId(api.id()).stageName("docs").patchOperations(
        p -> p.op("replace").path("/documentationVersion").value("1.0.3")));
    assertThat(stage.documentationVersion()).isEqualTo("1.0.3");
    assertThatThrownBy(() -> client.updateStage(r -> r.restApiId(api.id()).stageName("docs").patchOperations(
        p -> p.op("replace").path("/documentationVersion").value("9.9"))))
        .isInstanceOf(NotFoundException.class);

    JsonNode exported = JSON.readTree(client.getExport(r -> r.restApiId(api.id()).stageName("docs")
        .exportType("oas30").accepts("application/json")).body().asUtf8String());
    JsonNode documentation = exported.get("x-amazon-apigateway-documentation");
    assertThat(documentation.get("version").asText()).isEqualTo("1.0.3");
    assertThat(documentation.get("createdDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    assertThat(documentation.get("documentationParts")).hasSize(4);
    JsonNode swagger = JSON.readTree(client.getExport(r -> r.restApiId(api.id()).stageName("docs")
        .exportType("swagger").parameters(Map.of("extensions", "integrations,documentation"))
        .accepts("application/json")).body().asUtf8String());
    assertThat(swagger.get("x-amazon-apigateway-documentation").get("documentationParts")).hasSize(4);
    // The parts' OpenAPI properties also document the exported operations, parameters and responses, as in AWS.
    for (JsonNode export : List.of(exported, swagger)) {
      JsonNode get = export.get("paths").get("/pets").get("get");
      assertThat(get.get("description").asText()).isEqualTo("Lists the pets.");
      assertThat(get.get("parameters").get(0).get("description").asText()).isEqualTo("At most this many");
      assertThat(get.get("responses").get("200").get("description").asText()).isEqualTo("The pets");
    }
    JsonNode integrationsOnly = JSON.readTree(client.getExport(r -> r.restApiId(api.id()).stageName("docs")
        .exportType("oas30").parameters(Map.of("extensions", "integrations")).accepts("application/json"))
        .body().asUtf8String());
    assertThat(integrationsOnly.has("x-amazon-apigateway-documentation")).isFalse();

    // The export imports again, documentation and all (YAML this time).
    String yaml = client.getExport(r -> r.restApiId(api.id()).stageName("docs").exportType("oas30")
        .parameters(Map.of("extensions", "integrations,documentation")).accepts("application/yaml"))
        .body().asUtf8String();
    var again = client.importRestApi(r -> r.body(SdkBytes.fromUtf8String(yaml)).failOnWarnings(true));
    Map<String, String> original = new TreeMap<>();
    parts.forEach(p -> original.put(location(p.location()), p.properties()));
    Map<String, String> reimported = new TreeMap<>();
    client.getDocumentationParts(r -> r.restApiId(again.id())).items()
        .forEach(p -> reimported.put(location(p.location()), p.properties()));
    assertThat(reimported.keySet()).isEqualTo(original.keySet());
    original.forEach((where, properties) -> {
      try {
        assertThat(JSON.readTree(reimported.get(where))).as(where).isEqualTo(JSON.readTree(properties));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });

    // ignore=documentation leaves the parts out; PutRestApi merge updates a part at the same location in place.
    var ignored = client.importRestApi(r -> r.body(SdkBytes.fromUtf8String(doc))
        .parameters(Map.of("ignore", "documentation")));
    assertThat(client.getDocumentationParts(r -> r.restApiId(ignored.id())).items()).isEmpty();
    String update = """
        openapi: 3.0.1
        info: {title: documented, version: "1"}
        x-amazon-apigateway-documentation:
          documentationParts:
            - location: {type: METHOD, path: /pets, method: GET}
              properties: {description: Lists every pet.}
        paths: {}
        """;
    client.putRestApi(r -> r.restApiId(api.id()).mode(PutMode.MERGE).body(SdkBytes.fromUtf8String(update)));
    var updated = client.getDocumentationPart(r -> r.restApiId(api.id()).documentationPartId(method.id()));
    assertThat(JSON.readTree(updated.properties()).get("description").asText()).isEqualTo("Lists every pet.");
    assertThat(client.getDocumentationParts(r -> r.restApiId(api.id())).items()).hasSize(4);
    assertThat(client.getDocumentationVersions(r -> r.restApiId(api.id())).items()).hasSize(1);
    // Overwrite replaces the parts and keeps the published versions.
    client.putRestApi(r -> r.restApiId(api.id()).mode(PutMode.OVERWRITE).body(SdkBytes.fromUtf8String(update)));
    assertThat(client.getDocumentationParts(r -> r.restApiId(api.id())).items()).hasSize(1);
    assertThat(client.getDocumentationVersion(r -> r.restApiId(api.id()).documentationVersion("1.0.3")).version())
        .isEqualTo("1.0.3");
    // CreateDocumentationVersion with stageName publishes the new version on the stage, which must exist.
    client.createDocumentationVersion(r -> r.restApiId(api.id()).documentationVersion("2.0").stageName("docs"));
    assertThat(client.getStage(r -> r.restApiId(api.id()).stageName("docs")).documentationVersion()).isEqualTo("2.0");
    assertThatThrownBy(() -> client.createDocumentationVersion(r -> r.restApiId(api.id()).documentationVersion("3.0")
        .stageName("nostage"))).isInstanceOf(NotFoundException.class);
    assertThat(client.getDocumentationVersions(r -> r.restApiId(api.id())).items()).hasSize(2);
  }

  private static String location(software.amazon.awssdk.services.apigateway.model.DocumentationPartLocation l) {
    return l.typeAsString() + " " + l.path() + " " + l.method() + " " + l.statusCode() + " " + l.name();
  }

  @Test
  void putRestApiMergesAndOverwrites() {
    var api = client.importRestApi(r -> r.body(SdkBytes.fromUtf8String(petstoreYaml())));
    String merge = """
        openapi: 3.0.1
        info: {title: ignored on merge, version: "2"}
        x-amazon-apigateway-binary-media-types: [image/jpeg]
        paths:
          /pets:
            get:
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration: {type: http, httpMethod: GET, uri: "https://v2.example.com/pets"}
          /owners:
            get:
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration: {type: mock}
        """;
    var merged = client.putRestApi(r -> r.restApiId(api.id()).mode(PutMode.MERGE).body(SdkBytes.fromUtf8String(merge)));
    assertThat(merged.binaryMediaTypes()).containsExactlyInAnyOrder("image/png", "image/jpeg");
    Map<String, Resource> afterMerge = resources(api.id());
    assertThat(afterMerge).containsKeys("/", "/pets", "/pets/{petId}", "/proxy/{proxy+}", "/owners");
    assertThat(afterMerge.get("/pets").id()).isEqualTo(resources(api.id()).get("/pets").id());
    assertThat(method(api.id(), afterMerge, "/pets", "GET").methodIntegration().uri()).isEqualTo("https://v2.example.com/pets");
    assertThat(method(api.id(), afterMerge, "/pets", "POST").apiKeyRequired()).isTrue();

    String overwrite = """
        openapi: 3.0.1
        info: {title: PetStore, version: "3"}
        x-amazon-apigateway-binary-media-types: [application/octet-stream]
        paths:
          /health:
            get:
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration: {type: mock}
        """;
    var overwritten = client.putRestApi(r -> r.restApiId(api.id()).mode(PutMode.OVERWRITE)
        .body(SdkBytes.fromUtf8String(overwrite)));
    assertThat(overwritten.binaryMediaTypes()).containsExactly("application/octet-stream");
    assertThat(overwritten.version()).isEqualTo("3");
    assertThat(overwritten.rootResourceId()).isEqualTo(api.rootResourceId());
    Map<String, Resource> afterOverwrite = resources(api.id());
    assertThat(afterOverwrite).containsOnlyKeys("/", "/health");
    assertThat(afterOverwrite.get("/").id()).isEqualTo(api.rootResourceId());
    assertThat(afterOverwrite.get("/").resourceMethods()).isNullOrEmpty();

    assertThatThrownBy(() -> client.putRestApi(r -> r.restApiId("nosuchapi0").mode(PutMode.MERGE)
        .body(SdkBytes.fromUtf8String(overwrite)))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void historyShowsOneReplacementPerImport() throws Exception {
    var api = client.importRestApi(r -> r.body(SdkBytes.fromUtf8String(petstoreYaml())));
    client.putRestApi(r -> r.restApiId(api.id()).mode(PutMode.MERGE).body(SdkBytes.fromUtf8String(petstoreYaml())));
    var response = RawHttp.signed("GET", URI.create(node.managementUri() + "/restapis/" + api.id() + "/history"), null);
    assertThat(response.statusCode()).isEqualTo(200);
    List<String> descriptions = new ArrayList<>();
    JSON.readTree(response.body()).get("events").forEach(e -> descriptions.add(e.get("description").asText()));
    assertThat(descriptions).containsExactly("created REST API 'PetStore'", "replaced the definition (import)",
        "replaced the definition (put-rest-api merge)");
  }

  @Test
  void exportErrorsAndPlainCreateRestApiStillWork() {
    String apiId = client.importRestApi(r -> r.body(SdkBytes.fromUtf8String(petstoreYaml()))).id();
    client.createDeployment(r -> r.restApiId(apiId).stageName("dev"));
    assertThatThrownBy(() -> client.getExport(r -> r.restApiId(apiId).stageName("nope").exportType("oas30")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client.getExport(r -> r.restApiId(apiId).stageName("dev").exportType("raml")))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("oas30 or swagger");
    assertThatThrownBy(() -> client.getExport(r -> r.restApiId(apiId).stageName("dev").exportType("oas30")
        .parameters(Map.of("extensions", "postman")))).isInstanceOf(BadRequestException.class);

    var plain = client.createRestApi(r -> r.name("plain"));
    assertThat(plain.name()).isEqualTo("plain");
    assertThat(plain.warnings()).isEmpty();
    var wrongMode = RawHttp.signed("POST", URI.create(node.managementUri() + "/restapis?mode=clone"), "{}");
    assertThat(wrongMode.statusCode()).isEqualTo(400);
    assertThat(wrongMode.body()).contains("expected: import");
  }

  private static final String DOCUMENTED_ENTITIES = """
      openapi: 3.0.1
      info: {title: documented, version: "1"}
      x-amazon-apigateway-documentation:
        documentationParts:
          - location: {type: API}
            properties: {info: {title: Pets, description: The pet shop}, x-audience: public, my-info: not OpenAPI}
          - location: {type: RESOURCE, path: /pets}
            properties: {summary: The pets, description: Every pet, x-owner: shop}
          - location: {type: MODEL, name: Pet}
            properties: {title: A pet, description: One animal}
          - location: {type: REQUEST_BODY, path: /pets, method: POST}
            properties: {description: The new pet}
          - location: {type: RESPONSE_HEADER, path: /pets, method: POST, statusCode: "201", name: Location}
            properties: {description: Where the pet lives}
          - location: {type: RESPONSE_BODY, path: /pets, method: POST, statusCode: "201"}
            properties: {description: The pet as stored}
          - location: {type: AUTHORIZER, name: tokenAuth}
            properties: {description: The shop's bearer token}
          - location: {type: QUERY_PARAMETER, name: limit}
            properties: {description: At most this many}
          - location: {type: RESPONSE, statusCode: "400"}
            properties: {description: Invalid request error.}
          - location: {type: RESPONSE, path: /pets, statusCode: "400"}
            properties: {description: Invalid pet.}
          - location: {type: METHOD, path: /, method: GET}
            properties: {description: The root}
      paths:
        /:
          get:
            responses: {"200": {description: ok}}
            x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}}
        /pets:
          get:
            parameters: [{name: limit, in: query, schema: {type: integer}}]
            responses: {"200": {description: ok}, "400": {description: bad}}
            x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}}
          post:
            security: [{tokenAuth: []}]
            requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
            responses:
              "201":
                description: created
                headers: {Location: {schema: {type: string}}}
                content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}
            x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 201}'}}
        /other/{id}:
          get:
            parameters: [{name: id, in: path, required: true, schema: {type: string}}]
            responses: {"400": {description: bad}}
            x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 400}'}}
      components:
        schemas:
          Pet: {type: object, properties: {name: {type: string}}}
        securitySchemes:
          tokenAuth:
            type: apiKey
            name: Authorization
            in: header
            x-amazon-apigateway-authtype: custom
            x-amazon-apigateway-authorizer:
              type: token
              authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
      """;

  private static JsonNode docsExport(String apiId, String type) throws Exception {
    return JSON.readTree(client.getExport(r -> r.restApiId(apiId).stageName("docs").exportType(type)
        .accepts("application/json")).body().asUtf8String());
  }

  /**
   * A stage's published documentation parts document the exported API info, resources, models, request bodies,
   * response headers and authorizers, with AWS's path-prefix inheritance.
   */
  @Test
  void publishedDocumentationDocumentsTheExportedEntities() throws Exception {
    var api = client.importRestApi(r -> r.body(SdkBytes.fromUtf8String(DOCUMENTED_ENTITIES)));
    client.createDeployment(r -> r.restApiId(api.id()).stageName("docs"));
    client.createDocumentationVersion(r -> r.restApiId(api.id()).documentationVersion("1").stageName("docs"));

    JsonNode oas = docsExport(api.id(), "oas30");
    JsonNode swagger = docsExport(api.id(), "swagger");
    for (JsonNode doc : new JsonNode[] {oas, swagger}) {
      // API: the info object's OpenAPI properties and x-* extensions; other properties stay in the parts only.
      assertThat(doc.at("/info/title").asText()).isEqualTo("Pets");
      assertThat(doc.at("/info/description").asText()).isEqualTo("The pet shop");
      assertThat(doc.at("/x-audience").asText()).isEqualTo("public");
      assertThat(doc.has("my-info")).isFalse();
      assertThat(doc.at("/paths/~1pets/x-owner").asText()).isEqualTo("shop");
      // A part at "/" (the default path) documents every path below; a more specific path wins.
      assertThat(doc.at("/paths/~1pets/get/parameters/0/description").asText()).isEqualTo("At most this many");
      assertThat(doc.at("/paths/~1pets/get/responses/400/description").asText()).isEqualTo("Invalid pet.");
      assertThat(doc.at("/paths/~1other~1{id}/get/responses/400/description").asText()).isEqualTo("Invalid request error.");
      assertThat(doc.at("/paths/~1pets/post/responses/201/headers/Location/description").asText())
          .isEqualTo("Where the pet lives");
      assertThat(doc.at("/paths/~1/get/description").asText()).isEqualTo("The root");
      // METHOD parts are not inherited (DocumentationPartLocation): "/" does not document "/pets".
      assertThat(doc.at("/paths/~1pets/get").has("description")).isFalse();
    }
    // OpenAPI 3: the path item's summary and description, components' schemas and security schemes, requestBody.
    assertThat(oas.at("/paths/~1pets/summary").asText()).isEqualTo("The pets");
    assertThat(oas.at("/paths/~1pets/description").asText()).isEqualTo("Every pet");
    assertThat(oas.at("/components/schemas/Pet/title").asText()).isEqualTo("A pet");
    assertThat(oas.at("/components/schemas/Pet/description").asText()).isEqualTo("One animal");
    assertThat(oas.at("/components/securitySchemes/tokenAuth/description").asText()).isEqualTo("The shop's bearer token");
    assertThat(oas.at("/paths/~1pets/post/requestBody/description").asText()).isEqualTo("The new pet");
    // RESPONSE_BODY: AWS documents no OpenAPI target; the response keeps its own description.
    assertThat(oas.at("/paths/~1pets/post/responses/201/description").asText()).isEqualTo("201 response");
    // Swagger 2.0: definitions, securityDefinitions, the body parameter; a path item has no summary or description.
    assertThat(swagger.at("/definitions/Pet/title").asText()).isEqualTo("A pet");
    assertThat(swagger.at("/definitions/Pet/description").asText()).isEqualTo("One animal");
    assertThat(swagger.at("/securityDefinitions/tokenAuth/description").asText()).isEqualTo("The shop's bearer token");
    JsonNode body = swagger.at("/paths/~1pets/post/parameters/0");
    assertThat(body.get("in").asText()).isEqualTo("body");
    assertThat(body.get("description").asText()).isEqualTo("The new pet");
    assertThat(swagger.at("/paths/~1pets").has("summary")).isFalse();
  }
}
