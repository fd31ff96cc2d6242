package dev.apigw.protocol.errors;

import java.util.ArrayList;
import java.util.List;

/**
 * The input-constraint violations of one request, collected and thrown as one {@link ValidationException} in AWS's
 * form: {@code 1 validation error detected: Value 'FOO' at 'createRestApiInput.apiKeySource' failed to satisfy
 * constraint: Member must satisfy enum value set: [AUTHORIZER, HEADER]}, several joined by {@code "; "} after
 * {@code N validation errors detected: }. Members are named as AWS names them: {@code <operation>Input.<member path>}
 * in camelCase.
 *
 * <p>Only constraints of AWS's model (enum, required, length, pattern) answer this way; AWS's own semantic checks
 * answer {@link BadRequestException} with their own texts.
 */
public final class ValidationErrors {
  private final String input;
  private final List<String> errors = new ArrayList<>();

  private ValidationErrors(String input) {
    this.input = input;
  }

  /** The violations of operation {@code operation} (e.g. {@code CreateRestApi}, named {@code createRestApiInput}). */
  public static ValidationErrors of(String operation) {
    return new ValidationErrors(Character.toLowerCase(operation.charAt(0)) + operation.substring(1) + "Input");
  }

  /** A required member that is absent. */
  public ValidationErrors notNull(String member, Object value) {
    if (value == null) {
      add(member, null, "Member must not be null");
    }
    return this;
  }

  /** An optional member that, when present, must be one of {@code allowed} (listed in the order AWS lists them). */
  public ValidationErrors oneOf(String member, String value, List<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      add(member, value, enumSet(allowed));
    }
    return this;
  }

  /** A required member that must be one of {@code allowed}: absent is "must not be null". */
  public ValidationErrors requiredOneOf(String member, String value, List<String> allowed) {
    return value == null ? notNull(member, null) : oneOf(member, value, allowed);
  }

  /** A list whose every item must be one of {@code allowed}; AWS shows the whole list as the value. */
  public ValidationErrors eachOneOf(String member, List<String> values, List<String> allowed) {
    if (values != null && !allowed.containsAll(values)) {
      add(member, values.toString(), "Member must satisfy constraint: [" + enumSet(allowed) + "]");
    }
    return this;
  }

  /** Throws the violations found so far, if any. */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors.size() + (errors.size() == 1 ? " validation error" : " validation errors")
          + " detected: " + String.join("; ", errors));
    }
  }

  private void add(String member, String value, String constraint) {
    errors.add("Value " + (value == null ? "null" : "'" + value + "'") + " at '" + input + "." + member
        + "' failed to satisfy constraint: " + constraint);
  }

  private static String enumSet(List<String> allowed) {
    return "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]";
  }
}
