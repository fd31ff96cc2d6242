package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.integration.IntegrationPlan;
import dev.apigw.node.dataplane.responses.GatewayResponses;
import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.node.dataplane.routing.RouteTable;
import dev.apigw.node.dataplane.snapshot.CompiledDeployment;
import dev.apigw.node.dataplane.snapshot.CompiledMethod;
import dev.apigw.node.dataplane.snapshot.LiveApi;
import dev.apigw.node.dataplane.snapshot.LiveStage;
import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.CanarySettings;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.Resource;
import dev.apigw.protocol.restapi.RestApi;
import dev.apigw.protocol.restapi.Stage;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/** Exchanges and live APIs for the pipeline's step tests: plain objects, no node, no Cassandra. */
final class Exchanges {
  static final String API_ID = "a1b2c3d4e5";
  static final String ROOT = "root000001";
  static final String PETS = "pets000001";
  static final String PET = "pet0000001";

  private Exchanges() {}

  /** A new exchange for {@code http} addressed to {@code address}. */
  static RestExchange exchange(HttpRequest http, ApiAddress address) {
    RestExchange ex = new RestExchange(http, "req-1", "ext-1", Instant.parse("2026-12-03T10:00:00Z"), System.nanoTime(),
        "000000000000", "127.0.0.1");
    ex.address = address;
    return ex;
  }

  static ApiAddress address(String stage, String path) {
    return new ApiAddress(API_ID, stage, path, API_ID + ".execute-api.localhost", API_ID, false);
  }

  static Method method(String verb, String authorizationType, boolean apiKeyRequired) {
    return new Method(verb, authorizationType, null, apiKeyRequired, null, null, null, null, null, null, null);
  }

  /** A deployment with {@code GET /pets} and {@code GET /pets/{id}}, both served by {@code plan}. */
  static CompiledDeployment deployment(String id, Method getPet, IntegrationPlan plan) {
    Map<String, Resource> resources = new HashMap<>();
    resources.put(ROOT, new Resource(ROOT, null, null, "/", Map.of()));
    resources.put(PETS, new Resource(PETS, ROOT, "pets", "/pets", Map.of("GET", method("GET", "NONE", false))));
    resources.put(PET, new Resource(PET, PETS, "{id}", "/pets/{id}", Map.of(getPet.httpMethod(), getPet)));
    ApiDefinition definition = new ApiDefinition(ROOT, resources, Map.of(), Map.of(), Map.of(), Map.of());
    RouteTable<CompiledMethod> routes = RouteTable.compile(definition,
        (resource, method) -> new CompiledMethod(method, null, plan, Optional.empty()));
    return new CompiledDeployment(id, routes, GatewayResponses.defaults());
  }

  static Stage stage(String name, Map<String, String> variables, CanarySettings canary) {
    return new Stage(name, "dep0000001", null, Instant.EPOCH, Instant.EPOCH, variables, Map.of(), false, null, false,
        null, canary, Map.of());
  }

  static RestApi restApi(String apiKeySource) {
    return new RestApi(API_ID, "pets", null, Instant.EPOCH, null, List.of(), null, apiKeySource, List.of("REGIONAL"),
        false, null, Map.of(), ROOT);
  }

  static LiveApi api(LiveStage... stages) {
    Map<String, LiveStage> byName = new HashMap<>();
    for (LiveStage s : stages) {
      byName.put(s.stage().stageName(), s);
    }
    return new LiveApi(restApi("HEADER"), byName);
  }

  /** An integration that answers 200 with {@code body} and counts its calls. */
  static final class Answering implements IntegrationPlan {
    int calls;
    private final String body;

    Answering(String body) {
      this.body = body;
    }

    @Override
    public CompletionStage<HttpResponse> invoke(dev.apigw.node.dataplane.request.Invocation invocation) {
      calls++;
      return CompletableFuture.completedFuture(HttpResponse.create().withEntity(body));
    }
  }

  /** Matches and resolves {@code http} against a stage {@code prod} serving {@code deployment}. */
  static RestExchange matched(HttpRequest http, String path, CompiledDeployment deployment) {
    LiveApi api = api(new LiveStage(stage("prod", Map.of(), null), deployment, null));
    RestExchange ex = exchange(http, address("prod", path));
    new ResolveStage(id -> api, () -> 50.0).apply(ex);
    new MatchMethod().apply(ex);
    return ex;
  }
}
