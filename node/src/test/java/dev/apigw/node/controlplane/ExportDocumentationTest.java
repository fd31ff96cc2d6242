package dev.apigw.node.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/**
 * GetExport through the real AWS SDK: a stage's published documentation parts document the exported API info,
 * resources, models, request bodies, response headers and authorizers, with AWS's path-prefix inheritance.
 */
@ExtendWith(CassandraExtension.class)
class ExportDocumentationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestNode node;
  private static ApiGatewayClient client;

  private static final String DOC = """
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

  private static JsonNode export(String apiId, String type) throws Exception {
    return JSON.readTree(client.getExport(r -> r.restApiId(apiId).stageName("docs").exportType(type)
        .accepts("application/json")).body().asUtf8String());
  }

  @Test
  void publishedDocumentationDocumentsTheExportedEntities() throws Exception {
    var api = client.importRestApi(r -> r.body(SdkBytes.fromUtf8String(DOC)));
    client.createDeployment(r -> r.restApiId(api.id()).stageName("docs"));
    client.createDocumentationVersion(r -> r.restApiId(api.id()).documentationVersion("1").stageName("docs"));

    JsonNode oas = export(api.id(), "oas30");
    JsonNode swagger = export(api.id(), "swagger");
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
