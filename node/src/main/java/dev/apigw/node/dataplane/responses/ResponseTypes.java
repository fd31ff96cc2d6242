package dev.apigw.node.dataplane.responses;

import java.util.Map;

/** What AWS sends for each gateway response type: status, {@code x-amzn-ErrorType} and message. */
public final class ResponseTypes {
  public static final String MISSING_AUTHENTICATION_TOKEN = "MISSING_AUTHENTICATION_TOKEN";
  public static final String BAD_REQUEST_BODY = "BAD_REQUEST_BODY";
  public static final String BAD_REQUEST_PARAMETERS = "BAD_REQUEST_PARAMETERS";
  public static final String INTEGRATION_TIMEOUT = "INTEGRATION_TIMEOUT";
  public static final String INTEGRATION_FAILURE = "INTEGRATION_FAILURE";
  public static final String API_CONFIGURATION_ERROR = "API_CONFIGURATION_ERROR";
  public static final String AUTHORIZER_CONFIGURATION_ERROR = "AUTHORIZER_CONFIGURATION_ERROR";
  public static final String REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE";
  public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
  public static final String DEFAULT_4XX = "DEFAULT_4XX";
  public static final String DEFAULT_5XX = "DEFAULT_5XX";
  public static final String RESOURCE_NOT_FOUND = "RESOURCE_NOT_FOUND";
  public static final String INVALID_API_KEY = "INVALID_API_KEY";
  public static final String THROTTLED = "THROTTLED";
  public static final String QUOTA_EXCEEDED = "QUOTA_EXCEEDED";
  public static final String UNAUTHORIZED = "UNAUTHORIZED";
  public static final String ACCESS_DENIED = "ACCESS_DENIED";
  public static final String INVALID_SIGNATURE = "INVALID_SIGNATURE";

  /**
   * Not one of AWS's gateway response types: a custom domain's path no base path mapping serves,
   * which AWS answers with a plain 403 Forbidden before any API (and its gateway responses) is known.
   */
  public static final String FORBIDDEN = "FORBIDDEN";

  /** The message AWS puts in {@code {"message": ...}} for a plain 5XX. */
  public static final String INTERNAL_SERVER_ERROR = "Internal server error";

  private record Kind(int status, String errorType, String message) {}

  private static final Map<String, Kind> KINDS = Map.ofEntries(
      Map.entry(ACCESS_DENIED, new Kind(403, "AccessDeniedException", "Forbidden")),
      Map.entry(API_CONFIGURATION_ERROR, new Kind(500, "InternalServerErrorException", INTERNAL_SERVER_ERROR)),
      // A broken, failing or slow Lambda authorizer: AWS answers {"message": null}.
      Map.entry(AUTHORIZER_CONFIGURATION_ERROR, new Kind(500, "AuthorizerConfigurationException", null)),
      Map.entry("AUTHORIZER_FAILURE", new Kind(500, "InternalServerErrorException", INTERNAL_SERVER_ERROR)),
      Map.entry(BAD_REQUEST_PARAMETERS, new Kind(400, "BadRequestException", "Bad request")),
      Map.entry(BAD_REQUEST_BODY, new Kind(400, "BadRequestException", "Invalid request body")),
      Map.entry("EXPIRED_TOKEN", new Kind(403, "ExpiredTokenException", "Token expired")),
      Map.entry(INTEGRATION_FAILURE, new Kind(504, "InternalServerErrorException", INTERNAL_SERVER_ERROR)),
      Map.entry(INTEGRATION_TIMEOUT, new Kind(504, "InternalServerErrorException", "Endpoint request timed out")),
      Map.entry(INVALID_API_KEY, new Kind(403, "ForbiddenException", "Forbidden")),
      Map.entry(INVALID_SIGNATURE, new Kind(403, "InvalidSignatureException", "Invalid signature")),
      Map.entry(MISSING_AUTHENTICATION_TOKEN,
          new Kind(403, "MissingAuthenticationTokenException", "Missing Authentication Token")),
      Map.entry(QUOTA_EXCEEDED, new Kind(429, "LimitExceededException", "Limit Exceeded")),
      Map.entry(REQUEST_TOO_LARGE, new Kind(413, "RequestTooLargeException", "Request Too Long")),
      Map.entry(RESOURCE_NOT_FOUND, new Kind(404, "NotFoundException", "Not Found")),
      Map.entry(THROTTLED, new Kind(429, "TooManyRequestsException", "Too Many Requests")),
      Map.entry(UNAUTHORIZED, new Kind(401, "UnauthorizedException", "Unauthorized")),
      Map.entry(UNSUPPORTED_MEDIA_TYPE, new Kind(415, "UnsupportedMediaTypeException", "Unsupported Media Type")),
      Map.entry(FORBIDDEN, new Kind(403, "ForbiddenException", "Forbidden")),
      Map.entry("WAF_FILTERED", new Kind(403, "WAFFilteredException", "Forbidden")),
      Map.entry(DEFAULT_4XX, new Kind(400, "BadRequestException", "Bad request")),
      Map.entry(DEFAULT_5XX, new Kind(500, "InternalServerErrorException", INTERNAL_SERVER_ERROR)));

  private ResponseTypes() {}

  /** AWS's status for the type (400/500 for the DEFAULT types). */
  public static int defaultStatus(String type) {
    return kind(type).status();
  }

  /** The {@code x-amzn-ErrorType} AWS sends with the type. */
  public static String errorType(String type) {
    return kind(type).errorType();
  }

  /** AWS's message for the type. */
  public static String defaultMessage(String type) {
    return kind(type).message();
  }

  private static Kind kind(String type) {
    Kind k = KINDS.get(type);
    if (k == null) {
      throw new IllegalArgumentException("gateway response type: " + type + " (expected one of " + KINDS.keySet() + ")");
    }
    return k;
  }
}
