package dev.apigw.node.dataplane.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apigw.node.dataplane.mapping.TemplateSettings;
import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.protocol.restapi.Integration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * {@code MOCK}: no backend. The request template's {@code statusCode} (200 when there is none)
 * selects the integration response, whose template produces the body.
 */
final class MockPlan implements IntegrationPlan {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RequestMapping request;
  private final ResponseMapping response;
  private final Executor renders;

  MockPlan(Integration integration, TemplateSettings templates, Executor renders) {
    this.request = new RequestMapping(integration, templates);
    this.response = new ResponseMapping(integration, templates);
    this.renders = renders;
  }

  @Override
  public CompletionStage<HttpResponse> invoke(Invocation inv) {
    // Both templates render on the template threads, one after the other.
    return CompletableFuture.supplyAsync(() -> {
      RequestMapping.Mapped mapped = request.apply(inv);
      int status = statusCode(mapped.body());
      return response.respond(inv, Integer.toString(status), status, Map.of(), new byte[0], null);
    }, renders);
  }

  private static int statusCode(byte[] body) {
    if (body == null || body.length == 0) {
      return 200;
    }
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode code = node == null ? null : node.get("statusCode");
      return code != null && code.canConvertToInt() ? code.asInt() : 200;
    } catch (java.io.IOException e) {
      return 200;
    }
  }
}
