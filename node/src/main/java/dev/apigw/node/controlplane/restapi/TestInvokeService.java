package dev.apigw.node.controlplane.restapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.methodtest.AuthorizerTester;
import dev.apigw.node.methodtest.MethodTester;
import dev.apigw.persistence.restapi.RestApis;
import dev.apigw.protocol.errors.BadRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * TestInvokeMethod and TestInvokeAuthorizer: reads the API's current definition (AWS tests what is defined, not what is
 * deployed), checks the resource and method or the authorizer exist (AWS's 404s) and hands the request to the data
 * plane's {@link MethodTester} or {@link AuthorizerTester}.
 */
public final class TestInvokeService {
  private final RestApis apis;
  private final MethodTester tester;
  private final AuthorizerTester authorizers;

  public TestInvokeService(RestApis apis, MethodTester tester, AuthorizerTester authorizers) {
    this.apis = apis;
    this.tester = tester;
    this.authorizers = authorizers;
  }

  public CompletionStage<AuthorizerTester.Result> testAuthorizer(String apiId, String authorizerId, JsonNode body) {
    String path = text(body, "pathWithQueryString");
    String requestBody = text(body, "body");
    Map<String, String> headers = strings(body, "headers");
    Map<String, List<String>> multiValueHeaders = lists(body, "multiValueHeaders");
    Map<String, String> stageVariables = strings(body, "stageVariables");
    Map<String, String> additionalContext = strings(body, "additionalContext");
    return apis.inspect(apiId).thenCompose(state -> authorizers.test(new AuthorizerTester.Request(state.api(),
        state.definition(), state.definition().authorizer(authorizerId), path, requestBody, headers,
        multiValueHeaders, stageVariables, additionalContext)));
  }

  public CompletionStage<MethodTester.Result> test(String apiId, String resourceId, String httpMethod, JsonNode body) {
    String path = text(body, "pathWithQueryString");
    String requestBody = text(body, "body");
    Map<String, String> headers = strings(body, "headers");
    Map<String, List<String>> multiValueHeaders = lists(body, "multiValueHeaders");
    Map<String, String> stageVariables = strings(body, "stageVariables");
    String clientCertificateId = text(body, "clientCertificateId");
    return apis.inspect(apiId).thenCompose(state -> {
      state.definition().method(resourceId, httpMethod);
      return tester.test(new MethodTester.Request(state.api(), state.definition(), resourceId, httpMethod, path,
          requestBody, headers, multiValueHeaders, stageVariables, clientCertificateId));
    });
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode()) {
      throw new BadRequestException(field + ": expected a string");
    }
    return v.asText();
  }

  private static Map<String, String> strings(JsonNode body, String field) {
    JsonNode v = body.get(field);
    Map<String, String> map = new LinkedHashMap<>();
    if (v == null || v.isNull()) {
      return map;
    }
    if (!v.isObject()) {
      throw new BadRequestException(field + ": expected a map of strings");
    }
    v.fields().forEachRemaining(e -> {
      if (!e.getValue().isValueNode()) {
        throw new BadRequestException(field + "." + e.getKey() + ": expected a string");
      }
      map.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
    });
    return map;
  }

  private static Map<String, List<String>> lists(JsonNode body, String field) {
    JsonNode v = body.get(field);
    Map<String, List<String>> map = new LinkedHashMap<>();
    if (v == null || v.isNull()) {
      return map;
    }
    if (!v.isObject()) {
      throw new BadRequestException(field + ": expected a map of string lists");
    }
    v.fields().forEachRemaining(e -> {
      if (!e.getValue().isArray()) {
        throw new BadRequestException(field + "." + e.getKey() + ": expected a list of strings");
      }
      List<String> values = new ArrayList<>();
      e.getValue().forEach(item -> values.add(item.asText()));
      map.put(e.getKey(), values);
    });
    return map;
  }
}
