package dev.apigw.node.controlplane.restapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.restapi.Authorizer;
import dev.apigw.protocol.restapi.GatewayResponse;
import dev.apigw.protocol.restapi.Model;
import dev.apigw.protocol.restapi.RequestValidator;
import java.util.Collection;
import java.util.function.Function;

/** Renders models, request validators, authorizers and gateway responses in AWS's wire shape. */
final class ComponentJson {
  private ComponentJson() {}

  static ObjectNode model(Model m) {
    ObjectNode out = Json.object();
    out.put("id", m.id());
    out.put("name", m.name());
    DefinitionJson.putIfPresent(out, "description", m.description());
    DefinitionJson.putIfPresent(out, "schema", m.schema());
    out.put("contentType", m.contentType());
    return out;
  }

  static ObjectNode validator(RequestValidator v) {
    ObjectNode out = Json.object();
    out.put("id", v.id());
    out.put("name", v.name());
    out.put("validateRequestBody", v.validateRequestBody());
    out.put("validateRequestParameters", v.validateRequestParameters());
    return out;
  }

  static ObjectNode authorizer(Authorizer a) {
    ObjectNode out = Json.object();
    out.put("id", a.id());
    out.put("name", a.name());
    out.put("type", a.type());
    DefinitionJson.putIfPresent(out, "authorizerUri", a.authorizerUri());
    DefinitionJson.putIfPresent(out, "authorizerCredentials", a.authorizerCredentials());
    DefinitionJson.putIfPresent(out, "identitySource", a.identitySource());
    DefinitionJson.putIfPresent(out, "identityValidationExpression", a.identityValidationExpression());
    out.put("authorizerResultTtlInSeconds", a.authorizerResultTtlInSeconds());
    if (!a.providerARNs().isEmpty()) {
      var arns = out.putArray("providerARNs");
      a.providerARNs().forEach(arns::add);
    }
    DefinitionJson.putIfPresent(out, "authType", a.authType());
    return out;
  }

  static ObjectNode gatewayResponse(GatewayResponse g, boolean isDefault) {
    ObjectNode out = Json.object();
    out.put("responseType", g.responseType());
    DefinitionJson.putIfPresent(out, "statusCode", g.statusCode());
    DefinitionJson.putMap(out, "responseParameters", g.responseParameters());
    DefinitionJson.putMap(out, "responseTemplates", g.responseTemplates());
    out.put("defaultResponse", isDefault);
    return out;
  }

  static <T> ObjectNode items(Collection<T> items, Function<T, ObjectNode> render) {
    ObjectNode out = Json.object();
    var array = out.putArray("item");
    items.forEach(i -> array.add(render.apply(i)));
    return out;
  }
}
