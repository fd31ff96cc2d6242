package dev.apigw.node.dataplane.validation;

import static dev.apigw.node.dataplane.validation.Fixtures.API_ID;
import static dev.apigw.node.dataplane.validation.Fixtures.BODY_ONLY;
import static dev.apigw.node.dataplane.validation.Fixtures.body;
import static dev.apigw.node.dataplane.validation.Fixtures.compile;
import static dev.apigw.node.dataplane.validation.Fixtures.definition;
import static dev.apigw.node.dataplane.validation.Fixtures.json;
import static dev.apigw.node.dataplane.validation.Fixtures.method;
import static dev.apigw.node.dataplane.validation.Fixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.protocol.restapi.Model;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestBodyValidationTest {

  private static final Model PET = model("Pet", """
      {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object", "required": ["name", "age"],
       "properties": {
         "name": {"type": "string"},
         "age": {"type": "number", "minimum": 0, "maximum": 30, "exclusiveMaximum": true},
         "kind": {"enum": ["dog", "cat", "fish"]},
         "owner": {"$ref": "https://apigateway.amazonaws.com/restapis/a1b2c3d4e5/models/Owner"}}}""");

  private static final Model OWNER = model("Owner", """
      {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}""");

  private final RequestValidation pets =
      compile(definition(PET, OWNER), method(BODY_ONLY, Map.of(), Map.of("application/json", "Pet")));

  private static Optional<ValidationFailure> invalid(String detail) {
    return Optional.of(new ValidationFailure("BAD_REQUEST_BODY", "Invalid request body", detail));
  }

  @Test
  void validBodyPasses() {
    assertThat(pets.validate(json("{\"name\":\"Rex\",\"age\":3,\"kind\":\"dog\",\"owner\":{\"name\":\"Ann\"}}"))).isEmpty();
  }

  @Test
  void missingRequiredPropertiesAreListedSorted() {
    assertThat(pets.validate(json("{\"kind\":\"dog\"}")))
        .isEqualTo(invalid("[object has missing required properties ([\"age\",\"name\"])]"));
  }

  @Test
  void wrongTypeIsWordedLikeAws() {
    assertThat(pets.validate(json("{\"name\":\"Rex\",\"age\":\"3\"}")))
        .isEqualTo(invalid("[instance type (string) does not match any allowed primitive type (allowed: [\"integer\",\"number\"])]"));
  }

  @Test
  void valueOutsideEnumIsWordedLikeAws() {
    assertThat(pets.validate(json("{\"name\":\"Rex\",\"age\":3,\"kind\":\"bird\"}")))
        .isEqualTo(invalid("[instance value (\"bird\") not found in enum (possible values: [\"dog\",\"cat\",\"fish\"])]"));
  }

  @Test
  void schemasAreDraft4SoExclusiveMaximumIsABoolean() {
    assertThat(pets.validate(json("{\"name\":\"Rex\",\"age\":29.5}"))).isEmpty();
    assertThat(pets.validate(json("{\"name\":\"Rex\",\"age\":30}")))
        .isEqualTo(invalid("[numeric instance is not strictly lower than the required maximum 30]"));
    assertThat(pets.validate(json("{\"name\":\"Rex\",\"age\":31}")))
        .isEqualTo(invalid("[numeric instance is greater than the required maximum (maximum: 30, found: 31)]"));
    assertThat(pets.validate(json("{\"name\":\"Rex\",\"age\":-1}")))
        .isEqualTo(invalid("[numeric instance is lower than the required minimum (minimum: 0, found: -1)]"));
  }

  @Test
  void schemaWithoutDialectIsDraft4Too() {
    var positive = model("Positive", "{\"type\": \"number\", \"minimum\": 0, \"exclusiveMinimum\": true}");
    var compiled = compile(definition(positive), method(BODY_ONLY, Map.of(), Map.of("application/json", "Positive")));

    assertThat(compiled.validate(json("0.5"))).isEmpty();
    assertThat(compiled.validate(json("0")))
        .isEqualTo(invalid("[numeric instance is not strictly greater than the required minimum 0]"));
  }

  @Test
  void compiledValidationIsSharedSafelyBetweenThreads() {
    var results = IntStream.range(0, 2_000).parallel()
        .mapToObj(i -> pets.validate(json(i % 2 == 0 ? "{\"name\":\"Rex\",\"age\":3}" : "{\"age\":3}")))
        .distinct()
        .toList();

    assertThat(results).containsExactlyInAnyOrder(Optional.empty(),
        invalid("[object has missing required properties ([\"name\"])]"));
  }

  @Test
  void refToAnotherModelOfTheApiIsResolved() {
    assertThat(pets.validate(json("{\"name\":\"Rex\",\"age\":3,\"owner\":{}}")))
        .isEqualTo(invalid("[object has missing required properties ([\"name\"])]"));
  }

  @Test
  void everyViolationIsReported() {
    assertThat(pets.validate(json("{\"name\":7,\"kind\":\"bird\"}")))
        .isEqualTo(invalid("[instance type (integer) does not match any allowed primitive type (allowed: [\"string\"]), "
            + "instance value (\"bird\") not found in enum (possible values: [\"dog\",\"cat\",\"fish\"]), "
            + "object has missing required properties ([\"age\"])]"));
  }

  @Test
  void nonJsonOrEmptyBodyIsInvalid() {
    assertThat(pets.validate(json("name=Rex"))).isEqualTo(invalid("[Unknown error parsing request body]"));
    assertThat(pets.validate(json("{\"name\":\"Rex\",\"age\":3} trailing"))).isEqualTo(invalid("[Unknown error parsing request body]"));
    assertThat(pets.validate(json(""))).isEqualTo(invalid("[Unknown error parsing request body]"));
  }

  @Test
  void modelIsChosenByMediaTypeWithoutParameters() {
    assertThat(pets.validate(body("Application/JSON; charset=UTF-8", "{}")))
        .isEqualTo(invalid("[object has missing required properties ([\"age\",\"name\"])]"));
  }

  @Test
  void requestWithoutContentTypeIsTreatedAsJson() {
    assertThat(pets.validate(body(null, "{}")))
        .isEqualTo(invalid("[object has missing required properties ([\"age\",\"name\"])]"));
  }

  @Test
  void contentTypeWithoutModelIsNotValidated() {
    assertThat(pets.validate(body("text/plain", "not json at all"))).isEmpty();
  }

  @Test
  void defaultModelCoversOtherContentTypes() {
    var compiled = compile(definition(PET, OWNER),
        method(BODY_ONLY, Map.of(), Map.of("$default", "Owner", "application/json", "Pet")));

    assertThat(compiled.validate(body("text/plain", "{}")))
        .isEqualTo(invalid("[object has missing required properties ([\"name\"])]"));
    assertThat(compiled.validate(json("{\"name\":\"Ann\"}")))
        .isEqualTo(invalid("[object has missing required properties ([\"age\"])]"));
  }

  @Test
  void builtInEmptyModelAcceptsAnyObject() {
    var compiled = compile(definition(), method(BODY_ONLY, Map.of(), Map.of("application/json", "Empty")));

    assertThat(compiled.validate(json("{\"anything\":[1,2]}"))).isEmpty();
    assertThat(compiled.validate(json("[1,2]")))
        .isEqualTo(invalid("[instance type (array) does not match any allowed primitive type (allowed: [\"object\"])]"));
  }

  @Test
  void apiDefinedEmptyModelReplacesTheBuiltIn() {
    var empty = model("Empty", "{\"type\":\"object\",\"required\":[\"id\"]}");
    var compiled = compile(definition(empty), method(BODY_ONLY, Map.of(), Map.of("application/json", "Empty")));

    assertThat(compiled.validate(json("{}"))).isEqualTo(invalid("[object has missing required properties ([\"id\"])]"));
  }

  @Test
  void bodyValidatorWithoutModelsHasNothingToValidate() {
    assertThat(RequestValidation.compile(API_ID, definition(PET), method(BODY_ONLY, Map.of(), Map.of()))).isEmpty();
  }

  @Test
  void schemaThatDoesNotCompileIsRefusedNamingTheModel() {
    var broken = model("Broken", "{\"type\": \"object\", ");

    assertThatThrownBy(() -> RequestValidation.compile(API_ID, definition(broken),
        method(BODY_ONLY, Map.of(), Map.of("application/json", "Broken"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Model 'Broken' of API a1b2c3d4e5 has an invalid schema: ")
        .hasMessageEndingWith(" (expected: a JSON Schema draft 4 document whose $refs name models of this API)");
  }

  @Test
  void refToAModelTheApiLacksIsRefusedNamingTheModel() {
    var dangling = model("Dangling",
        "{\"properties\": {\"x\": {\"$ref\": \"https://apigateway.amazonaws.com/restapis/a1b2c3d4e5/models/Nope\"}}}");

    assertThatThrownBy(() -> RequestValidation.compile(API_ID, definition(dangling),
        method(BODY_ONLY, Map.of(), Map.of("application/json", "Dangling"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Model 'Dangling' of API a1b2c3d4e5 has an invalid schema: ");
  }

  @Test
  void requestModelTheApiLacksIsRefusedNamingTheModel() {
    assertThatThrownBy(() -> RequestValidation.compile(API_ID, definition(),
        method(BODY_ONLY, Map.of(), Map.of("application/json", "Ghost"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Model 'Ghost' of API a1b2c3d4e5 is not defined (expected one of [Empty, Error])");
  }
}
