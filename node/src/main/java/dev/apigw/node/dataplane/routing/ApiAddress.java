package dev.apigw.node.dataplane.routing;

/**
 * Which API and stage a request addresses, and the resource path inside the stage.
 *
 * @param apiId the REST API's id
 * @param stage the stage name, or null when the request names none (e.g. {@code GET /})
 * @param path the resource path, percent-encoded as received, starting with {@code /}
 * @param domainName the host the client used, without port
 * @param domainPrefix the first label of {@code domainName}
 * @param customDomain whether a custom domain name's base path mapping named the API (not its execute-api address)
 */
public record ApiAddress(String apiId, String stage, String path, String domainName, String domainPrefix,
    boolean customDomain) {
  /** A custom domain name with no base path mapping for the request's path. */
  public static final ApiAddress UNMAPPED = new ApiAddress(null, null, "/", null, null, true);
}
