package dev.apigw.node.dataplane.throttle;

import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.dataplane.snapshot.KeySnapshot;
import dev.apigw.protocol.keys.ApiKey;

/**
 * AWS's API key check for methods with {@code apiKeyRequired}: the key comes from the {@code
 * x-api-key} header (or from the authorizer when the API's {@code apiKeySource} is {@code
 * AUTHORIZER}); it must exist, be enabled and be in a usage plan attached to the stage. Anything
 * else is AWS's 403 {@code {"message":"Forbidden"}} through the {@code INVALID_API_KEY} response.
 */
public final class ApiKeyCheck {
  /** The header clients send their key in. */
  public static final String HEADER = "x-api-key";

  private final KeySnapshot keys;

  public ApiKeyCheck(KeySnapshot keys) {
    this.keys = keys;
  }

  /**
   * The key and the plan that admit this request.
   *
   * @param value the key the client presented (header or authorizer), or null
   * @throws GatewayError INVALID_API_KEY when the key is missing, unknown, disabled or in no plan of the stage
   */
  public KeySnapshot.Admitted admit(String value, String apiId, String stage) {
    ApiKey key = keys.keyByValue(value);
    if (key == null || !key.enabled()) {
      throw forbidden();
    }
    KeySnapshot.Admitted admitted = keys.admit(key, apiId, stage);
    if (admitted == null) {
      throw forbidden();
    }
    return admitted;
  }

  private static GatewayError forbidden() {
    return new GatewayError(ResponseTypes.INVALID_API_KEY, ResponseTypes.defaultMessage(ResponseTypes.INVALID_API_KEY));
  }
}
