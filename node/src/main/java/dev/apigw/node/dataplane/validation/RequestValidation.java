package dev.apigw.node.dataplane.validation;

import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.RequestValidator;
import java.util.List;
import java.util.Optional;

/**
 * A method's request validator, compiled once per deployment and safe to share between threads.
 * Like AWS it checks required parameters first ({@code BAD_REQUEST_PARAMETERS}), then the body
 * against the model its content type selects ({@code BAD_REQUEST_BODY}).
 */
public final class RequestValidation {

  private final Optional<RequiredParameters> parameters;
  private final Optional<BodyCheck> body;

  private RequestValidation(Optional<RequiredParameters> parameters, Optional<BodyCheck> body) {
    this.parameters = parameters;
    this.body = body;
  }

  /**
   * The method's validation, with its models' schemas parsed now. Empty when the method has no
   * validator (or names one the API no longer has) or nothing to validate.
   *
   * @param apiId the API's id, which {@code $ref}s between its models contain
   * @throws IllegalArgumentException naming the model when a request model's schema does not compile
   */
  public static Optional<RequestValidation> compile(String apiId, ApiDefinition definition, Method method) {
    String validatorId = method.requestValidatorId();
    RequestValidator validator = validatorId == null ? null : definition.requestValidators().get(validatorId);
    if (validator == null) {
      return Optional.empty();
    }
    Optional<RequiredParameters> parameters = validator.validateRequestParameters()
        ? RequiredParameters.of(method.requestParameters())
        : Optional.empty();
    Optional<BodyCheck> body = validator.validateRequestBody()
        ? RequestModels.compile(method.requestModels(), new ModelSchemas(apiId, definition)).map(BodyCheck::new)
        : Optional.empty();
    if (parameters.isEmpty() && body.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RequestValidation(parameters, body));
  }

  /** Why AWS would refuse the request; empty when it passes. */
  public Optional<ValidationFailure> validate(ValidationInput input) {
    if (parameters.isPresent()) {
      List<String> missing = parameters.get().missingFrom(input);
      if (!missing.isEmpty()) {
        return Optional.of(ValidationFailure.missingParameters(missing));
      }
    }
    if (body.isPresent()) {
      List<String> violations = body.get().violations(input);
      if (!violations.isEmpty()) {
        return Optional.of(ValidationFailure.invalidBody(violations));
      }
    }
    return Optional.empty();
  }
}
