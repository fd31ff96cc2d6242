package dev.apigw.node.dataplane.integration.aws;

import java.util.List;
import java.util.Map;

/**
 * A service's complete answer, whatever its status.
 *
 * @param status the HTTP status
 * @param headers its headers by name (case-insensitive), Content-Type included
 * @param contentType the body's Content-Type, or null when the answer has none
 * @param body the body
 */
public record AwsServiceResponse(int status, Map<String, List<String>> headers, String contentType, byte[] body) {}
