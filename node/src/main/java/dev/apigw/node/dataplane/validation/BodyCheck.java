package dev.apigw.node.dataplane.validation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Checks a request body against the model its content type selects. */
final class BodyCheck {

  /** AWS's detail when the body is empty or is not JSON. */
  static final String UNPARSEABLE = "Unknown error parsing request body";

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private final RequestModels models;

  BodyCheck(RequestModels models) {
    this.models = models;
  }

  /** AWS-style schema messages for the body; empty when it passes or no model applies. */
  List<String> violations(ValidationInput input) {
    return models.forContentType(input.contentType()).map(schema -> violations(schema, input.body())).orElse(List.of());
  }

  private static List<String> violations(Schema schema, byte[] body) {
    JsonNode json;
    try {
      json = MAPPER.readTree(body);
    } catch (JacksonException e) {
      return List.of(UNPARSEABLE);
    }
    if (json == null || json.isMissingNode()) {
      return List.of(UNPARSEABLE);
    }
    List<Error> errors = schema.validate(json);
    return errors.isEmpty() ? List.of() : AwsSchemaMessages.of(errors);
  }
}
