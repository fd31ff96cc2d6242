package dev.apigw.node.dataplane.integration.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the event an HTTP API's {@code AWS_PROXY} integration sends its function in payload format 2.0: {@code
 * version, routeKey, rawPath, rawQueryString, cookies, headers, queryStringParameters, requestContext, body,
 * pathParameters, isBase64Encoded, stageVariables}. As AWS does: header names in lower case, repeated headers and
 * query parameters joined with commas, the {@code Cookie} header split into {@code cookies} (and left out of {@code
 * headers}), and the optional fields absent when empty.
 */
public final class ProxyEventV2 {
  private ProxyEventV2() {}

  /** The event as UTF-8 JSON. */
  public static byte[] toJson(ProxyRequestV2 r) {
    try {
      return Json.MAPPER.writeValueAsBytes(toTree(r));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("requestContext: a value Jackson cannot write", e);
    }
  }

  /** The event as a JSON tree. */
  public static ObjectNode toTree(ProxyRequestV2 r) {
    ObjectNode event = Json.object();
    event.put("version", "2.0");
    event.put("routeKey", r.routeKey());
    event.put("rawPath", r.rawPath());
    event.put("rawQueryString", r.rawQueryString());
    List<String> cookies = new ArrayList<>();
    Map<String, String> headers = new LinkedHashMap<>();
    r.headers().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("cookie")) {
        values.forEach(v -> split(v, cookies));
      } else {
        headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
      }
    });
    if (!cookies.isEmpty()) {
      cookies.forEach(event.putArray("cookies")::add);
    }
    headers.forEach(event.putObject("headers")::put);
    if (!r.query().isEmpty()) {
      ObjectNode q = event.putObject("queryStringParameters");
      r.query().forEach((name, values) -> q.put(name, String.join(",", values)));
    }
    event.set("requestContext", Json.MAPPER.valueToTree(r.requestContext()));
    byte[] body = r.body();
    if (body.length > 0) {
      event.put("body", r.isBase64Encoded()
          ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8));
    }
    if (!r.pathParameters().isEmpty()) {
      r.pathParameters().forEach(event.putObject("pathParameters")::put);
    }
    event.put("isBase64Encoded", r.isBase64Encoded());
    if (!r.stageVariables().isEmpty()) {
      r.stageVariables().forEach(event.putObject("stageVariables")::put);
    }
    return event;
  }

  private static void split(String cookieHeader, List<String> into) {
    for (String c : cookieHeader.split(";")) {
      String trimmed = c.trim();
      if (!trimmed.isEmpty()) {
        into.add(trimmed);
      }
    }
  }
}
