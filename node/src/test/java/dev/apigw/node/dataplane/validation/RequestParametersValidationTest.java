package dev.apigw.node.dataplane.validation;

import static dev.apigw.node.dataplane.validation.Fixtures.API_ID;
import static dev.apigw.node.dataplane.validation.Fixtures.BOTH;
import static dev.apigw.node.dataplane.validation.Fixtures.PARAMS_ONLY;
import static dev.apigw.node.dataplane.validation.Fixtures.compile;
import static dev.apigw.node.dataplane.validation.Fixtures.definition;
import static dev.apigw.node.dataplane.validation.Fixtures.json;
import static dev.apigw.node.dataplane.validation.Fixtures.method;
import static dev.apigw.node.dataplane.validation.Fixtures.model;
import static dev.apigw.node.dataplane.validation.Fixtures.params;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestParametersValidationTest {

  private static final Map<String, Boolean> THREE_REQUIRED = Map.of(
      "method.request.querystring.page", true,
      "method.request.header.x-foo", true,
      "method.request.path.id", true,
      "method.request.querystring.optional", false);

  private final RequestValidation validation = compile(definition(), method(PARAMS_ONLY, THREE_REQUIRED, Map.of()));

  @Test
  void noValidatorMeansNothingToCompile() {
    assertThat(RequestValidation.compile(API_ID, definition(), method(null, THREE_REQUIRED, Map.of()))).isEmpty();
    assertThat(RequestValidation.compile(API_ID, definition(), method("gone000001", THREE_REQUIRED, Map.of()))).isEmpty();
  }

  @Test
  void noRequiredParameterAndNoModelMeansNothingToValidate() {
    var onlyOptional = method(BOTH, Map.of("method.request.querystring.optional", false), Map.of());
    assertThat(RequestValidation.compile(API_ID, definition(), onlyOptional)).isEmpty();
  }

  @Test
  void listsEveryMissingParameterInAwsOrder() {
    var failure = validation.validate(params(Map.of(), Map.of(), Map.of())).orElseThrow();

    assertThat(failure).isEqualTo(new ValidationFailure("BAD_REQUEST_PARAMETERS",
        "Missing required request parameters: [x-foo, id, page]", "Missing required request parameters: [x-foo, id, page]"));
  }

  @Test
  void presentParametersPassWithHeaderNamesInAnyCase() {
    var input = params(Map.of("id", "42"), Map.of("page", List.of("2")), Map.of("X-Foo", List.of("bar")));

    assertThat(validation.validate(input)).isEmpty();
  }

  @Test
  void emptyOrBlankValuesCountAsMissing() {
    var input = params(Map.of("id", ""), Map.of("page", List.of("")), Map.of("x-foo", List.of(" ")));

    assertThat(validation.validate(input).map(ValidationFailure::message))
        .contains("Missing required request parameters: [x-foo, id, page]");
  }

  @Test
  void reportsOnlyTheParametersThatAreMissing() {
    var input = params(Map.of("id", "42"), Map.of("page", List.of("", "3")), Map.of());

    assertThat(validation.validate(input).map(ValidationFailure::message))
        .contains("Missing required request parameters: [x-foo]");
  }

  @Test
  void multiValueParametersAreCheckedLikeSingleValueOnes() {
    var multi = compile(definition(), method(PARAMS_ONLY,
        Map.of("method.request.multivaluequerystring.tag", true, "method.request.multivalueheader.x-tags", true), Map.of()));

    assertThat(multi.validate(params(Map.of(), Map.of("tag", List.of("a", "b")), Map.of("x-tags", List.of("c")))))
        .isEmpty();
    assertThat(multi.validate(params(Map.of(), Map.of(), Map.of())).map(ValidationFailure::message))
        .contains("Missing required request parameters: [x-tags, tag]");
  }

  @Test
  void parametersOnlyValidatorIgnoresTheBody() {
    var withModel = method(PARAMS_ONLY, Map.of("method.request.header.x-foo", true), Map.of("application/json", "Pet"));
    var compiled = compile(definition(model("Pet", "{\"type\":\"object\",\"required\":[\"name\"]}")), withModel);
    var input = new ValidationInput(Map.of(), Map.of(), Map.of("x-foo", List.of("1")), "application/json",
        "not json".getBytes());

    assertThat(compiled.validate(input)).isEmpty();
  }

  @Test
  void parametersAreCheckedBeforeTheBody() {
    var both = method(BOTH, Map.of("method.request.header.x-foo", true), Map.of("application/json", "Pet"));
    var compiled = compile(definition(model("Pet", "{\"type\":\"object\",\"required\":[\"name\"]}")), both);

    assertThat(compiled.validate(json("{}")).map(ValidationFailure::responseType)).contains("BAD_REQUEST_PARAMETERS");
    var withHeader = new ValidationInput(Map.of(), Map.of(), Map.of("x-foo", List.of("1")), "application/json", "{}".getBytes());
    assertThat(compiled.validate(withHeader)).contains(new ValidationFailure("BAD_REQUEST_BODY", "Invalid request body",
        "[object has missing required properties ([\"name\"])]"));
  }
}
