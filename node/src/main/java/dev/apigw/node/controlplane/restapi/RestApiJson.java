package dev.apigw.node.controlplane.restapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.restapi.RestApi;
import java.util.List;

/** Renders REST APIs in AWS's wire shape (apigateway v1 JSON, timestamps in epoch seconds). */
public final class RestApiJson {
  private RestApiJson() {}

  /** One API as AWS renders it. */
  public static ObjectNode render(RestApi api) {
    ObjectNode out = Json.object();
    out.put("id", api.id());
    out.put("name", api.name());
    DefinitionJson.putIfPresent(out, "description", api.description());
    out.put("createdDate", api.createdDate().getEpochSecond());
    DefinitionJson.putIfPresent(out, "version", api.version());
    if (!api.binaryMediaTypes().isEmpty()) {
      var types = out.putArray("binaryMediaTypes");
      api.binaryMediaTypes().forEach(types::add);
    }
    if (api.minimumCompressionSize() != null) {
      out.put("minimumCompressionSize", api.minimumCompressionSize());
    }
    out.put("apiKeySource", api.apiKeySource());
    var endpoint = out.putObject("endpointConfiguration");
    var types = endpoint.putArray("types");
    api.endpointTypes().forEach(types::add);
    endpoint.put("ipAddressType", "ipv4");
    DefinitionJson.putIfPresent(out, "policy", api.policy());
    if (!api.tags().isEmpty()) {
      var tags = out.putObject("tags");
      api.tags().forEach(tags::put);
    }
    out.put("disableExecuteApiEndpoint", api.disableExecuteApiEndpoint());
    out.put("rootResourceId", api.rootResourceId());
    return out;
  }

  static ObjectNode renderPage(List<RestApi> apis, String position) {
    ObjectNode out = Json.object();
    var items = out.putArray("item");
    apis.forEach(api -> items.add(render(api)));
    DefinitionJson.putIfPresent(out, "position", position);
    return out;
  }
}
