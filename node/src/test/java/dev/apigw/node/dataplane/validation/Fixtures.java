package dev.apigw.node.dataplane.validation;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.Model;
import dev.apigw.protocol.restapi.RequestValidator;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds API definitions, methods and requests for the validation tests. */
final class Fixtures {
  static final String API_ID = "a1b2c3d4e5";
  static final String PARAMS_ONLY = "params0001";
  static final String BODY_ONLY = "body000001";
  static final String BOTH = "both000001";

  private Fixtures() {}

  static ApiDefinition definition(Model... models) {
    Map<String, Model> byName = new HashMap<>();
    Arrays.stream(models).forEach(m -> byName.put(m.name(), m));
    return new ApiDefinition("root000001", ApiDefinition.empty("root000001").resources(), byName,
        Map.of(PARAMS_ONLY, new RequestValidator(PARAMS_ONLY, "params", false, true),
            BODY_ONLY, new RequestValidator(BODY_ONLY, "body", true, false),
            BOTH, new RequestValidator(BOTH, "both", true, true)),
        Map.of(), Map.of());
  }

  static Model model(String name, String schema) {
    return new Model(name.toLowerCase() + "00000", name, null, schema, "application/json");
  }

  static Method method(String validatorId, Map<String, Boolean> parameters, Map<String, String> models) {
    return new Method("POST", "NONE", null, false, null, parameters, models, validatorId, null, null, null);
  }

  static RequestValidation compile(ApiDefinition definition, Method method) {
    return RequestValidation.compile(API_ID, definition, method).orElseThrow();
  }

  static ValidationInput json(String body) {
    return body("application/json", body);
  }

  static ValidationInput body(String contentType, String body) {
    return new ValidationInput(Map.of(), Map.of(), Map.of(), contentType, body.getBytes(UTF_8));
  }

  static ValidationInput params(Map<String, String> path, Map<String, List<String>> query, Map<String, List<String>> headers) {
    return new ValidationInput(path, query, headers, null, new byte[0]);
  }
}
