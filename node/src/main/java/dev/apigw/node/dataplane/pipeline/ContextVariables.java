package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.request.MethodRequest;
import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.protocol.restapi.Resource;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Builds a request's {@code $context} tree with AWS's variable names. */
public final class ContextVariables {
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private ContextVariables() {}

  /**
   * The variables known once a request matched a method.
   *
   * @param stagePath whether the stage is part of the path the client used (execute-api hosts)
   */
  public static Map<String, Object> of(String accountId, String requestId, String extendedRequestId, Instant received,
      ApiAddress address, String deploymentId, Resource resource, MethodRequest request, String sourceIp,
      String protocol, boolean canary) {
    Map<String, Object> c = new HashMap<>();
    c.put("accountId", accountId);
    c.put("apiId", address.apiId());
    c.put("stage", address.stage());
    c.put("deploymentId", deploymentId);
    c.put("domainName", address.domainName());
    c.put("domainPrefix", address.domainPrefix());
    c.put("extendedRequestId", extendedRequestId);
    c.put("httpMethod", request.httpMethod());
    c.put("path", "/" + address.stage() + (request.path().equals("/") ? "/" : request.path()));
    c.put("protocol", protocol);
    c.put("requestId", requestId);
    c.put("requestTime", REQUEST_TIME.format(received));
    c.put("requestTimeEpoch", received.toEpochMilli());
    c.put("resourceId", resource == null ? null : resource.id());
    c.put("resourcePath", resource == null ? null : resource.path());
    c.put("isCanaryRequest", canary);
    Map<String, Object> identity = new HashMap<>();
    identity.put("sourceIp", sourceIp);
    identity.put("userAgent", request.header("User-Agent"));
    identity.put("apiKey", null);
    identity.put("apiKeyId", null);
    identity.put("accountId", null);
    identity.put("caller", null);
    identity.put("user", null);
    identity.put("userArn", null);
    identity.put("accessKey", null);
    identity.put("cognitoIdentityId", null);
    identity.put("cognitoIdentityPoolId", null);
    identity.put("cognitoAuthenticationType", null);
    identity.put("cognitoAuthenticationProvider", null);
    c.put("identity", identity);
    c.put("authorizer", new HashMap<String, Object>());
    return c;
  }
}
