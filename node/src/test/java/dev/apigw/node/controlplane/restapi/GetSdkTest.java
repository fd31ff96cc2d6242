package dev.apigw.node.controlplane.restapi;

import static dev.apigw.node.controlplane.restapi.RestApiOperationsTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.TestNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.GetSdkResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.SdkType;

/**
 * GetSdkTypes, GetSdkType and GetSdk through the real AWS SDK: a deployed API's stage generated into a JavaScript and
 * a Java client SDK (openapi-generator), unzipped and checked for the project file and the API class with the API's
 * paths; the types not generated here and unknown stages answer AWS errors.
 */
@ExtendWith(CassandraExtension.class)
class GetSdkTest {
  private static TestNode node;
  private static ApiGatewayClient client;
  private static String apiId;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    client = node.client();
    var api = client.createRestApi(r -> r.name("Pet Store"));
    apiId = api.id();
    String pets = client.createResource(r -> r.restApiId(apiId).parentId(api.rootResourceId()).pathPart("pets")).id();
    String pet = client.createResource(r -> r.restApiId(apiId).parentId(pets).pathPart("{petId}")).id();
    for (String resource : new String[] {pets, pet}) {
      client.putMethod(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").authorizationType("NONE")
          .operationName(resource.equals(pets) ? "listPets" : "getPet")
          .requestParameters(resource.equals(pet) ? Map.of("method.request.path.petId", true) : Map.of()));
      client.putIntegration(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").type(IntegrationType.MOCK)
          .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
      client.putMethodResponse(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").statusCode("200"));
    }
    client.createDeployment(r -> r.restApiId(apiId).stageName("v1"));
  }

  @AfterAll
  static void stop() {
    client.close();
    node.close();
  }

  @Test
  void sdkTypesAreAwsTypes() {
    var types = client.getSdkTypes(r -> {}).items();
    assertThat(types).extracting(SdkType::id)
        .containsExactly("android", "javascript", "objectivec", "swift", "java", "ruby");
    SdkType listed = types.stream().filter(t -> t.id().equals("java")).findFirst().orElseThrow();
    var java = client.getSdkType(r -> r.id("java"));
    assertThat(java.friendlyName()).isEqualTo("Java SDK").isEqualTo(listed.friendlyName());
    assertThat(java.configurationProperties()).isEqualTo(listed.configurationProperties());
    assertThat(java.configurationProperties()).anySatisfy(p -> {
      assertThat(p.name()).isEqualTo("serviceName");
      assertThat(p.required()).isTrue();
    });
    var javascript = client.getSdkType(r -> r.id("javascript"));
    assertThat(javascript.friendlyName()).isEqualTo("JavaScript");
    assertThat(javascript.configurationProperties()).isEmpty();
    failure(NotFoundException.class, () -> client.getSdkType(r -> r.id("cobol")), 404, "NotFoundException",
        "Invalid SDK type identifier specified");
  }

  @Test
  void javascriptSdkIsAGeneratedNpmProject() {
    GetSdkResponse sdk = client.getSdk(r -> r.restApiId(apiId).stageName("v1").sdkType("javascript"));
    assertThat(sdk.contentType()).isEqualTo("application/octet-stream");
    assertThat(sdk.contentDisposition()).matches("attachment; filename=\"javascript_\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\dZ\\.zip\"");
    Map<String, String> files = unzip(sdk.body().asByteArray());
    assertThat(files).containsKey("apiGateway-js-sdk/package.json");
    String api = files.get("apiGateway-js-sdk/src/api/DefaultApi.js");
    assertThat(api).as(files.keySet().toString()).isNotNull()
        .contains("'/pets'", "'/pets/{petId}'", "listPets", "getPet");
  }

  @Test
  void javaSdkIsAGeneratedMavenProjectInTheGivenPackage() {
    GetSdkResponse sdk = client.getSdk(r -> r.restApiId(apiId).stageName("v1").sdkType("java")
        .parameters(Map.of("serviceName", "PetStore", "javaPackageName", "com.example.pets",
            "javaArtifactVersion", "2.0.1")));
    Map<String, String> files = unzip(sdk.body().asByteArray());
    String pom = files.get("petstore/pom.xml");
    assertThat(pom).as(files.keySet().toString()).isNotNull()
        .contains("<artifactId>petstore</artifactId>", "<version>2.0.1</version>");
    assertThat(files.get("petstore/src/main/java/com/example/pets/api/DefaultApi.java"))
        .as(files.keySet().toString()).isNotNull()
        .contains("package com.example.pets.api;", "\"/pets/{petId}\"", "listPets", "getPet");
    assertThat(files.keySet()).noneMatch(name -> name.contains("/src/test/"));

    failure(BadRequestException.class, () -> client.getSdk(r -> r.restApiId(apiId).stageName("v1").sdkType("java")
        .parameters(Map.of("serviceName", "PetStore"))), 400, "BadRequestException",
        "Missing required parameter javaPackageName for SDK type java");
    failure(BadRequestException.class, () -> client.getSdk(r -> r.restApiId(apiId).stageName("v1").sdkType("java")
        .parameters(Map.of("serviceName", "PetStore", "javaPackageName", "com.example;rm"))), 400,
        "BadRequestException", "Invalid parameter javaPackageName: com.example;rm (expected: a Java package name)");
  }

  @Test
  void typesNotGeneratedAndUnknownStagesAreAwsErrors() {
    failure(BadRequestException.class, () -> client.getSdk(r -> r.restApiId(apiId).stageName("v1")
        .sdkType("objectivec").parameters(Map.of("classPrefix", "PS"))), 400, "BadRequestException",
        "SDK type objectivec is not generated by this gateway (it generates: javascript, java)");
    failure(NotFoundException.class, () -> client.getSdk(r -> r.restApiId(apiId).stageName("nope")
        .sdkType("javascript")), 404, "NotFoundException", "Invalid Stage identifier specified");
    failure(NotFoundException.class, () -> client.getSdk(r -> r.restApiId(apiId).stageName("v1")
        .sdkType("cobol")), 404, "NotFoundException", "Invalid SDK type identifier specified");
  }

  /** Entry name to text. */
  private static Map<String, String> unzip(byte[] zip) {
    Map<String, String> files = new LinkedHashMap<>();
    try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
