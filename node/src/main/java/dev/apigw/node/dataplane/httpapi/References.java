package dev.apigw.node.dataplane.httpapi;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.dataplane.request.MethodRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * What parameter mapping values reference: {@code request.header.x}, {@code request.querystring.x}, {@code
 * request.path} and {@code request.path.x}, {@code request.body} and {@code request.body.x} (AWS service integrations
 * only: the body is read for them), {@code context.x} (dots walk into {@code requestContext}, plus AWS's flat
 * names such as {@code context.requestId} and {@code context.authorizer.claims.x}), {@code stageVariables.x} and, for
 * response mappings, {@code response.header.x}.
 */
final class References {
  private References() {}

  static String resolve(HttpExchange ex, HttpResponse response, String ref) {
    MethodRequest r = ex.request;
    if (ref.startsWith("request.header.")) {
      return r.header(ref.substring("request.header.".length()));
    }
    if (ref.startsWith("request.querystring.")) {
      List<String> values = r.query().get(ref.substring("request.querystring.".length()));
      return values == null ? null : String.join(",", values);
    }
    if (ref.equals("request.path")) {
      return ex.path;
    }
    if (ref.startsWith("request.path.")) {
      return ex.match.pathParameters().get(ref.substring("request.path.".length()));
    }
    if (ref.equals("request.body")) {
      return ex.body == null ? null : new String(ex.body, StandardCharsets.UTF_8);
    }
    if (ref.startsWith("request.body.")) {
      return bodyValue(ex.bodyJson(), ref.substring("request.body.".length()));
    }
    if (ref.startsWith("stageVariables.")) {
      return ex.stage.variables().get(ref.substring("stageVariables.".length()));
    }
    if (ref.startsWith("response.header.") && response != null) {
      String name = ref.substring("response.header.".length());
      return response.getHeader(name).map(HttpHeader::value).orElse(null);
    }
    if (ref.startsWith("context.")) {
      return context(ex, ref.substring("context.".length()));
    }
    return null;
  }

  /**
   * A JSON path into the body ({@code a.b}, {@code items.0} or {@code items[0]}): text as it is, other values as JSON,
   * nothing when absent. Recursive descent and filters are not supported, as AWS's are not.
   */
  static String bodyValue(JsonNode root, String path) {
    // a.b[0].c becomes the JSON Pointer /a/b/0/c (a number indexes an array and names an object's member alike).
    StringBuilder pointer = new StringBuilder();
    for (String part : path.replace("[", ".").replace("]", "").split("\\.")) {
      if (!part.isEmpty()) {
        pointer.append('/').append(part.replace("~", "~0").replace("/", "~1"));
      }
    }
    JsonNode node = root.at(JsonPointer.compile(pointer.toString()));
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }

  /**
   * An access log {@code $context.x} of an answered request: {@code status}, {@code responseLength}, {@code
   * responseLatency}, {@code integrationLatency}, {@code integrationStatus}, {@code routeKey}, {@code stage}, {@code
   * apiId}, {@code requestId}, ... (null: unknown, rendered {@code -}).
   */
  static Object accessLogValue(HttpExchange ex, HttpResponse response, String name, long latencyMillis,
      long integrationLatencyMillis) {
    switch (name) {
      case "status":
        return response.status().intValue();
      case "responseLength":
        return response.entity().getContentLengthOption().isPresent()
            ? response.entity().getContentLengthOption().getAsLong() : null;
      case "responseLatency":
        return latencyMillis;
      case "integrationLatency":
      case "integration.latency":
        return integrationLatencyMillis < 0 ? null : integrationLatencyMillis;
      case "integrationStatus":
      case "integration.status":
        return integrationLatencyMillis < 0 ? null : response.status().intValue();
      case "stage":
        return ex.stageName;
      case "routeKey":
        return ex.routeKey();
      case "error.message":
        return ex.error == null ? null : ex.error.getMessage();
      case "error.responseType":
        return ex.error == null ? null : ex.error.responseType();
      case "integrationErrorMessage":
      case "integration.error":
        return ex.error == null ? null : ex.error.integrationError();
      default:
        break;
    }
    if (ex.request == null) {
      return name.equals("requestId") ? ex.requestId : name.equals("apiId") ? ex.address.apiId() : null;
    }
    return context(ex, name);
  }

  private static String context(HttpExchange ex, String name) {
    switch (name) {
      case "httpMethod":
        return ex.http.method().value();
      case "path":
        return ex.rawPath;
      case "protocol":
        return ex.http.protocol().value();
      case "identity.sourceIp":
        return ex.sourceIp;
      case "identity.userAgent":
        return ex.request.header("User-Agent");
      case "requestTime":
        return String.valueOf(ex.requestContext().get("time"));
      case "requestTimeEpoch":
        return String.valueOf(ex.received.toEpochMilli());
      default:
        break;
    }
    if (name.startsWith("identity.clientCert.")) {
      // HTTP APIs name it $context.identity.clientCert.x; payload 2.0 carries it as authentication.clientCert.
      return walk(ex.requestContext(), "authentication." + name.substring("identity.".length()));
    }
    if (name.startsWith("authorizer.") && ex.authorizer != null) {
      // $context.authorizer.claims.x (JWT) and $context.authorizer.x (Lambda) read the authorizer's output.
      String rest = name.substring("authorizer.".length());
      Object jwt = ex.authorizer.get("jwt");
      Object lambda = ex.authorizer.get("lambda");
      Object root = jwt != null ? jwt : lambda != null ? lambda : ex.authorizer;
      return walk(root, rest);
    }
    return walk(ex.requestContext(), name);
  }

  private static String walk(Object root, String path) {
    Object current = root;
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current == null || current instanceof Map ? null : current.toString();
  }
}
