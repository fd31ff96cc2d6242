package dev.apigw.protocol.errors;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationErrorsTest {
  private static final List<String> TYPES = List.of("PRIVATE", "EDGE", "REGIONAL");

  @Test
  void oneViolationNamesTheOperationInputAndTheMember() {
    assertThatThrownBy(() -> ValidationErrors.of("CreateRestApi").oneOf("apiKeySource", "NOPE", List.of("AUTHORIZER", "HEADER"))
        .throwIfAny())
        .isInstanceOf(ValidationException.class)
        .hasMessage("1 validation error detected: Value 'NOPE' at 'createRestApiInput.apiKeySource' failed to satisfy "
            + "constraint: Member must satisfy enum value set: [AUTHORIZER, HEADER]");
  }

  @Test
  void severalViolationsAreCountedAndJoinedBySemicolons() {
    assertThatThrownBy(() -> ValidationErrors.of("PutIntegration").notNull("type", null)
        .eachOneOf("endpointConfiguration.types", List.of("EDGE", "FOO"), TYPES).throwIfAny())
        .hasMessage("2 validation errors detected: Value null at 'putIntegrationInput.type' failed to satisfy constraint: "
            + "Member must not be null; Value '[EDGE, FOO]' at 'putIntegrationInput.endpointConfiguration.types' failed "
            + "to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: "
            + "[PRIVATE, EDGE, REGIONAL]]");
  }

  @Test
  void absentOptionalMembersAndAllowedValuesPass() {
    assertThatCode(() -> ValidationErrors.of("CreateRestApi").oneOf("apiKeySource", null, List.of("HEADER"))
        .oneOf("x", "HEADER", List.of("HEADER")).eachOneOf("types", List.of("EDGE"), TYPES)
        .eachOneOf("types", null, TYPES).throwIfAny()).doesNotThrowAnyException();
  }
}
