package dev.apigw.protocol.restapi;

import java.util.Map;

/** AWS's default status code for each gateway response type (null: the error's own 4XX/5XX status). */
public final class GatewayResponseDefaults {
  private static final Map<String, String> STATUS = Map.ofEntries(
      Map.entry("ACCESS_DENIED", "403"), Map.entry("API_CONFIGURATION_ERROR", "500"),
      Map.entry("AUTHORIZER_CONFIGURATION_ERROR", "500"), Map.entry("AUTHORIZER_FAILURE", "500"),
      Map.entry("BAD_REQUEST_PARAMETERS", "400"), Map.entry("BAD_REQUEST_BODY", "400"),
      Map.entry("EXPIRED_TOKEN", "403"), Map.entry("INTEGRATION_FAILURE", "504"),
      Map.entry("INTEGRATION_TIMEOUT", "504"), Map.entry("INVALID_API_KEY", "403"),
      Map.entry("INVALID_SIGNATURE", "403"), Map.entry("MISSING_AUTHENTICATION_TOKEN", "403"),
      Map.entry("QUOTA_EXCEEDED", "429"), Map.entry("REQUEST_TOO_LARGE", "413"),
      Map.entry("RESOURCE_NOT_FOUND", "404"), Map.entry("THROTTLED", "429"), Map.entry("UNAUTHORIZED", "401"),
      Map.entry("UNSUPPORTED_MEDIA_TYPE", "415"), Map.entry("WAF_FILTERED", "403"));

  /** AWS's body template for every default response. */
  public static final String TEMPLATE = "{\"message\":$context.error.messageString}";

  private GatewayResponseDefaults() {}

  /** The default response of a type. */
  public static GatewayResponse of(String type) {
    return new GatewayResponse(type, STATUS.get(type), Map.of(), Map.of("application/json", TEMPLATE));
  }
}
