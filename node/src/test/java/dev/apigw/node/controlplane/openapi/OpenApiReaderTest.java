package dev.apigw.node.controlplane.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The reader alone: documents in, definitions and warnings out, without a node. */
class OpenApiReaderTest {
  private static final ImportOptions DEFAULTS = ImportOptions.from(Map.of());

  static byte[] petstore() {
    try (InputStream in = OpenApiReaderTest.class.getResourceAsStream("/openapi/petstore-oas30.yaml")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static OpenApiReader.Result read(String doc, ImportOptions options) {
    return OpenApiReader.read(OpenApiDocument.parse(doc.getBytes(StandardCharsets.UTF_8)), ApiDefinition.empty("root000000"),
        "api0000000", options);
  }

  @Test
  void readsThePetStore() {
    var result = OpenApiReader.read(OpenApiDocument.parse(petstore()), ApiDefinition.empty("root000000"), "api0000000", DEFAULTS);
    ApiDefinition d = result.definition();
    Map<String, Resource> byPath = d.resources().values().stream().collect(Collectors.toMap(Resource::path, r -> r));
    assertThat(byPath).containsOnlyKeys("/", "/pets", "/pets/{petId}", "/proxy", "/proxy/{proxy+}");
    assertThat(byPath.get("/").id()).isEqualTo("root000000");
    assertThat(byPath.get("/pets").methods()).containsOnlyKeys("GET", "POST");
    Method list = byPath.get("/pets").methods().get("GET");
    assertThat(list.requestParameters()).containsEntry("method.request.querystring.type", true)
        .containsEntry("method.request.querystring.page", false);
    assertThat(d.requestValidator(list.requestValidatorId()).name()).isEqualTo("params-only");
    assertThat(list.integration().type()).isEqualTo("HTTP");
    assertThat(list.integration().timeoutInMillis()).isEqualTo(10000);
    assertThat(list.integration().integrationResponses().get("500").selectionPattern()).isEqualTo("5\\d{2}");
    assertThat(list.integration().integrationResponses().get("200").selectionPattern()).isNull();
    assertThat(list.methodResponses().get("200").responseModels()).containsEntry("application/json", "Pets");
    Method create = byPath.get("/pets").methods().get("POST");
    assertThat(create.apiKeyRequired()).isTrue();
    assertThat(create.requestModels()).containsEntry("application/json", "Pet");
    Method get = byPath.get("/pets/{petId}").methods().get("GET");
    assertThat(get.authorizationType()).isEqualTo("CUSTOM");
    assertThat(d.authorizer(get.authorizerId()).type()).isEqualTo("TOKEN");
    assertThat(d.authorizer(get.authorizerId()).identitySource()).isEqualTo("method.request.header.Authorization");
    assertThat(get.requestParameters()).containsEntry("method.request.path.petId", true);
    Method any = byPath.get("/proxy/{proxy+}").methods().get("ANY");
    assertThat(any.integration().type()).isEqualTo("HTTP_PROXY");
    assertThat(any.requestParameters()).containsEntry("method.request.path.proxy", true);
    assertThat(d.models().get("Pets").schema()).contains("https://apigateway.amazonaws.com/restapis/api0000000/models/Pet");
    assertThat(d.gatewayResponses().get("DEFAULT_4XX").statusCode()).isEqualTo("400");
    assertThat(result.settings().binaryMediaTypes()).containsExactly("image/png");
    assertThat(result.settings().name()).isEqualTo("PetStore");
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void basePathPrependPutsPathsUnderTheServersPath() {
    var result = OpenApiReader.read(OpenApiDocument.parse(petstore()), ApiDefinition.empty("root000000"), "api0000000",
        ImportOptions.from(Map.of("basepath", "prepend")));
    assertThat(result.definition().resources().values()).extracting(Resource::path).contains("/v1/pets/{petId}");
  }

  @Test
  void anUnsupportedSecuritySchemeIsAWarningOrWithFailOnWarningsA400() {
    String doc = """
        openapi: 3.0.1
        info: {title: t, version: "1"}
        paths:
          /a:
            get:
              security: [{oauth: []}]
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration: {type: mock}
        components:
          securitySchemes:
            oauth: {type: oauth2, flows: {implicit: {authorizationUrl: "https://x", scopes: {}}}}
        """;
    assertThat(read(doc, DEFAULTS).warnings()).anyMatch(w -> w.contains("Security scheme 'oauth'"));
    assertThatThrownBy(() -> read(doc, ImportOptions.from(Map.of("failonwarnings", "true"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("oauth");
  }

  @Test
  void invalidIntegrationsNameTheirPlace() {
    String doc = """
        openapi: 3.0.1
        info: {title: t, version: "1"}
        paths:
          /a:
            get:
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration: {type: carrier_pigeon}
        """;
    assertThatThrownBy(() -> read(doc, DEFAULTS)).isInstanceOf(BadRequestException.class)
        .hasMessageContaining("paths./a.get.x-amazon-apigateway-integration")
        .hasMessageContaining("Invalid integration type");
  }

  @Test
  void externalReferencesAreNeitherFetchedNorImported() {
    String doc = """
        openapi: 3.0.1
        info: {title: t, version: "1"}
        paths:
          /a:
            get:
              requestBody:
                content:
                  application/json:
                    schema: {$ref: "http://127.0.0.1:9/remote.json#/Pet"}
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration: {type: mock}
          /b:
            $ref: "http://127.0.0.1:9/paths.json"
        """;
    var result = read(doc, DEFAULTS);
    assertThat(result.warnings()).anyMatch(w -> w.contains("external references are not supported"))
        .anyMatch(w -> w.contains("Path item reference"));
    assertThat(result.definition().resources().values()).extracting(Resource::path).containsExactlyInAnyOrder("/", "/a");
  }
}
