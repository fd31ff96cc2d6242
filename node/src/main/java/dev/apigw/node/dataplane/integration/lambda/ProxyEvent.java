package dev.apigw.node.dataplane.integration.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes the event an {@code AWS_PROXY} integration sends its function, in AWS's payload format
 * 1.0: {@code resource, path, httpMethod, headers, multiValueHeaders, queryStringParameters,
 * multiValueQueryStringParameters, pathParameters, stageVariables, requestContext, body,
 * isBase64Encoded}, in that order. As AWS does, an empty map is written as {@code null}, the
 * single-value maps hold the last value received, and an empty body is {@code null}.
 */
public final class ProxyEvent {

  private ProxyEvent() {}

  /** The event as UTF-8 JSON. */
  public static byte[] toJson(ProxyRequest r) {
    try {
      return Json.MAPPER.writeValueAsBytes(toTree(r));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "requestContext: a value Jackson cannot write (expected: strings, numbers, booleans, null, maps and lists)", e);
    }
  }

  /** The event as a JSON tree. */
  public static ObjectNode toTree(ProxyRequest r) {
    ObjectNode event = Json.object();
    event.put("resource", r.resource());
    event.put("path", r.path());
    event.put("httpMethod", r.httpMethod());
    lastValues(event, "headers", r.headers());
    allValues(event, "multiValueHeaders", r.headers());
    lastValues(event, "queryStringParameters", r.queryString());
    allValues(event, "multiValueQueryStringParameters", r.queryString());
    single(event, "pathParameters", r.pathParameters());
    single(event, "stageVariables", r.stageVariables());
    event.set("requestContext", Json.MAPPER.valueToTree(r.requestContext()));
    byte[] body = r.body();
    if (body.length == 0) {
      event.putNull("body");
    } else {
      event.put("body", r.isBase64Encoded()
          ? Base64.getEncoder().encodeToString(body)
          : new String(body, StandardCharsets.UTF_8));
    }
    event.put("isBase64Encoded", r.isBase64Encoded());
    return event;
  }

  private static void lastValues(ObjectNode event, String field, Map<String, List<String>> map) {
    if (map.isEmpty()) {
      event.putNull(field);
      return;
    }
    ObjectNode node = event.putObject(field);
    map.forEach((name, values) -> {
      if (values.isEmpty()) {
        node.put(name, "");
      } else {
        node.put(name, values.get(values.size() - 1));
      }
    });
  }

  private static void allValues(ObjectNode event, String field, Map<String, List<String>> map) {
    if (map.isEmpty()) {
      event.putNull(field);
      return;
    }
    ObjectNode node = event.putObject(field);
    map.forEach((name, values) -> {
      var array = node.putArray(name);
      if (values.isEmpty()) {
        array.add("");
      } else {
        values.forEach(array::add);
      }
    });
  }

  private static void single(ObjectNode event, String field, Map<String, String> map) {
    if (map.isEmpty()) {
      event.putNull(field);
      return;
    }
    ObjectNode node = event.putObject(field);
    map.forEach(node::put);
  }
}
