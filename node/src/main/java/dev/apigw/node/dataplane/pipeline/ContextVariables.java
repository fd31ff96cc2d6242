package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.request.ClientCertificate;
import dev.apigw.node.dataplane.request.MethodRequest;
import dev.apigw.node.dataplane.routing.ApiAddress;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Builds a request's {@code $context} tree with AWS's variable names from what the pipeline's steps learned. */
final class ContextVariables {
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private ContextVariables() {}

  /** The variables of a request that matched a method. */
  static Map<String, Object> of(RestExchange ex) {
    ApiAddress address = ex.address;
    MethodRequest request = ex.request;
    Map<String, Object> c = new HashMap<>();
    c.put("accountId", ex.accountId);
    c.put("apiId", address.apiId());
    c.put("stage", address.stage());
    c.put("deploymentId", ex.deployment.id());
    c.put("domainName", address.domainName());
    c.put("domainPrefix", address.domainPrefix());
    c.put("extendedRequestId", ex.extendedId);
    c.put("httpMethod", request.httpMethod());
    c.put("path", "/" + address.stage() + (request.path().equals("/") ? "/" : request.path()));
    c.put("protocol", ex.http.protocol().value());
    c.put("requestId", ex.requestId);
    c.put("requestTime", REQUEST_TIME.format(ex.received));
    c.put("requestTimeEpoch", ex.received.toEpochMilli());
    c.put("resourceId", ex.resource.id());
    c.put("resourcePath", ex.resource.path());
    c.put("isCanaryRequest", ex.canary);
    c.put("identity", identity(ex));
    c.put("authorizer", ex.authorized == null ? new HashMap<String, Object>() : new HashMap<>(ex.authorized.context()));
    return c;
  }

  private static Map<String, Object> identity(RestExchange ex) {
    Map<String, Object> identity = new HashMap<>();
    identity.put("sourceIp", ex.sourceIp);
    identity.put("userAgent", ex.request.header("User-Agent"));
    identity.put("apiKey", ex.apiKey == null ? null : ex.apiKey.key().value());
    identity.put("apiKeyId", ex.apiKey == null ? null : ex.apiKey.key().id());
    // A request signed with one of the gateway's key pairs (AWS_IAM); there are no IAM users here.
    String accessKey = ex.iamAccessKey;
    identity.put("accessKey", accessKey);
    identity.put("caller", accessKey);
    identity.put("user", accessKey);
    identity.put("accountId", accessKey == null ? null : ex.accountId);
    identity.put("userArn", accessKey == null ? null : "arn:aws:iam::" + ex.accountId + ":user/" + accessKey);
    identity.put("cognitoIdentityId", null);
    identity.put("cognitoIdentityPoolId", null);
    identity.put("cognitoAuthenticationType", null);
    identity.put("cognitoAuthenticationProvider", null);
    // Only on a mutual-TLS custom domain, verified there (MutualTls); AWS leaves it out otherwise.
    Map<String, Object> clientCert = ClientCertificate.variables(ex.http);
    if (clientCert != null) {
      identity.put("clientCert", clientCert);
    }
    return identity;
  }
}
