package dev.apigw.node.controlplane.restapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.restapi.Integration;
import dev.apigw.protocol.restapi.IntegrationResponse;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.MethodResponse;
import dev.apigw.protocol.restapi.Resource;
import java.util.List;
import java.util.Map;

/** Renders resources, methods and integrations in AWS's wire shape. */
final class DefinitionJson {
  private DefinitionJson() {}

  static ObjectNode resource(Resource r, boolean withMethods) {
    ObjectNode out = Json.object();
    out.put("id", r.id());
    if (r.parentId() != null) {
      out.put("parentId", r.parentId());
      out.put("pathPart", r.pathPart());
    }
    out.put("path", r.path());
    if (!r.methods().isEmpty()) {
      // As AWS: every method by name; the whole method only when asked for (embed=methods), else {}.
      ObjectNode methods = out.putObject("resourceMethods");
      r.methods().values().stream()
          .sorted(java.util.Comparator.comparing(Method::httpMethod))
          .forEach(m -> methods.set(m.httpMethod(), withMethods ? method(m) : Json.object()));
    }
    return out;
  }

  static ObjectNode resources(List<Resource> resources, boolean withMethods, String position) {
    ObjectNode out = Json.object();
    var items = out.putArray("item");
    resources.forEach(r -> items.add(resource(r, withMethods)));
    if (position != null) {
      out.put("position", position);
    }
    return out;
  }

  static ObjectNode method(Method m) {
    ObjectNode out = Json.object();
    out.put("httpMethod", m.httpMethod());
    out.put("authorizationType", m.authorizationType());
    putIfPresent(out, "authorizerId", m.authorizerId());
    out.put("apiKeyRequired", m.apiKeyRequired());
    putIfPresent(out, "operationName", m.operationName());
    putIfPresent(out, "requestValidatorId", m.requestValidatorId());
    if (!m.requestParameters().isEmpty()) {
      ObjectNode params = out.putObject("requestParameters");
      m.requestParameters().forEach(params::put);
    }
    putMap(out, "requestModels", m.requestModels());
    if (!m.authorizationScopes().isEmpty()) {
      var scopes = out.putArray("authorizationScopes");
      m.authorizationScopes().forEach(scopes::add);
    }
    if (!m.methodResponses().isEmpty()) {
      ObjectNode responses = out.putObject("methodResponses");
      m.methodResponses().forEach((code, r) -> responses.set(code, methodResponse(r)));
    }
    if (m.integration() != null) {
      out.set("methodIntegration", integration(m.integration()));
    }
    return out;
  }

  static ObjectNode methodResponse(MethodResponse r) {
    ObjectNode out = Json.object();
    out.put("statusCode", r.statusCode());
    if (!r.responseParameters().isEmpty()) {
      ObjectNode params = out.putObject("responseParameters");
      r.responseParameters().forEach(params::put);
    }
    putMap(out, "responseModels", r.responseModels());
    return out;
  }

  static ObjectNode integration(Integration i) {
    ObjectNode out = Json.object();
    out.put("type", i.type());
    putIfPresent(out, "httpMethod", i.httpMethod());
    putIfPresent(out, "uri", i.uri());
    out.put("connectionType", i.connectionType());
    putIfPresent(out, "connectionId", i.connectionId());
    putIfPresent(out, "credentials", i.credentials());
    putMap(out, "requestParameters", i.requestParameters());
    putMap(out, "requestTemplates", i.requestTemplates());
    out.put("passthroughBehavior", i.passthroughBehavior());
    putIfPresent(out, "contentHandling", i.contentHandling());
    out.put("timeoutInMillis", i.timeoutInMillis());
    putIfPresent(out, "cacheNamespace", i.cacheNamespace());
    var keys = out.putArray("cacheKeyParameters");
    i.cacheKeyParameters().forEach(keys::add);
    if (!i.integrationResponses().isEmpty()) {
      ObjectNode responses = out.putObject("integrationResponses");
      i.integrationResponses().forEach((code, r) -> responses.set(code, integrationResponse(r)));
    }
    return out;
  }

  static ObjectNode integrationResponse(IntegrationResponse r) {
    ObjectNode out = Json.object();
    out.put("statusCode", r.statusCode());
    putIfPresent(out, "selectionPattern", r.selectionPattern());
    putMap(out, "responseParameters", r.responseParameters());
    putMap(out, "responseTemplates", r.responseTemplates());
    putIfPresent(out, "contentHandling", r.contentHandling());
    return out;
  }

  static void putIfPresent(ObjectNode out, String field, String value) {
    if (value != null) {
      out.put(field, value);
    }
  }

  static void putMap(ObjectNode out, String field, Map<String, String> values) {
    if (!values.isEmpty()) {
      ObjectNode node = out.putObject(field);
      values.forEach(node::put);
    }
  }
}
