package dev.apigw.node.dataplane.validation;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The required parameters of a method, checked in the order AWS reports them. */
final class RequiredParameters {

  private final List<RequiredParameter> required;

  private RequiredParameters(List<RequiredParameter> required) {
    this.required = required;
  }

  /**
   * The parameters flagged {@code true} in a method's {@code requestParameters}; empty when none is.
   * Missing parameters are listed by expression order ({@code header} before {@code path} before
   * {@code querystring}, then by name), as LocalStack's parity tests against AWS do.
   */
  static Optional<RequiredParameters> of(Map<String, Boolean> requestParameters) {
    List<RequiredParameter> required = requestParameters.entrySet().stream()
        .filter(e -> Boolean.TRUE.equals(e.getValue()))
        .map(e -> RequiredParameter.parse(e.getKey()))
        .flatMap(Optional::stream)
        .sorted(Comparator.comparing(RequiredParameter::expression))
        .toList();
    return required.isEmpty() ? Optional.empty() : Optional.of(new RequiredParameters(required));
  }

  /** Names of the required parameters the request lacks or leaves blank. */
  List<String> missingFrom(ValidationInput input) {
    return required.stream().filter(p -> !p.isPresentIn(input)).map(RequiredParameter::name).toList();
  }
}
